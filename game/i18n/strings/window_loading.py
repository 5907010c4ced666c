"""Interface strings of the window while it loads the scenario library in the background."""

from __future__ import annotations

STRINGS = {
    "ui.loading.library_start": {
        "nl": "Bibliotheek laden…",
        "en": "Loading library…",
    },
    "ui.loading.library": {
        "nl": {
            "one": "Bibliotheek laden… {done} van {count} casus",
            "other": "Bibliotheek laden… {done} van {count} casussen",
        },
        "en": {
            "one": "Loading library… {done} of {count} case",
            "other": "Loading library… {done} of {count} cases",
        },
    },
    "ui.loading.resume_waits": {
        "nl": "Even wachten: de bibliotheek wordt nog geladen. Daarna ga je verder.",
        "en": "One moment: the library is still loading. Then you carry on.",
    },
}
