"""The settings screen's two network parts: where the workshop listens, and sending learning records to the LRS.

``AddressPart`` holds the typed host and port until Enter or *Save address*; a bad value is
refused with the reason and not saved (``game.ui.settings.check_address``). ``SyncPart`` shows
whether an LRS is configured (the endpoint without any secret), what is queued and refused,
and runs *Send now* as a ``BackgroundSync`` in its own thread; the screen polls it each frame,
so the window never waits on the network. The running sync is kept in ``app.kept`` so that
leaving and reopening the settings shows it still running, or its result, and never starts two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from game.ui.settings import check_address, workshop_address
from game.ui.toolkit.widgets import Button, Column, TextBlock, TextInput, Ui
from game.workshop.address import is_own_address, lan_address

if TYPE_CHECKING:
    from game.store.database import Store
    from game.xapi.background import BackgroundSync
    from game.xapi.config import LrsConfig

Line = tuple[str, str]  # (role, text): "text" or "warning"
PORT_FIELD_CHARS = 8  # the port field's width, in digits
REASONS_SHOWN = 3


def _line(column: Column, line: Line) -> None:
    role, text = line
    if role == "warning":
        column.add(TextBlock(text, "small", role="warning_text", box="warning_bg", rich=False))
    else:
        column.add(TextBlock(text, "small", rich=False))


class AddressPart:
    """The workshop server's host and port in the settings, typed and checked before they are saved."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.host_draft: str | None = None  # None: the field shows the saved value
        self.port_draft: str | None = None
        self.lines: list[Line] = []
        self._detected: str | None = None

    @property
    def detected(self) -> str:
        """This laptop's address on the local network (asked once; nothing is sent)."""
        if self._detected is None:
            self._detected = lan_address()
        return self._detected

    def set_host(self, text: str) -> None:
        self.host_draft = text

    def set_port(self, text: str) -> None:
        self.port_draft = text

    @property
    def pending(self) -> bool:
        """Whether something was typed that is not saved yet."""
        return self.host_draft is not None or self.port_draft is not None

    def save(self) -> None:
        """Enter in a field, or *Save address*."""
        self.apply()

    def apply(self) -> bool:
        """Check the typed host and port; save them when both are good, else say why and save nothing."""
        settings, ui = self.app.settings, self.app.ui
        host = self.host_draft if self.host_draft is not None else settings.workshop_host
        port = self.port_draft if self.port_draft is not None else str(settings.workshop_port)
        changes, problems = check_address(host, port)
        if problems:
            self.lines = [("warning", ui.t(key, value=value)) for key, value in problems]
            self.app.rebuild()
            return False
        self.host_draft = self.port_draft = None
        if self.app.change_settings(**changes):
            self.lines = [("text", self.app.ui.t("settings.workshop.saved"))]
        else:  # in use until the window closes, but not kept: say so where it was typed
            self.lines = [("warning", self.app.ui.t("ui.settings_not_saved"))]
        return True

    def save_pending(self) -> None:
        """On leaving the screen: what was typed is saved when good; a bad value is said in a toast, not saved."""
        if self.pending and not self.apply():
            self.app.toast(" ".join(text for _role, text in self.lines))

    def build(self, ui: Ui, column: Column) -> None:
        unit, settings = ui.theme.unit, self.app.settings
        column.add(TextBlock(ui.t("settings.workshop.title"), "text", "bold"), gap=unit // 4)
        column.add(TextBlock(ui.t("settings.workshop.help"), "small", role="muted"), gap=unit // 2)
        column.add(TextBlock(ui.t("settings.workshop.host"), "small", "bold"), gap=unit // 4)
        host = self.host_draft if self.host_draft is not None else settings.workshop_host
        column.add(TextInput(host, self.set_host, self.save, key="workshop_host", max_length=45,
                             placeholder=ui.t("settings.workshop.host_placeholder", detected=self.detected)))
        column.add(TextBlock(ui.t("settings.workshop.port"), "small", "bold"), gap=unit // 4)
        column.add(TextBlock(ui.t("settings.workshop.port_help"), "small", role="muted"), gap=unit // 4)
        port = self.port_draft if self.port_draft is not None else str(settings.workshop_port)
        narrow = Column(ui, column.region, column.x, column.y,
                        min(column.width, ui.layout("0" * PORT_FIELD_CHARS, "text").text_width + 2 * unit))
        narrow.add(TextInput(port, self.set_port, self.save, key="workshop_port", max_length=5,
                             placeholder=ui.t("settings.workshop.port")))
        column.y = narrow.y
        column.row([Button(ui.t("settings.workshop.save"), self.save, "secondary", key="workshop_save")])
        for line in self.lines + self._effect(ui):
            _line(column, line)
        column.space(unit)

    def _effect(self, ui: Ui) -> list[Line]:
        """Where the next workshop listens, and a note when that is not this laptop's address now."""
        given = self.app.kept.get("workshop", {})
        if given.get("host") is not None or given.get("port") is not None:
            return [("warning", ui.t("settings.workshop.command_line"))]
        host, port = workshop_address(self.app.settings, None, None)
        where = host or ui.t("settings.workshop.lan_host", detected=self.detected)
        port_text = ui.t("settings.workshop.port_number", port=port) if port else ui.t("settings.workshop.any_port")
        lines: list[Line] = [("text", ui.t("settings.workshop.listens", host=where, port=port_text))]
        if host and not is_own_address(host):
            lines.append(("warning", ui.t("settings.workshop.not_here", host=host)))
        return lines


def shown_endpoint(endpoint: str) -> str:
    """The LRS address as it may be shown: without a user name or password in it, without a query."""
    parts = urlsplit(endpoint)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2], query="", fragment="").geturl()


class SyncPart:
    """The LRS in the settings: configured or not, queued and refused, and *Send now* in the background."""

    def __init__(self, app: Any) -> None:
        from game.xapi.config import load

        self.app = app
        self.config: LrsConfig = load()
        self.counts = self._counts()

    @property
    def job(self) -> BackgroundSync | None:
        """The sync started from this window (running or done), if any."""
        job: BackgroundSync | None = self.app.kept.get("sync")
        return job

    @property
    def running(self) -> bool:
        return self.job is not None and not self.job.done

    def _store(self) -> Store | None:
        from game.store.database import Store

        store = getattr(self.app.records, "store", None)
        return store if isinstance(store, Store) else None

    def _counts(self) -> dict[str, int] | None:
        from game.store.database import StoreError

        store = self._store()
        if store is None:
            return None
        try:
            return store.outbox.counts()
        except StoreError:
            return None

    def send(self) -> None:
        """Start one sync in its own thread (not while one runs); the screen shows its result when done."""
        from game.xapi.background import BackgroundSync

        if self.running or not self.config.ready or self._store() is None:
            return
        self.app.kept["sync"] = BackgroundSync(self.app.folder, self.config).start()
        self.app.kept["sync_seen"] = False
        self.app.rebuild()

    def poll(self) -> bool:
        """True once, when the sync started here has just finished (the counts are read again)."""
        job = self.job
        if job is None or not job.done or self.app.kept.get("sync_seen"):
            return False
        self.app.kept["sync_seen"] = True
        self.counts = self._counts()
        return True

    def build(self, ui: Ui, column: Column) -> None:
        unit = ui.theme.unit
        column.add(TextBlock(ui.t("settings.sync.title"), "text", "bold"), gap=unit // 4)
        column.add(TextBlock(ui.t("settings.sync.help"), "small", role="muted"), gap=unit // 2)
        for line in self._status(ui):
            _line(column, line)
        ready = self.config.ready and self.counts is not None
        column.row([Button(ui.t("settings.sync.send"), self.send, "secondary", key="sync_send",
                           enabled=ready and not self.running)])
        for line in self._result(ui):
            _line(column, line)
        column.space(unit)

    def _status(self, ui: Ui) -> list[Line]:
        config = self.config
        lines: list[Line] = []
        if config.endpoint:
            lines.append(("text", ui.t("settings.sync.endpoint", endpoint=shown_endpoint(config.endpoint))))
        if not config.ready:
            key = "settings.sync.incomplete" if config.endpoint or config.key or config.secret \
                else "settings.sync.not_configured"
            lines.append(("warning", ui.t(key)))
        lines += [("warning", ui.t("xapi.config_problem", problem=problem)) for problem in config.problems]
        if self.counts is None:
            lines.append(("warning", ui.t("settings.sync.no_store")))
        else:
            lines.append(("text", ui.tn("xapi.queued", self.counts["queued"])))
            if self.counts["rejected"]:
                lines.append(("warning", ui.tn("settings.sync.refused", self.counts["rejected"])))
        return lines

    def _result(self, ui: Ui) -> list[Line]:
        """What the last *Send now* did: still sending; sent N; refused N with the reasons; or why it stopped."""
        job = self.job
        if job is None:
            return []
        if not job.done:
            return [("text", ui.t("settings.sync.sending"))]
        if job.report is None:
            problem = job.error.message(ui.lang) if job.error is not None else job.problem or "?"
            return [("warning", ui.t("settings.sync.failed", problem=problem))]
        report = job.report
        lines: list[Line] = [("text", ui.tn("xapi.sent", report.sent))]
        if report.rejected:
            lines.append(("warning", ui.tn("xapi.rejected_now", len(report.rejected))))
            lines += [("warning", ui.t("settings.sync.reason", reason=reason))
                      for _id, reason in report.rejected[:REASONS_SHOWN]]
            if len(report.rejected) > REASONS_SHOWN:
                lines.append(("warning", ui.tn("settings.sync.more_reasons", len(report.rejected) - REASONS_SHOWN)))
        if report.problem:
            from game.xapi.config import config_path

            lines.append(("warning", ui.t(f"xapi.{report.problem}", path=self.config.path or config_path(),
                                          endpoint=shown_endpoint(self.config.endpoint or ""),
                                          detail=report.detail)))
        return lines
