"""Validation: cross-checks on a loaded scenario, one small ``check_*`` function per rule.

Each check returns a list of findings; ``validate`` runs them all so that one run reports
every problem. The loader has already reported shape problems (keys, types).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from game.engine.findings import ERROR, WARNING, Finding, did_you_mean, hint_with, ordered
from game.engine.model import Condition, Scenario, Text

MAX_SENTENCE_WORDS = 25

Check = Callable[[Scenario], list[Finding]]


def _err(scenario: Scenario, line: int, message: str, hint: str) -> Finding:
    return Finding(scenario.path, line, ERROR, message, hint)


def _warn(scenario: Scenario, line: int, message: str, hint: str) -> Finding:
    return Finding(scenario.path, line, WARNING, message, hint)


def _knock_on(finding: Finding) -> Finding:
    """The same finding marked as a consequence (of a wrong goto, say): it is listed after the causes."""
    return Finding(finding.path, finding.line, finding.severity, finding.message, finding.hint, knock_on=True)


def targets(scenario: Scenario) -> set[str]:
    """Every id a ``goto`` may name."""
    return set(scenario.situations) | set(scenario.endings)


def successors(scenario: Scenario, situation_id: str) -> list[str]:
    """The ids a situation can move to, ignoring conditions."""
    situation = scenario.situations.get(situation_id)
    if situation is None:
        return []
    return [c.goto for c in situation.choices] + [r.goto for r in situation.next]


def reachable_from_start(scenario: Scenario) -> set[str]:
    """Situations and endings reachable from ``start`` in the graph (conditions ignored)."""
    seen: set[str] = set()
    known = targets(scenario)
    todo = [scenario.start] if scenario.start in scenario.situations else []
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(t for t in successors(scenario, current) if t in known and t not in seen)
    return seen


def conditions(scenario: Scenario) -> Iterator[tuple[Condition, str]]:
    """Every condition in the scenario (nested ones too), with a description of its place."""
    def walk(cond: Condition | None, where: str) -> Iterator[tuple[Condition, str]]:
        if cond is None:
            return
        yield cond, where
        for part in cond.parts:
            yield from walk(part, where)

    for situation in scenario.situations.values():
        for choice in situation.choices:
            yield from walk(choice.requires, f"choice {situation.id}.{choice.id}")
        for route in situation.next:
            yield from walk(route.condition, f"next of situation {situation.id}")
    for ending in scenario.endings.values():
        for epilogue in ending.epilogue:
            yield from walk(epilogue.condition, f"epilogue of ending {ending.id}")


# -- checks ------------------------------------------------------------------------------------

def check_start(scenario: Scenario) -> list[Finding]:
    line = scenario.lines.get("start", 1)
    if not scenario.start or scenario.start in scenario.situations:
        return []
    if scenario.start in scenario.endings:
        return [_err(scenario, line, f'start "{scenario.start}" is an ending', "start must name a situation")]
    return [_err(scenario, line, f'start names "{scenario.start}", which is not a situation',
                 hint_with(did_you_mean(scenario.start, scenario.situations),
                           "write the id of the first situation"))]


def check_targets(scenario: Scenario) -> list[Finding]:
    found = []
    known = targets(scenario)
    for situation in scenario.situations.values():
        for choice in situation.choices:
            if choice.goto and choice.goto not in known:
                found.append(_err(scenario, choice.lines.get("goto", choice.line),
                                  f'choice {situation.id}.{choice.id} goes to "{choice.goto}", which is not a '
                                  'situation or ending',
                                  hint_with(did_you_mean(choice.goto, known), "write the id of a situation or an "
                                                                              "ending")))
        for route in situation.next:
            if route.goto and route.goto not in known:
                found.append(_err(scenario, route.line,
                                  f'next of situation {situation.id} goes to "{route.goto}", which is not a '
                                  'situation or ending',
                                  hint_with(did_you_mean(route.goto, known), "write the id of a situation or an "
                                                                             "ending")))
    return found


def check_choices_or_next(scenario: Scenario) -> list[Finding]:
    found = []
    for situation in scenario.situations.values():
        line = situation.lines.get("choices", situation.line)
        if situation.choices and situation.next:
            found.append(_err(scenario, line, f"situation {situation.id} has both choices and next",
                              "keep choices (the player decides) or next (play moves on by itself), not both"))
        elif not situation.choices and not situation.next and not {"choices", "next"} & set(situation.lines):
            found.append(_err(scenario, situation.line, f"situation {situation.id} has no choices and no next",
                              "add choices: with at least one choice, or next: [{goto: ...}]"))
        elif not situation.choices and not situation.next:
            found.append(_err(scenario, line, f"situation {situation.id} has an empty list of choices or next",
                              "add at least one choice, or a next entry"))
    return found


def check_next_order(scenario: Scenario) -> list[Finding]:
    found = []
    for situation in scenario.situations.values():
        routes = situation.next
        for index, route in enumerate(routes):
            last = index == len(routes) - 1
            if last and route.condition is not None:
                found.append(_err(scenario, route.line,
                                  f"the last next entry of situation {situation.id} has an if",
                                  "end the list with an entry without if, e.g. - {goto: afronding}, so play can "
                                  "always move on"))
            if not last and route.condition is None:
                found.append(_err(scenario, route.line,
                                  f"a next entry of situation {situation.id} has no if but is not the last",
                                  "give it an if, or move it to the end (entries after it can never be taken)"))
    return found


def check_duplicate_ids(scenario: Scenario) -> list[Finding]:
    found = []
    for ending_id, ending in scenario.endings.items():
        if ending_id in scenario.situations:
            found.append(_err(scenario, ending.line, f'"{ending_id}" is both a situation and an ending',
                              "rename one of them; ids must be unique"))
    for situation in scenario.situations.values():
        seen: dict[str, int] = {}
        for choice in situation.choices:
            if choice.id and choice.id in seen:
                found.append(_err(scenario, choice.line,
                                  f'choice id "{choice.id}" appears twice in situation {situation.id} (first on line '
                                  f'{seen[choice.id]})',
                                  "give each choice in a situation its own id"))
            seen.setdefault(choice.id, choice.line)
    doc_seen: dict[str, int] = {}
    for doc in scenario.dossier:
        if doc.id and doc.id in doc_seen:
            found.append(_err(scenario, doc.line, f'dossier id "{doc.id}" appears twice (first on line '
                                                  f'{doc_seen[doc.id]})',
                              "give each document its own id"))
        doc_seen.setdefault(doc.id, doc.line)
    return found


def check_metrics(scenario: Scenario) -> list[Finding]:
    found = []
    known = scenario.metrics
    for situation in scenario.situations.values():
        for choice in situation.choices:
            for metric_id in choice.effects:
                if metric_id not in known:
                    found.append(_err(scenario, choice.lines.get(f"effects.{metric_id}", choice.line),
                                      f'choice {situation.id}.{choice.id} changes unknown metric "{metric_id}"',
                                      hint_with(did_you_mean(metric_id, known), "declare it under metrics: or use a "
                                                                                "standard metric")))
    for cond, where in conditions(scenario):
        if cond.kind == "metric" and cond.name and cond.name not in known:
            found.append(_err(scenario, cond.line, f'{where} tests unknown metric "{cond.name}"',
                              hint_with(did_you_mean(cond.name, known), "declare it under metrics: or use a standard "
                                                                        "metric")))
    return found


def check_flags(scenario: Scenario) -> list[Finding]:
    set_somewhere = {flag for s in scenario.situations.values() for c in s.choices for flag in c.set_flags}
    found = []
    for cond, where in conditions(scenario):
        if cond.kind == "flag" and cond.name and cond.name not in set_somewhere:
            found.append(_warn(scenario, cond.line, f'{where} tests flag "{cond.name}", which no choice sets',
                               hint_with(did_you_mean(cond.name, set_somewhere), "add it to a choice's set: list, or "
                                                                                 "fix the name")))
    return found


def check_references(scenario: Scenario) -> list[Finding]:
    """``visited`` and ``chose`` conditions must name existing situations and choices."""
    found = []
    for cond, where in conditions(scenario):
        if cond.kind == "visited" and cond.name and cond.name not in scenario.situations:
            found.append(_err(scenario, cond.line, f'{where} tests visited "{cond.name}", which is not a situation',
                              hint_with(did_you_mean(cond.name, scenario.situations), "write a situation id")))
        if cond.kind == "chose" and cond.name.count(".") == 1:
            situation_id, choice_id = cond.name.split(".")
            situation = scenario.situations.get(situation_id)
            if situation is None:
                found.append(_err(scenario, cond.line, f'{where} tests chose "{cond.name}", but "{situation_id}" is '
                                                       'not a situation',
                                  hint_with(did_you_mean(situation_id, scenario.situations), "write situation.choice")))
            elif situation.choice(choice_id) is None:
                found.append(_err(scenario, cond.line, f'{where} tests chose "{cond.name}", but situation '
                                                       f'{situation_id} has no choice "{choice_id}"',
                                  hint_with(did_you_mean(choice_id, [c.id for c in situation.choices]),
                                            "write situation.choice")))
    return found


def check_levers(scenario: Scenario) -> list[Finding]:
    found = []
    for situation in scenario.situations.values():
        for choice in situation.choices:
            for key, ids in (("levers", choice.levers), ("missed_levers", choice.missed_levers)):
                for lever_id in ids:
                    line = choice.lines.get(key, choice.line)
                    lever = scenario.levers.get(lever_id)
                    if lever is None:
                        found.append(_err(scenario, line, f'choice {situation.id}.{choice.id} names unknown lever '
                                                          f'"{lever_id}"',
                                          hint_with(did_you_mean(lever_id, scenario.levers),
                                                    "use an id from scenarios/levers.yaml or declare it under "
                                                    "levers:")))
                    elif not lever.in_force(scenario.date):
                        found.append(_warn(scenario, line,
                                           f'lever "{lever_id}" is not in force on the scenario date {scenario.date}',
                                           f"check the date, or use a lever valid then ({_validity(lever)})"))
    return found


def _validity(lever: object) -> str:
    start = getattr(lever, "valid_from", None)
    end = getattr(lever, "valid_until", None)
    return f"valid {start or '…'} to {end or '…'}"


def check_dossier(scenario: Scenario) -> list[Finding]:
    found = []
    docs = {doc.id: doc for doc in scenario.dossier}
    unlocked = set()
    for situation in scenario.situations.values():
        for doc_id in situation.unlocks:
            unlocked.add(doc_id)
            if doc_id not in docs:
                found.append(_err(scenario, situation.lines.get("unlocks", situation.line),
                                  f'situation {situation.id} unlocks "{doc_id}", which is not a dossier document',
                                  hint_with(did_you_mean(doc_id, docs), "write the id of a document under dossier:")))
    for doc in scenario.dossier:
        if doc.available == "unlocked" and doc.id not in unlocked:
            found.append(_warn(scenario, doc.line, f'dossier document "{doc.id}" is never unlocked',
                               "name it in a situation's unlocks:, or make it available: start"))
    return found


def check_reachable(scenario: Scenario) -> list[Finding]:
    if scenario.start not in scenario.situations:
        return []
    seen = reachable_from_start(scenario)
    found = [_knock_on(_err(scenario, s.line, f"situation {s.id} cannot be reached from start",
                  "add a choice or next entry that goes to it, or remove it"))
             for s in scenario.situations.values() if s.id not in seen]
    found += [_knock_on(_warn(scenario, e.line, f"ending {e.id} cannot be reached from start",
                              "add a choice or next entry that goes to it, or remove it"))
              for e in scenario.endings.values() if e.id not in seen]
    return found


def check_endings_reachable(scenario: Scenario) -> list[Finding]:
    """From every situation an ending must be reachable (graph, conditions ignored)."""
    predecessors: dict[str, set[str]] = defaultdict(set)
    for situation_id in scenario.situations:
        for target in successors(scenario, situation_id):
            predecessors[target].add(situation_id)
    can_end = set(scenario.endings)
    todo = list(can_end)
    while todo:
        current = todo.pop()
        for before in predecessors[current]:
            if before not in can_end:
                can_end.add(before)
                todo.append(before)
    return [_knock_on(_err(scenario, s.line, f"from situation {s.id} no ending can be reached",
                           "give it (or a situation after it) a choice that leads towards an ending"))
            for s in scenario.situations.values() if s.id not in can_end]


def check_next_cycles(scenario: Scenario) -> list[Finding]:
    """Situations that move on by themselves must not form a circle: play would never stop."""
    moving = _auto_ids(scenario)
    auto = {s: [r.goto for r in scenario.situations[s].next if r.goto in moving] for s in moving}
    found: list[Finding] = []
    state: dict[str, int] = {}  # 1: on the current trail, 2: done
    for root in auto:
        if root in state:
            continue
        trail, todo = [root], [iter(auto[root])]  # iterative depth-first walk: no recursion limit
        state[root] = 1
        while todo:
            target = next(todo[-1], None)
            if target is None:
                state[trail.pop()] = 2
                todo.pop()
            elif state.get(target) == 1:
                cycle = trail[trail.index(target):] + [target]
                found.append(_err(scenario, scenario.situations[target].line,
                                  "situations move on by themselves in a circle: " + " -> ".join(cycle),
                                  "let one of them offer choices, or send a next entry elsewhere"))
            elif target not in state:
                state[target] = 1
                trail.append(target)
                todo.append(iter(auto[target]))
    return found


def _auto_ids(scenario: Scenario) -> set[str]:
    """The situations that move on by themselves (next, no choices)."""
    return {s.id for s in scenario.situations.values() if s.next and not s.choices}


_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n\s*\n|\n\s*[-*•]\s+")
_WORD = re.compile(r"[\w€][\w'’€.,-]*")


def long_sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """(line offset, word count, start) of every sentence longer than the B1 limit."""
    if len(_WORD.findall(text)) <= MAX_SENTENCE_WORDS:  # no sentence has more words than its whole text
        return
    position = 0
    for sentence in _SENTENCE_END.split(text):
        offset = text.count("\n", 0, text.find(sentence, position)) if sentence else 0
        position = max(position, text.find(sentence, position))
        words = _WORD.findall(sentence)
        if len(words) > MAX_SENTENCE_WORDS:
            yield offset, len(words), " ".join(words[:6])


def narrative_texts(scenario: Scenario) -> Iterator[tuple[Text, str]]:
    """The texts a player reads as narrative (not debrief or lever explanations)."""
    yield scenario.summary, "summary"
    for situation in scenario.situations.values():
        yield situation.text, f"situation {situation.id}"
        for choice in situation.choices:
            yield choice.text, f"choice {situation.id}.{choice.id}"
            yield choice.feedback, f"feedback of {situation.id}.{choice.id}"
    for ending in scenario.endings.values():
        yield ending.text, f"ending {ending.id}"
        for epilogue in ending.epilogue:
            yield epilogue.text, f"epilogue of ending {ending.id}"
    for doc in scenario.dossier:
        yield doc.text, f"dossier {doc.id}"


def check_sentence_length(scenario: Scenario) -> list[Finding]:
    """B1 guidance: Dutch narrative sentences of at most 25 words."""
    found = []
    for text, where in narrative_texts(scenario):
        dutch = text.values.get("nl")
        if not isinstance(dutch, str):
            continue
        for offset, words, start in long_sentences(dutch):
            found.append(_warn(scenario, text.where.get("nl", 1) + offset,
                               f'{where}: a sentence of {words} words ("{start} …")',
                               f"split it; B1 Dutch keeps sentences to {MAX_SENTENCE_WORDS} words or fewer"))
    return found


def check_ending_effects(scenario: Scenario) -> list[Finding]:
    """An ending's ``effects`` must name metrics the scenario has."""
    found = []
    for ending in scenario.endings.values():
        for metric_id in ending.effects:
            if metric_id not in scenario.metrics:
                found.append(_err(scenario, ending.lines.get(f"effects.{metric_id}", ending.line),
                                  f'ending {ending.id} changes unknown metric "{metric_id}"',
                                  hint_with(did_you_mean(metric_id, scenario.metrics),
                                            "declare it under metrics: or use a standard metric")))
    return found


CHECKS: tuple[Check, ...] = (
    check_start, check_targets, check_choices_or_next, check_next_order, check_duplicate_ids,
    check_metrics, check_flags, check_references, check_levers, check_dossier, check_reachable,
    check_endings_reachable, check_next_cycles, check_sentence_length, check_ending_effects,
)


def validate(scenario: Scenario, extra: tuple[Check, ...] = ()) -> list[Finding]:
    """Run every check on a loaded scenario and return all findings: causes first, each by line."""
    found: list[Finding] = []
    for check in CHECKS + extra:
        found.extend(check(scenario))
    return ordered(found)
