"""Sections of the string catalogue, one module per area; each defines ``STRINGS``."""
