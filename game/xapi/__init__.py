"""xAPI learning records: statements, the outbox and sync to the organisation's learning record store."""
