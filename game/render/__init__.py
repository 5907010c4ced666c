"""Render: playthroughs, debriefs and scenarios as terminal text, HTML reports and graphs."""
