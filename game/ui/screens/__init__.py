"""The screens of the game window, one per module."""
