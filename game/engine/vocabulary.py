"""The closed word lists the command line offers as choices, in a module that imports nothing (short commands)."""

BACKGROUNDS = ("inkomen", "handhaving", "wmo", "jeugd", "nieuw")

LANGUAGES = ("nl", "en")
