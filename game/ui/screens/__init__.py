"""The screens of the game window, one per module; the router (``game.ui.router``) knows them by name.

A screen never imports another screen: it asks for the next one by name (``self.go(...)``).
"""
