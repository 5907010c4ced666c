"""Workshop group sessions into the outbox: the stored counts of each finished group session as statements.

A group session holds no names, only counts (``game.store.groups``). Its statements are built
from what is stored, with stable ids, so queueing them again (every ``sync`` and ``export
--xapi`` does) adds nothing twice. Counts are those of the last voting round of each decision.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from game.engine.loader import load_scenario
from game.engine.model import Scenario
from game.store import groups
from game.store.database import Store, utc_now
from game.store.outbox import Outgoing
from game.xapi import statements
from game.xapi.profile import group_uid
from game.xapi.recorder import Recorder


def group_data(group: groups.GroupSession) -> dict[str, Any]:
    """A stored group session in the shape ``statements.group_statements`` reads."""
    decisions, at = [], _time(group.started)
    for decision in group.decisions:
        if at is not None:
            at += _dt.timedelta(seconds=max(0.0, decision.seconds))
        decisions.append({"situation": decision.situation_id, "counts": dict(decision.rounds[-1]) if decision.rounds
                          else {}, "chosen": decision.followed, "rounds": len(decision.rounds),
                          "at": at.isoformat(timespec="milliseconds") if at is not None else group.started})
    return {"id": group.id, "scenario_id": group.scenario_id, "started": group.started, "finished": group.finished,
            "participants": group.phones, "ending": group.ending, "decisions": decisions}


def queue_groups(store: Store, recorder: Recorder) -> int:
    """Queue the statements of every finished group session (ids already queued are left alone); returns how many."""
    install = store.outbox.install()
    texts: dict[str, Scenario | None] = {}
    count = 0
    for group in groups.list_groups(store):
        if not group.finished:
            continue
        uid = group_uid(install, group.id)
        data = dict(group_data(group), uid=uid)
        actor = statements.group_actor(recorder.home_page, recorder.salt(install), uid)
        made = statements.group_statements(data, actor, uid, _scenario(store, group, texts))
        store.outbox.add([Outgoing(str(s["id"]), step, "group", s) for step, s in enumerate(made)], utc_now(), uid)
        count += len(made)
    return count


def _scenario(store: Store, group: groups.GroupSession, texts: dict[str, Scenario | None]) -> Scenario | None:
    if group.content_hash not in texts:
        rows = store._read("SELECT text FROM contents WHERE hash = ?", (group.content_hash,))
        found = None
        if rows:
            found, _ = load_scenario(f"{group.scenario_id} (saved copy)", {}, data=str(rows[0][0]).encode("utf-8"))
        texts[group.content_hash] = found
    return texts[group.content_hash]


def _time(value: str) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
