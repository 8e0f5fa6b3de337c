"""Public declarations that plugins return from their hooks.

These dataclasses are the plugin API's vocabulary (see ``hti_tui.hookspecs`` and
``docs/PLUGINS.md``). They are frozen so a declaration cannot change after the
plugin manager has checked it for duplicate ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hti_tui.data.observations import ReadContext

HIGHER = 1
LOWER = -1


@dataclass(frozen=True)
class SourceSpec:
    """A publisher's data source: one survey, register, API or review."""

    id: str
    name: str
    publisher: str = ""
    url: str = ""
    description: str = ""
    citation: str = ""  # what a user must print with the numbers, e.g. "Källa: Kolada"
    kind: str = "register"  # survey | register | review | api | table
    short_name: str = ""  # as a sentence names it, e.g. "brukarundersökningen" (default: name)


@dataclass(frozen=True)
class AdapterSpec:
    """Reads one file format of a source into observations.

    ``read`` receives a :class:`ReadContext` and adds observations to ``ctx.obs``;
    it raises :class:`hti_tui.DataError` (naming file, row and column) when the file
    is not in the format it reads. ``path`` is the default location of the input
    relative to the raw-data directory, with ``{year}`` for the data year; hti.toml
    may override it per source and year. ``formats`` lists the file-format years the
    adapter is written for (documentation; ``hti validate`` warns outside them).
    """

    id: str
    source: str
    read: Callable[[ReadContext], None]
    path: str
    formats: tuple[int, ...] = ()
    version: str = "1"
    description: str = ""
    #: the ``[sources.X.options]`` keys it reads, each a name or an :class:`AdapterOption`
    #: with the type its value must have; ``hti validate`` warns about any other key and
    #: ``hti build`` refuses a value of the wrong type (None: not declared, nothing checked).
    #: The options hti reads itself for every source (:data:`COMMON_OPTIONS`) are added.
    options: tuple[str | AdapterOption, ...] | None = None


@dataclass(frozen=True)
class AdapterOption:
    """One ``[sources.X.options]`` key an adapter reads, and what its value must be.

    hti checks the value before the adapter runs, so a ``sheet = 2`` is an error naming
    hti.toml's line, not a silently ignored option (a bare name accepts any value).
    """

    name: str
    #: the TOML type(s) the value must have: ``str``, ``int``, ``float``, ``bool``,
    #: ``list`` or ``dict`` (a table); ``object`` accepts anything. ``float`` takes an
    #: integer too; ``int`` never takes ``true``/``false``.
    kind: type | tuple[type, ...] = object
    #: for a list, the type of each element
    items: type | tuple[type, ...] | None = None
    #: the only values a string may take (empty: any)
    choices: tuple[str, ...] = ()
    #: one line for the docs and the error message
    description: str = ""
    #: False: hti reads it only from ``[sources.X.options]``, never per data year
    per_year: bool = True


#: options hti itself reads for every source, whatever its adapter
COMMON_OPTIONS: tuple[AdapterOption, ...] = (
    AdapterOption("scale_changed", list, items=str,
                  description="measures whose unit really changed in that data year "
                              "(silences the unit-change check)"),
    AdapterOption("missing_status", str, choices=("suppressed", "not_reported"),
                  description="the status of a kommun absent from the source's file",
                  per_year=False),
)


def declared_options(adapter: AdapterSpec) -> dict[str, AdapterOption] | None:
    """Every option ``adapter`` takes by name (its own over :data:`COMMON_OPTIONS`);
    None when the adapter does not declare its options."""
    if adapter.options is None:
        return None
    out = {o.name: o for o in COMMON_OPTIONS}
    for option in adapter.options:
        spec = AdapterOption(option) if isinstance(option, str) else option
        out[spec.name] = spec
    return out


ComputeFn = Callable[..., Any]


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the index and where its value comes from.

    ``measures`` are ``"source:measure"`` keys of observations. A pass-through
    indicator reads exactly one measure; a computed one adds ``compute``, which
    receives one float64 numpy array per measure (aligned over units, NaN where
    missing) in the order of ``measures`` and returns one array.
    ``goalposts`` are the fixed (low, high) values used by
    the default normalisation, so years stay comparable; ``bounds`` is the range a
    value can possibly take (used to reject impossible what-if values).
    """

    id: str
    name: str
    area: str
    measures: tuple[str, ...]
    direction: int = HIGHER
    unit: str = "%"
    name_en: str = ""
    description: str = ""
    goalposts: tuple[float, float] | None = None
    bounds: tuple[float, float] | None = None
    target: float | None = None
    weight: float = 1.0
    compute: ComputeFn | None = field(default=None, compare=False)
    #: what a NaN from ``compute`` means where every input was present: ``"invalid"`` (a
    #: data-quality note) or ``"not_applicable"`` (the plugin says so: no note)
    nan_means: str = "invalid"
    role: str = "index"  # "context": shown on every surface, never weighted
    scale: str = "continuous"  # "binary" / "ordinal": never outlier-flagged or winsorised

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.split(":", 1)[0] for m in self.measures))


_DIRECTIONS = {"higher": HIGHER, "lower": LOWER, HIGHER: HIGHER, LOWER: LOWER}

#: the measurement units an indicator plugin may declare (``indicator(unit=...)``); any
#: other unit rejects the plugin (a typo'd "procent" must not be stored unchecked)
KNOWN_UNITS: dict[str, str] = {
    "%": "procent, 0–100",
    "ja/nej": "1 ja, 0 nej",
    "ja/delvis/nej": "1 ja, 0,5 delvis, 0 nej",
    "antal": "ett antal",
    "dagar": "dagar",
    "timmar": "timmar",
    "index": "ett indexvärde",
    "poäng": "poäng på en skala",
    "kr": "kronor",
}

_UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "%": (0.0, 100.0),
    "ja/nej": (0.0, 1.0),
}


def indicator(
    id: str,
    name: str,
    *,
    area: str,
    measure: str | None = None,
    measures: tuple[str, ...] | list[str] | None = None,
    direction: str | int = "higher",
    unit: str = "%",
    goalposts: tuple[float, float] | None = None,
    bounds: tuple[float, float] | None = None,
    name_en: str = "",
    description: str = "",
    target: float | None = None,
    weight: float = 1.0,
    compute: ComputeFn | None = None,
    nan_means: str = "invalid",
    role: str = "index",
    scale: str | None = None,
) -> IndicatorSpec:
    """Declare an indicator in one call; a pass-through needs only ``measure``.

    ``bounds`` default to 0–100 for ``%`` and 0–1 for ``ja/nej``; goalposts default
    to the bounds. ``role="context"``: shown, never weighted (e.g. who the users are rather
    than the care they get). ``scale``: "binary" (ja/nej), "ordinal" (a few ordered levels)
    or "continuous"; default "binary" for unit ``ja/nej``. Binary and ordinal items never
    enter outlier flags or winsorisation.
    """
    if role not in ("index", "context"):
        raise ValueError(f"indicator {id!r}: role must be 'index' or 'context'")
    scale = scale if scale is not None else ("binary" if unit == "ja/nej" else "continuous")
    if scale not in ("binary", "ordinal", "continuous"):
        raise ValueError(f"indicator {id!r}: scale must be binary, ordinal or continuous")
    if (measure is None) == (measures is None):
        raise ValueError(f"indicator {id!r}: give exactly one of measure= or measures=")
    if direction not in _DIRECTIONS:
        raise ValueError(f"indicator {id!r}: direction must be 'higher' or 'lower'")
    if nan_means not in ("invalid", "not_applicable"):
        raise ValueError(f"indicator {id!r}: nan_means must be 'invalid' or 'not_applicable'")
    ms = (measure,) if measure is not None else tuple(measures or ())
    if len(ms) > 1 and compute is None:
        raise ValueError(f"indicator {id!r}: several measures need a compute function")
    b = bounds if bounds is not None else _UNIT_BOUNDS.get(unit)
    return IndicatorSpec(
        id=id, name=name, area=area, measures=ms, direction=_DIRECTIONS[direction],
        unit=unit, name_en=name_en, description=description,
        goalposts=goalposts if goalposts is not None else b, bounds=b,
        target=target, weight=weight, compute=compute, nan_means=nan_means, role=role,
        scale=scale,
    )
