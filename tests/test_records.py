"""Every class built by game.engine.records.dataclass behaves as the standard decorator's twin of it (issue 16)."""

from __future__ import annotations

import abc
import dataclasses
import importlib
import inspect
import operator
import pkgutil
import re
from dataclasses import KW_ONLY, MISSING, InitVar
from typing import ClassVar

import pytest

import game
import scoring
from game.engine import records
from game.engine.records import dataclass, field


def _all_modules() -> list[str]:
    names = []
    for package in (game, scoring):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            names.append(info.name)
    return names


for _name in _all_modules():
    importlib.import_module(_name)  # every class of the game is made (the window's too: pygame is headless here)

BUILT = sorted(records.OPTIONS.keys(), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def twin(cls: type) -> type:
    """The same class body decorated by the standard dataclasses.dataclass."""
    init, with_repr, eq, frozen, order, slots = records.OPTIONS[cls]
    made = {name for name, value in cls.__dict__.items() if _made_by_records(value)}
    skipped = made | {"__dict__", "__weakref__", "__dataclass_fields__", "__dataclass_params__", "__match_args__"}
    if slots:  # the slots and their descriptors are made again by the standard decorator
        skipped |= {"__slots__", *cls.__dict__.get("__slots__", ())}
    body = {k: v for k, v in cls.__dict__.items() if k not in skipped}
    if "__hash__" in body and body["__hash__"] is None and "__eq__" in made:
        del body["__hash__"]  # set by the decorator, not by the class
    if body.get("__doc__") == _generated_doc(cls):
        body["__doc__"] = None
    for f in dataclasses.fields(cls):
        if f.name in cls.__dict__.get("__annotations__", {}):
            body[f.name] = dataclasses.field(default=f.default, default_factory=f.default_factory, init=f.init,
                                             repr=f.repr, hash=f.hash, compare=f.compare, metadata=f.metadata)
    made_twin = type(cls.__name__, cls.__bases__, body)
    made_twin.__qualname__ = cls.__qualname__
    return dataclasses.dataclass(made_twin, init=init, repr=with_repr, eq=eq, frozen=frozen, order=order, slots=slots)


def _made_by_records(value: object) -> bool:
    code = getattr(getattr(value, "__wrapped__", value), "__code__", None)
    return code is not None and (code.co_filename.startswith("<dataclass ") or code.co_filename == records.__file__)


def _generated_doc(cls: type) -> str:
    try:
        return cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    except (TypeError, ValueError):
        return ""


def sample_arguments(cls: type) -> dict[str, object]:
    return {f.name: f"<{f.name}>" for f in dataclasses.fields(cls)
            if f.init and f.default is MISSING and f.default_factory is MISSING}


def _repr(value: object) -> str:
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))  # default objects made per instance differ in address


def outcome(action, /, *args, **kwargs):  # type: ignore[no-untyped-def]
    """("value", what it returned) or ("raises", the kind of exception)."""
    try:
        return ("value", action(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - the kind of failure is what is compared
        return ("raises", type(exc))


def test_the_game_builds_its_classes_here() -> None:
    assert len(BUILT) >= 100, len(BUILT)
    from game.engine.model import Scenario, Text
    from game.render.report import ScoreCard
    assert {Scenario, Text, ScoreCard} <= set(BUILT)


@pytest.mark.parametrize("cls", BUILT, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_a_class_is_its_standard_twin(cls: type) -> None:
    other = twin(cls)
    assert str(inspect.signature(cls)) == str(inspect.signature(other))
    assert cls.__doc__ == other.__doc__
    shape = [(f.name, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, f.type)
             for f in dataclasses.fields(cls)]
    assert shape == [(f.name, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, f.type)
                     for f in dataclasses.fields(other)]
    assert (cls.__hash__ is None) == (other.__hash__ is None)
    assert hasattr(cls, "__slots__") == hasattr(other, "__slots__")
    assert cls.__match_args__ == other.__match_args__
    arguments = sample_arguments(cls)
    ours, theirs = outcome(cls, **arguments), outcome(other, **arguments)
    assert ours[0] == theirs[0]
    if ours[0] == "raises":
        assert ours[1] is theirs[1]
        return
    mine, standard = ours[1], theirs[1]
    assert outcome(_repr, mine) == outcome(_repr, standard)
    assert (mine == cls(**arguments)) == (standard == other(**arguments))
    assert outcome(hash, mine)[0] == outcome(hash, standard)[0]
    again = cls(**arguments)
    if outcome(hash, mine)[0] == "value" and mine == again:
        assert hash(mine) == hash(again)  # equal values hash alike
    for f in dataclasses.fields(cls):
        if f.init:
            changed = {**arguments, f.name: "<anders>"}
            assert (mine == outcome(cls, **changed)[1]) == (standard == outcome(other, **changed)[1])
            for test in (operator.lt, operator.le, operator.gt, operator.ge):  # "<anders>" sorts before "<name>"
                assert outcome(test, mine, outcome(cls, **changed)[1]) == \
                    outcome(test, standard, outcome(other, **changed)[1])
        for change in ((setattr, "<gezet>"), (delattr,)):  # each on new instances
            assert outcome(change[0], cls(**arguments), f.name, *change[1:])[0] == \
                outcome(change[0], other(**arguments), f.name, *change[1:])[0]
    if all(f.default is not MISSING or f.default_factory is not MISSING for f in dataclasses.fields(cls) if f.init):
        first, second = cls(), cls()
        for f in dataclasses.fields(cls):
            if f.default_factory is not MISSING and f.init:
                assert getattr(first, f.name) is not getattr(second, f.name)  # a fresh value each


def test_replace_asdict_and_a_repr_that_reaches_itself() -> None:
    @dataclass(frozen=True)
    class Point:
        """A point."""

        x: int
        y: int = 0
        tags: list[str] = field(default_factory=list, compare=False)

    @dataclass
    class Node:
        """A node."""

        name: str
        children: list[Node] = field(default_factory=list)

    assert dataclasses.replace(Point(1, 2), y=5) == Point(1, 5)
    assert dataclasses.asdict(Point(1, tags=["a"])) == {"x": 1, "y": 0, "tags": ["a"]}
    assert Point(1, 2, ["a"]) == Point(1, 2, ["b"]) and hash(Point(1, 2)) == hash(Point(1, 2, ["c"]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        Point(1).x = 2  # type: ignore[misc]
    node = Node("a")
    node.children.append(node)
    assert repr(node) == "test_replace_asdict_and_a_repr_that_reaches_itself.<locals>.Node(name='a', children=[...])"
    with pytest.raises(TypeError):
        hash(node)


def test_what_only_the_standard_decorator_does_goes_to_it() -> None:
    @dataclass(order=True)
    class Ranked:
        """Ordered."""

        rank: int

    @dataclass
    class Named:
        """Keyword-only after KW_ONLY."""

        name: str
        _: KW_ONLY
        label: str = ""

    @dataclass
    class Flagged:
        """One keyword-only field."""

        name: str
        flag: bool = field(default=False, kw_only=True)

    assert Ranked(1) < Ranked(2) and Ranked in records.OPTIONS  # order: made here
    assert Named("a", label="b").label == "b" and Named not in records.OPTIONS
    assert Flagged("a", flag=True).flag and Flagged not in records.OPTIONS
    with pytest.raises(TypeError):
        Flagged("a", True)  # type: ignore[misc]


def _cases(make):  # type: ignore[no-untyped-def]
    """Class definitions with ``make`` as the decorator (ours or the standard one), each built and used once.
    (ClassVar and InitVar are imported at module level: the standard decorator looks string annotations up there.)"""
    def classvar_in_base():  # type: ignore[no-untyped-def]
        @make
        class A:
            x: int
            n: ClassVar[int] = 5

        @make
        class B(A):
            y: int = 0
        return repr(B(1, 2)), B.n

    def initvar_in_base():  # type: ignore[no-untyped-def]
        @make
        class A:
            x: int
            k: InitVar[int] = 1

            def __post_init__(self, k: int) -> None:
                self.x *= k

        @make
        class B(A):
            y: int = 0
        return repr(B(2, 3))

    def frozen_below_frozen():  # type: ignore[no-untyped-def]
        @make(frozen=True)
        class A:
            x: int

        @dataclasses.dataclass(frozen=True)
        class B(A):
            y: int = 0

        @make(frozen=True)
        class C(B):
            z: int = 0
        return repr(C(1, 2, 3)), hash(C(1, 2, 3)) == hash(C(1, 2, 3))

    def thawed_below_frozen():  # type: ignore[no-untyped-def]
        @make(frozen=True)
        class A:
            x: int

        @make
        class B(A):
            y: int = 0
        return repr(B(1, 2))

    def default_before_required():  # type: ignore[no-untyped-def]
        @make
        class A:
            x: int = 0
            y: int  # type: ignore[misc]
        return repr(A)

    def named_like_the_helpers():  # type: ignore[no-untyped-def]
        @make(frozen=True)
        class A:
            self: int
            _setattr: int = 1
            __dataclass_FACTORY__: int = 2
        return repr(A(0))

    def slot_not_in_init():  # type: ignore[no-untyped-def]
        @make(slots=True)
        class A:
            x: int
            y: int = field(init=False, default=5)
        return repr(A(1)), A(1).y

    def abstract_repr():  # type: ignore[no-untyped-def]
        class Base(abc.ABC):
            @abc.abstractmethod
            def __repr__(self) -> str: ...

        @make
        class C(Base):
            x: int
        return repr(C(1))

    def options():  # type: ignore[no-untyped-def]
        @make(frozen=True, order=True)
        class A:
            x: int
        params = A.__dataclass_params__  # type: ignore[attr-defined]
        return (params.init, params.repr, params.eq, params.order, params.unsafe_hash, params.frozen,
                A.__lt__.__module__ == A.__module__)

    return [classvar_in_base, initvar_in_base, frozen_below_frozen, thawed_below_frozen, default_before_required,
            named_like_the_helpers, slot_not_in_init, abstract_repr, options]


@pytest.mark.parametrize("number", range(len(_cases(dataclass))))
def test_odd_classes_come_out_as_the_standard_decorator_makes_them(number: int) -> None:
    ours, theirs = _cases(dataclass)[number], _cases(dataclasses.dataclass)[number]
    assert outcome(ours) == outcome(theirs), ours.__name__
