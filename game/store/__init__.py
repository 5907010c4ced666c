"""The store: players and playthroughs in a local SQLite database, and their CSV export."""
