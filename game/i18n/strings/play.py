"""The play section of the string catalogue: the recorded-play service and atomic file writes."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "files.refused.symlink": {
        "nl": "{path} is een snelkoppeling (symbolische link); Omgekeerd schrijft daar niet doorheen. "
              "Kies een andere bestandsnaam.",
        "en": "{path} is a symbolic link; Omgekeerd does not write through it. Choose another file name."},
    "files.refused.fifo": {
        "nl": "{path} is een pijp (FIFO), geen gewoon bestand; er is niets geschreven. Kies een andere bestandsnaam.",
        "en": "{path} is a pipe (FIFO), not a regular file; nothing was written. Choose another file name."},
    "files.refused.folder": {
        "nl": "{path} is een map, geen bestand; er is niets geschreven. Geef een bestandsnaam in die map.",
        "en": "{path} is a folder, not a file; nothing was written. Name a file inside that folder."},
    "files.refused.special": {
        "nl": "{path} is geen gewoon bestand; er is niets geschreven. Kies een andere bestandsnaam.",
        "en": "{path} is not a regular file; nothing was written. Choose another file name."},
}
