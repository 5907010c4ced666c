"""The game window: the only layer that imports pygame (toolkit/ widgets, screens/ one per module)."""
