"""The engine: source, model, loader, validator, rules, state machine and session (no I/O but reading a file)."""
