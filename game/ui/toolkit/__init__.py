"""Our small widget toolkit on pygame-ce: text, fonts, theme, widgets, chart, chrome and panels."""
