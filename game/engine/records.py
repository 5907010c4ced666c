"""Dataclasses that cost one compile each: ``dataclass`` here is the standard decorator, cheaper to apply.

Python 3.11's ``dataclasses.dataclass`` compiles every method it writes on its own, up to six a
class (frozen ones the most), at every start: 0.25-0.5 ms a class, 20-26 ms of a short command
that loads a case and writes a report (issue 16). This decorator lets the standard one register
the fields (so ``fields``, ``replace``, ``asdict`` and ``is_dataclass`` work as ever) and writes no
method; then ``__init__`` is compiled from the source the standard one writes (defaults, default
factories, ``__post_init__``, ``object.__setattr__`` when frozen), and ``__repr__`` (recursion-safe),
``__eq__``, ``__hash__`` and, for a frozen class, ``__setattr__`` and ``__delattr__`` that raise
``FrozenInstanceError`` are closures over the field names with the standard rules (``repr``,
``compare`` and ``hash`` per field; ``eq`` and ``frozen`` decide the hash). A method the class
defines itself is kept, as the standard decorator keeps it.

``order`` adds ``__lt__``, ``__le__``, ``__gt__`` and ``__ge__`` the same way; ``slots`` has the
standard decorator make the class again with ``__slots__``. What it does not do itself it hands to
the standard decorator unchanged: ``unsafe_hash``, ``kw_only`` (also per field or by ``KW_ONLY``),
frozen classes with slots or with a dataclass base (the standard decorator checks frozenness along
the bases), ``match_args=False``, ``weakref_slot`` and ``InitVar``/``ClassVar`` annotations, also a
base's. ``__dataclass_params__`` records the options as given, as the standard decorator's does.
``tests/test_records.py`` builds every class made here again with the standard decorator and
compares their signatures, fields, reprs, equality, ordering, hashing and freezing.
"""

from __future__ import annotations

import abc
import dataclasses
import weakref
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, field
import operator
from operator import attrgetter
from reprlib import recursive_repr
from typing import TypeVar, dataclass_transform, overload

__all__ = ["dataclass", "field", "FrozenInstanceError"]

_T = TypeVar("_T")


class _Factory:
    """The default of a parameter whose field has a default factory (shown as the standard one shows it)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()
OPTIONS: weakref.WeakKeyDictionary[type, tuple[bool, bool, bool, bool, bool, bool]] = weakref.WeakKeyDictionary()
# ^ each class built here: its (init, repr, eq, frozen, order, slots), for tests/test_records.py


@overload
def dataclass(cls: type[_T], /) -> type[_T]: ...


@overload
def dataclass(*, init: bool = True, repr: bool = True, eq: bool = True, order: bool = False,
              unsafe_hash: bool = False, frozen: bool = False, match_args: bool = True, kw_only: bool = False,
              slots: bool = False, weakref_slot: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(field_specifiers=(field, Field))
def dataclass(cls: type[_T] | None = None, /, *, init: bool = True, repr: bool = True,
              eq: bool = True, order: bool = False, unsafe_hash: bool = False, frozen: bool = False,
              match_args: bool = True, kw_only: bool = False, slots: bool = False,
              weakref_slot: bool = False) -> type[_T] | Callable[[type[_T]], type[_T]]:
    """``dataclasses.dataclass`` with the same options and results, only ``__init__`` compiled."""

    def wrap(cls: type[_T]) -> type[_T]:
        if unsafe_hash or kw_only or not match_args or weakref_slot or (slots and frozen) or (order and not eq) \
                or _special(cls, frozen):
            return dataclasses.dataclass(cls, init=init, repr=repr, eq=eq, order=order, unsafe_hash=unsafe_hash,
                                         frozen=frozen, match_args=match_args, kw_only=kw_only, slots=slots,
                                         weakref_slot=weakref_slot)
        return _built(cls, init, repr, eq, frozen, order, slots)

    return wrap if cls is None else wrap(cls)


def _special(cls: type, frozen: bool) -> bool:
    """Whether the class has what only the standard decorator handles: InitVar, ClassVar or KW_ONLY annotations,
    keyword-only fields, a base with such pseudo-fields or keyword-only fields, or (frozen) any dataclass base,
    whose frozenness the standard decorator checks against."""
    annotations = cls.__dict__.get("__annotations__", {})
    if any(word in str(kind) for kind in annotations.values() for word in ("InitVar", "ClassVar", "KW_ONLY")):
        return True
    if any(isinstance(value, Field) and value.kw_only is True for value in cls.__dict__.values()):
        return True
    for base in cls.__mro__[1:]:
        known = base.__dict__.get("__dataclass_fields__")
        if known is None:
            continue
        if frozen or len(known) != len(dataclasses.fields(base)) or any(f.kw_only is True for f in known.values()):
            return True
    return False


def _built(cls: type[_T], init: bool, with_repr: bool, eq: bool, frozen: bool, order: bool,
           slots: bool) -> type[_T]:
    own = cls.__dict__
    documented = bool(own.get("__doc__"))
    if not documented:
        cls.__doc__ = " "  # for now: the standard decorator would work out a signature before ours exists
    class_hash = own.get("__hash__", MISSING)
    explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in own))
    if frozen:
        for name in ("__setattr__", "__delattr__"):
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    if order:
        for name in ("__lt__", "__le__", "__gt__", "__ge__"):
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}. Consider using "
                                "functools.total_ordering")
    # registers the fields and writes no method (with slots: makes the class again, with __slots__)
    cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots)
    own = cls.__dict__
    fields = list(dataclasses.fields(cls))  # type: ignore[arg-type]  # a dataclass now
    if len(fields) != len(own["__dataclass_fields__"]):  # a ClassVar or InitVar the annotation text hid
        raise TypeError(f"{cls.__qualname__}: a ClassVar or InitVar through another name; write ClassVar or InitVar "
                        "(or use dataclasses.dataclass)")
    params = own["__dataclass_params__"]  # what the class is, as the standard decorator records it
    params.init, params.repr, params.eq, params.order, params.frozen = init, with_repr, eq, order, frozen
    made: dict[str, object] = {}
    if init and "__init__" not in own:  # the one method compiled: it runs for every object made
        # As the standard decorator does: the source is made of the field names of a class in our own code (checked
        # to be identifiers), never of input; defaults and factories are passed as objects, not as text.
        if not all(f.name.isidentifier() for f in fields):
            raise TypeError(f"{cls.__qualname__}: a field name that is not an identifier")
        names: dict[str, object] = {"__dataclass_FACTORY__": _FACTORY, "__dataclass_setattr__": object.__setattr__}
        source = "\n".join(_init(fields, frozen, slots, hasattr(cls, "__post_init__"), names)) + "\n"
        exec(compile(source, f"<dataclass {cls.__module__}.{cls.__qualname__}>", "exec"), names)
        made["__init__"] = names["__init__"]
    if with_repr and "__repr__" not in own:
        made["__repr__"] = _repr_of(tuple(f.name for f in fields if f.repr))
    if eq and "__eq__" not in own:
        made["__eq__"] = _eq_of(_values_of(tuple(f.name for f in fields if f.compare)))
    if eq and frozen and not explicit_hash:
        made["__hash__"] = _hash_of(_values_of(tuple(f.name for f in fields
                                                     if (f.compare if f.hash is None else f.hash))))
    if order:
        made.update(zip(("__lt__", "__le__", "__gt__", "__ge__"),
                        _order_of(_values_of(tuple(f.name for f in fields if f.compare))), strict=True))
    if frozen:
        made["__setattr__"], made["__delattr__"] = _frozen_of(cls, frozenset(f.name for f in fields))
    for name, method in made.items():
        setattr(method, "__qualname__", f"{cls.__qualname__}.{name}")  # noqa: B010 - any callable
        setattr(method, "__module__", cls.__module__)  # noqa: B010
        setattr(cls, name, method)
    if "__init__" in made:
        init_method = own["__init__"]
        init_method.__annotations__ = {f.name: f.type for f in fields if f.init} | {"return": None}
    if eq and not frozen and not explicit_hash:
        cls.__hash__ = None  # type: ignore[assignment]  # as the standard one: equal by value, so unhashable
    if not documented:
        import inspect

        try:
            text = str(inspect.signature(cls)).replace(" -> None", "")
        except (TypeError, ValueError):
            text = ""
        cls.__doc__ = cls.__name__ + text
    abc.update_abstractmethods(cls)  # as the standard one: a method written here may be an abstract one's
    OPTIONS[cls] = (init, with_repr, eq, frozen, order, slots)
    return cls


def _values_of(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The field values an object is compared (or hashed) by, as a tuple."""
    if not names:
        return lambda _self: ()
    if len(names) == 1:
        name = names[0]
        return lambda self: (getattr(self, name),)
    return attrgetter(*names)


def _repr_of(names: tuple[str, ...]) -> Callable[[object], str]:
    def __repr__(self: object) -> str:
        return f"{self.__class__.__qualname__}({', '.join([f'{n}={getattr(self, n)!r}' for n in names])})"

    return recursive_repr()(__repr__)  # as the standard one: a repr that reaches itself shows '...'


def _eq_of(values: Callable[[object], tuple[object, ...]]) -> Callable[[object, object], object]:
    def __eq__(self: object, other: object) -> object:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _order_of(values: Callable[[object], tuple[object, ...]]) -> tuple[Callable[[object, object], object], ...]:
    """``__lt__``, ``__le__``, ``__gt__`` and ``__ge__``: the compared values in order, within one class only."""

    def compare(test: Callable[[tuple[object, ...], tuple[object, ...]], bool]) -> Callable[[object, object], object]:
        def method(self: object, other: object) -> object:
            if other.__class__ is self.__class__:
                return test(values(self), values(other))
            return NotImplemented

        return method

    return (compare(operator.lt), compare(operator.le), compare(operator.gt), compare(operator.ge))


def _hash_of(values: Callable[[object], tuple[object, ...]]) -> Callable[[object], int]:
    def __hash__(self: object) -> int:
        return hash(values(self))

    return __hash__


def _frozen_of(cls: type, names: frozenset[str]) -> tuple[Callable[[object, str, object], None],
                                                          Callable[[object, str], None]]:
    def __setattr__(self: object, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]  # self is a cls

    def __delattr__(self: object, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return __setattr__, __delattr__


def _init(fields: list[Field[object]], frozen: bool, slots: bool, post_init: bool,
          names: dict[str, object]) -> list[str]:
    """The source of ``__init__``, as the standard decorator writes it (its names, its errors)."""
    me = "__dataclass_self__" if "self" in (f.name for f in fields) else "self"
    params: list[str] = []
    body: list[str] = []
    seen_default = False
    for f in fields:
        default, factory = f"__dataclass_dflt_{f.name}__", f"__dataclass_factory_{f.name}__"
        if f.default is not MISSING:
            names[default] = f.default
        if f.default_factory is not MISSING:
            names[factory] = f.default_factory
        if f.init:
            if f.default is not MISSING:
                params.append(f"{f.name}={default}")
                value = f.name
            elif f.default_factory is not MISSING:
                params.append(f"{f.name}=__dataclass_FACTORY__")
                value = f"{factory}() if {f.name} is __dataclass_FACTORY__ else {f.name}"
            else:
                if seen_default:
                    raise TypeError(f"non-default argument {f.name!r} follows default argument")
                params.append(f.name)
                value = f.name
            seen_default = seen_default or f.default is not MISSING or f.default_factory is not MISSING
        elif f.default_factory is not MISSING:
            value = f"{factory}()"
        elif slots and f.default is not MISSING:  # a slot has no class attribute to fall back on
            value = default
        else:  # not a parameter: reading it gives the class attribute (its default), as with the standard one
            continue
        body.append(f"    __dataclass_setattr__({me}, {f.name!r}, {value})" if frozen else
                    f"    {me}.{f.name} = {value}")
    if post_init:
        body.append(f"    {me}.__post_init__()")
    return [f"def __init__({', '.join([me, *params])}):"] + (body or ["    pass"])
