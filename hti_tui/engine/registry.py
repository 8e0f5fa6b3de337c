"""The method registry: every normalisation, aggregation and imputation the engine can use.

The built-ins are registered here exactly as a plugin's methods are (through
:meth:`MethodRegistry.add`, from the ``hti_methods`` hook), so hti.toml, the engine, the
Monte Carlo and ``hti plugins`` all read one list. A normalisation maps raw indicator
values to 0–100 scores (direction-aware); an aggregation is a generalised mean given by a
transform and its inverse (``mean = inverse(Σ w·forward(s) / Σ w)``), which is what the
engine's weighted, re-weighted and batched means need; an imputation proposes a value for
every cell (the engine uses it only where a missing cell asks for that method). A name is
registered once: a second
declaration of a taken name is an error naming both origins.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import numpy as np

from hti_tui.errors import ModelError

#: what a normalisation may need from the indicators' declarations
NEEDS = ("goalposts", "target")


@dataclass(frozen=True)
class NormInput:
    """What a normalisation receives: values (units × indicators), direction (+1 higher is
    better, −1 lower), and per indicator the goalposts and target (NaN where not declared)."""

    x: np.ndarray
    direction: np.ndarray
    low: np.ndarray
    high: np.ndarray
    target: np.ndarray


class MethodSpec:
    """What the ``hti_methods`` hook returns: a :class:`Normalisation` or an
    :class:`Aggregation` (the base only names the kind for the plugin host's checks)."""

    __slots__ = ()


@dataclass(frozen=True)
class Normalisation(MethodSpec):
    """A named normalisation. ``score(inp)`` returns scores (units × indicators); NaN stays
    NaN. ``needs`` lists what every indicator must declare ("goalposts", "target")."""

    name: str
    score: Callable[[NormInput], np.ndarray]
    needs: tuple[str, ...] = ()
    about: str = ""
    kind: str = field(default="normalisation", init=False)

    @property
    def id(self) -> str:
        return f"normalisation:{self.name}"


@dataclass(frozen=True)
class Aggregation(MethodSpec):
    """A named generalised mean: ``inverse(Σ w·forward(s) / Σ w)``. ``positive``: the mean is
    undefined for scores ≤ 0 (the engine then needs ``zero_floor``)."""

    name: str
    forward: Callable[[np.ndarray], np.ndarray]
    inverse: Callable[[np.ndarray], np.ndarray]
    positive: bool = False
    about: str = ""
    kind: str = field(default="aggregation", init=False)

    @property
    def id(self) -> str:
        return f"aggregation:{self.name}"


@dataclass(frozen=True)
class ImputeInput:
    """What an imputation receives: values (units × indicators, NaN = missing), each unit's
    group label (None = no group; None when hti.toml names no group column) and last year's
    values in the same unit and indicator order (None when there is no previous year)."""

    x: np.ndarray
    groups: np.ndarray | None
    previous: np.ndarray | None


@dataclass(frozen=True)
class Imputation(MethodSpec):
    """A named imputation. ``fill(inp)`` returns the value each cell would get (NaN: none,
    the cell stays missing and is re-weighted) and optionally, per cell, the name of what
    was done (e.g. a group median that fell back to the median); None means ``name``."""

    name: str
    fill: Callable[[ImputeInput], tuple[np.ndarray, np.ndarray | None]]
    about: str = ""
    kind: str = field(default="imputation", init=False)

    @property
    def id(self) -> str:
        return f"imputation:{self.name}"


Method = Normalisation | Aggregation | Imputation


class MethodRegistry:
    """Name → method, per kind, with where each came from ("built-in" or a plugin's name)."""

    def __init__(self) -> None:
        self._methods: dict[str, dict[str, tuple[Method, str]]] = {
            "normalisation": {}, "aggregation": {}, "imputation": {}}

    def add(self, method: Method, origin: str = "built-in") -> None:
        """Register ``method``; the same origin registering it again replaces it (a project
        loaded twice), another origin's name is an error naming both."""
        if not isinstance(method, (Normalisation, Aggregation, Imputation)):
            raise ModelError(f"{origin} declares {method!r}, not a Normalisation, an "
                             "Aggregation or an Imputation")
        if not method.name or not method.name.isidentifier():
            raise ModelError(f"{origin} declares a {method.kind} named '{method.name}'",
                             hint="a method's name is one word of letters, digits and _",
                             sv=f"{origin} deklarerar en {method.kind}-metod som heter "
                                f"'{method.name}'",
                             sv_hint="en metods namn är ett ord av bokstäver, siffror och _")
        if isinstance(method, Normalisation):
            unknown = [n for n in method.needs if n not in NEEDS]
            if unknown:
                raise ModelError(f"normalisation '{method.name}' ({origin}) needs "
                                 f"{', '.join(unknown)}", hint=f"needs may be: {', '.join(NEEDS)}")
        table = self._methods[method.kind]
        taken = table.get(method.name)
        if taken is not None and taken[1] != origin:
            raise ModelError(f"{origin} declares the {method.kind} '{method.name}', which "
                             f"{taken[1]} already declares",
                             hint="rename it, or disable one of the plugins",
                             sv=f"{origin} deklarerar {method.kind}-metoden '{method.name}', "
                                f"som {taken[1]} redan deklarerar",
                             sv_hint="byt namn på den, eller stäng av ett av pluginen")
        table[method.name] = (method, origin)

    def names(self, kind: str, origins: Collection[str] | None = None) -> tuple[str, ...]:
        """The names of a kind; with ``origins``, only the built-ins and methods from those
        origins (one process may have loaded other projects' plugins too)."""
        return tuple(n for n, (_, o) in self._methods[kind].items()
                     if origins is None or o == "built-in" or o in origins)

    def _get(self, kind: str, name: str) -> Method:
        found = self._methods[kind].get(name)
        if found is None:
            raise ModelError(f"unknown {kind} method '{name}'",
                             hint=f"choose one of: {', '.join(self.names(kind))}",
                             sv=f"okänd {kind}-metod '{name}'",
                             sv_hint=f"välj en av: {', '.join(self.names(kind))}")
        return found[0]

    def normalisation(self, name: str) -> Normalisation:
        method = self._get("normalisation", name)
        assert isinstance(method, Normalisation)
        return method

    def aggregation(self, name: str) -> Aggregation:
        method = self._get("aggregation", name)
        assert isinstance(method, Aggregation)
        return method

    def imputation(self, name: str) -> Imputation:
        method = self._get("imputation", name)
        assert isinstance(method, Imputation)
        return method

    def listing(self, origins: Collection[str] | None = None) -> list[dict[str, str]]:
        """Every method with its kind, origin and one line about it (``hti plugins``);
        ``origins`` as for :meth:`names`."""
        return [{"kind": kind, "name": name, "origin": origin, "about": method.about}
                for kind, table in self._methods.items()
                for name, (method, origin) in table.items()
                if origins is None or origin == "built-in" or origin in origins]


#: the one registry of the process (the built-ins and every loaded plugin's methods)
REGISTRY = MethodRegistry()


def _identity(s: np.ndarray) -> np.ndarray:
    return s


def _log(s: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.log(s)
    return out


def _reciprocal(s: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        out: np.ndarray = 1.0 / s
    return out


def _register_builtins() -> None:
    from hti_tui.engine import impute as im
    from hti_tui.engine import normalise as n

    for method in (
        Normalisation("goalposts", lambda i: n.goalposts(i.x, i.low, i.high, i.direction),
                      needs=("goalposts",),
                      about="100·(x − low)/(high − low) on fixed goalposts, clipped to 0–100"),
        Normalisation("minmax", lambda i: n.minmax(i.x, i.direction),
                      about="the same over the observed min and max"),
        Normalisation("zscore", lambda i: n.zscore(i.x, i.direction),
                      about="50 + 10·z (sample standard deviation), not clipped"),
        Normalisation("rank", lambda i: n.rank(i.x, i.direction),
                      about="the percentile of the unit's rank, ties averaged"),
        Normalisation("target", lambda i: n.target(i.x, i.low, i.high, i.target, i.direction),
                      needs=("goalposts", "target"),
                      about="distance to a target from the lower goalpost, floored at 0"),
        Aggregation("arithmetic", _identity, _identity,
                    about="weighted arithmetic mean (full compensation)"),
        Aggregation("geometric", _log, np.exp, positive=True,
                    about="weighted geometric mean (less compensation; needs scores > 0)"),
        Aggregation("harmonic", _reciprocal, _reciprocal, positive=True,
                    about="weighted harmonic mean (least compensation; needs scores > 0)"),
        Imputation("mean", lambda i: (im.column_stat(i.x, "mean"), None),
                   about="the mean of the indicator's observed values that year"),
        Imputation("median", lambda i: (im.column_stat(i.x, "median"), None),
                   about="the median of the indicator's observed values that year"),
        Imputation("group_median", lambda i: im.group_median(i.x, i.groups),
                   about="the median within the unit's group (else the median)"),
        Imputation("p25", lambda i: (im.column_stat(i.x, "p25"), None),
                   about="the 25th percentile: a unit is not assumed to be typical"),
        Imputation("last_year", lambda i: im.last_year(i.x, i.previous),
                   about="the unit's own observed value of the previous year"),
    ):
        REGISTRY.add(method)


_register_builtins()
