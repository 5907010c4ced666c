"""Play: the recorded-play service that the window and the terminal share."""
