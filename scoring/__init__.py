"""Scoring: turns playthroughs into scores, patterns and a debrief (pure; never imports pygame)."""
