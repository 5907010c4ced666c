"""The xAPI recorder: the store's statement hook, turning each play event into its statements.

The store calls it inside the transaction of the event (see ``game.store.outbox``). It keeps,
per scenario version (content hash), the loaded scenario and its analysis, and per session
the engine session advanced one choice at a time, so writing a statement costs a few dozen
microseconds; after a resume or an undo it replays the saved choices once.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from game.store.database import Store
from game.store.outbox import Outgoing, SessionFacts
from game.xapi.config import LrsConfig, load
from game.xapi.profile import session_uid, statement_id

# The loader, the machine, the analysis and the statements are imported on first use, so opening
# the recording store before the window's first frame costs none of them.
if TYPE_CHECKING:
    from game.xapi import statements
    from game.engine.model import Scenario
    from game.engine.session import Session
    from scoring.analysis import Analysis

MAX_SESSIONS = 64  # live engine sessions kept for cheap statements (one per recent playthrough)


class Recorder:
    """Builds the statements of start, each choice, an undo and the end of a playthrough."""

    def __init__(self, home_page: str, account_salt: str | None = None) -> None:
        self.home_page = home_page
        self.account_salt = account_salt
        self._scenarios: dict[str, Scenario] = {}
        self._analyses: dict[str, Analysis] = {}
        self._sessions: OrderedDict[tuple[str, int], Session] = OrderedDict()

    @classmethod
    def from_config(cls, config: LrsConfig | None = None) -> Recorder:
        """A recorder with the organisation's home page (and shared salt, if set) from the LRS config."""
        config = config or load()
        return cls(config.home_page, config.account_salt)

    # -- the hook --------------------------------------------------------------------------
    def started(self, facts: SessionFacts, scenario: Scenario) -> list[Outgoing]:
        from game.engine.session import Session
        from game.xapi import statements

        self._scenarios.setdefault(scenario.content_hash, scenario)
        ctx = self._context(facts)
        self._remember((facts.install, facts.session_id), Session(ctx.scenario))
        return [self._out(facts, "attempted", statements.started(ctx, facts.next_step, facts.when))]

    def chose(self, facts: SessionFacts) -> list[Outgoing]:
        from game.xapi import statements

        ctx = self._context(facts)
        session = self._session(facts, ctx.scenario)
        step = session.history[-1]
        situation = ctx.scenario.situations[step.situation]
        choice = situation.choice(step.choice)
        assert choice is not None
        return [self._out(facts, "answered",
                          statements.answered(ctx, facts.next_step, situation, choice, step.metrics, facts.when))]

    def undone(self, facts: SessionFacts) -> list[Outgoing]:
        from game.xapi import statements

        self._sessions.pop((facts.install, facts.session_id), None)
        if facts.last_answer is None:
            return []
        registration = session_uid(facts.install, facts.session_id)
        made = statements.voided(self._actor(facts), registration, facts.next_step, facts.last_answer, facts.when)
        return [Outgoing(made["id"], facts.next_step, "voided", made, target=facts.last_answer)]

    def finished(self, facts: SessionFacts, ending: str, resident: int, rules: int, quadrant: str) -> list[Outgoing]:
        from game.xapi import statements

        self._sessions.pop((facts.install, facts.session_id), None)
        ctx = self._context(facts)
        made = statements.completed(ctx, facts.next_step, ending, resident, rules, quadrant, facts.started, facts.when)
        return [self._out(facts, "completed", made)]

    # -- what the statements need -----------------------------------------------------------
    def salt(self, install: str) -> str:
        """The salt of account names: the organisation's shared one, else this database's install id."""
        return self.account_salt or install

    def _actor(self, facts: SessionFacts) -> statements.Statement:
        from game.xapi import statements

        return statements.actor(self.home_page, self.salt(facts.install), facts.player)

    def _context(self, facts: SessionFacts) -> statements.PlayContext:
        from game.xapi import statements

        scenario = self._scenario(facts)
        analysis = self._analyses.get(scenario.content_hash)
        if analysis is None:
            from scoring.analysis import analyse

            analysis = self._analyses[scenario.content_hash] = analyse(scenario)
        return statements.PlayContext(self._actor(facts), session_uid(facts.install, facts.session_id), scenario,
                                      analysis, facts.mode, facts.lang)

    def _scenario(self, facts: SessionFacts) -> Scenario:
        found = self._scenarios.get(facts.content_hash)
        if found is None:
            from game.engine.loader import load_scenario

            found, _findings = load_scenario(f"{facts.scenario_id} (saved copy)", {}, data=facts.text().encode("utf-8"))
            if found is None:
                raise ValueError(f"the saved text of scenario {facts.scenario_id} cannot be loaded")
            self._scenarios[facts.content_hash] = found
        return found

    def _session(self, facts: SessionFacts, scenario: Scenario) -> Session:
        """The engine session with every choice of ``facts`` made (advanced by one when it can be)."""
        key = (facts.install, facts.session_id)
        session = self._sessions.pop(key, None)
        if session is not None and session.scenario is scenario and tuple(session.choice_ids) == facts.choices[:-1]:
            session.choose(facts.choices[-1])
        else:
            from game.engine.session import Session

            session = Session.replay(scenario, list(facts.choices))
        self._remember(key, session)
        return session

    def _remember(self, key: tuple[str, int], session: Session) -> None:
        self._sessions[key] = session
        while len(self._sessions) > MAX_SESSIONS:
            self._sessions.popitem(last=False)

    def _out(self, facts: SessionFacts, kind: str, made: statements.Statement) -> Outgoing:
        return Outgoing(str(made["id"]), facts.next_step, kind, made)


def open_recording_store(data_dir: str | os.PathLike[str] | Path | None = None,
                         recorder: Recorder | None = None) -> Store:
    """The session store with the xAPI recorder plugged in: every play event queues its statements."""
    return Store.open(data_dir, statements=recorder or Recorder.from_config())


def expected_id(install: str, session_id: int, step: int) -> str:
    """The id the statement of a session's step gets (for tests and tools)."""
    return statement_id(session_uid(install, session_id), step)
