"""Method choices and per-indicator parameters: the engine's inputs besides the data.

Each step of the JRC/OECD construction sequence (treatment, normalisation, weighting,
aggregation) is a named choice here, so the Monte Carlo can swap them and every result can
record exactly which choices produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hti_tui import methods as names
from hti_tui.errors import ModelError


def check_choice(kind: str, value: str, valid: tuple[str, ...]) -> None:
    """A ModelError listing the valid names when ``value`` is not one of them."""
    if value not in valid:
        raise ModelError(f"unknown {kind} method '{value}'",
                         hint=f"choose one of: {', '.join(valid)}",
                         sv=f"okänd {kind}-metod '{value}'",
                         sv_hint=f"välj en av: {', '.join(valid)}")


@dataclass(frozen=True)
class GroupRule:
    """How the index is cut into result groups, numbered 0 (lowest) … len(bounds) (highest).

    ``quantiles``: ``bounds`` are probabilities (e.g. 0.2 … 0.8 for fifths) of the index
    among the ranked units; ``cutoffs``: ``bounds`` are fixed index values; ``sd``: ``bounds``
    are the k of mean ± k·SD (rising, > 0); ``interval``: ``bounds`` are rank-share bands
    (``engine.groups``). A score equal to a boundary belongs to the higher group.
    """

    method: str = "quantiles"
    bounds: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8)

    def __post_init__(self) -> None:
        check_choice("result-group", self.method, names.RESULT_GROUP_METHODS)
        b = tuple(float(x) for x in self.bounds)
        object.__setattr__(self, "bounds", b)
        if list(b) != sorted(b):
            raise ModelError(f"result-group bounds must rise: {b}")
        if self.method in ("quantiles", "interval") and not all(0 < x < 1 for x in b):
            raise ModelError(f"result-group quantiles must lie strictly between 0 and 1: {b}")
        if self.method == "sd" and not all(x > 0 for x in b):
            raise ModelError(f"result-group k (mean ± k·SD) must be > 0: {b}")


QUINTILES = GroupRule("quantiles", (0.2, 0.4, 0.6, 0.8))


@dataclass(frozen=True)
class Methods:
    """Every method choice of one computation (defaults are hti.toml's defaults).

    ``zero_floor``: for geometric and harmonic means, child scores below it are raised to
    it first (the Monte Carlo uses 1); None means a zero or negative score is a ModelError.
    """

    normalisation: str = "goalposts"
    aggregation: str = "arithmetic"
    missing: str = "reweight"
    min_coverage: float = 0.5
    outliers: str = "none"
    winsor_skew: float = 2.0
    winsor_kurtosis: float = 3.5
    winsor_max_share: float = 0.05
    zero_floor: float | None = None
    groups: GroupRule = field(default=QUINTILES)
    penalty: str = "zero"

    def __post_init__(self) -> None:
        from hti_tui.engine.registry import REGISTRY  # registry → normalise → this module

        check_choice("normalisation", self.normalisation, REGISTRY.names("normalisation"))
        check_choice("aggregation", self.aggregation, REGISTRY.names("aggregation"))
        check_choice("missing-data", self.missing, names.MISSING_POLICIES)
        check_choice("outlier", self.outliers, names.OUTLIER_TREATMENTS)
        check_choice("penalty", self.penalty, names.PENALTIES)
        if not 0 <= self.min_coverage <= 1:
            raise ModelError(f"min_coverage {self.min_coverage} must lie between 0 and 1")
        if not 0 <= self.winsor_max_share <= 1:
            raise ModelError(f"winsor_max_share {self.winsor_max_share} must lie in [0, 1]")
        if self.zero_floor is not None and not self.zero_floor > 0:
            raise ModelError(f"zero_floor {self.zero_floor} must be positive",
                             hint="geometric and harmonic means need scores above zero")

    @classmethod
    def from_config(cls, method_config: Any) -> Methods:
        """From hti.toml's ``[method]`` (a ``MethodConfig``, read by attribute name)."""
        rg = method_config.result_groups
        bounds = rg.cutoffs if rg.method == "cutoffs" else rg.sd_k if rg.method == "sd" \
            else rg.quantiles
        return cls(normalisation=method_config.normalisation,
                   aggregation=method_config.aggregation,
                   missing=method_config.missing,
                   min_coverage=float(method_config.min_coverage),
                   outliers=method_config.outliers,
                   winsor_skew=float(method_config.winsor_skew),
                   winsor_kurtosis=float(method_config.winsor_kurtosis),
                   winsor_max_share=float(method_config.winsor_max_share),
                   groups=GroupRule(rg.method, tuple(bounds)),
                   penalty=getattr(method_config, "penalty", "zero"))

    def describe(self) -> dict[str, object]:
        """The choices as plain values (for provenance and reports)."""
        return {"normalisation": self.normalisation, "aggregation": self.aggregation,
                "missing": self.missing, "min_coverage": self.min_coverage,
                "outliers": self.outliers, "zero_floor": self.zero_floor,
                "groups": {"method": self.groups.method, "bounds": list(self.groups.bounds)}}


@dataclass(frozen=True)
class IndicatorParams:
    """Per-indicator constants, in ``Tree.indicator_ids`` order.

    ``goalposts`` (I, 2): the fixed (low, high) values of the goalpost normalisation, in the
    indicator's own unit with low < high whatever the direction (NaN when not declared);
    ``targets`` (I,): the value that scores 100 under distance-to-target (NaN if none);
    ``bounds`` (I, 2): the range a value can possibly take (what-if rejects values outside);
    ``continuous`` (I,): False for ja/nej and ordinal items, which never enter outlier flags
    or winsorisation (their skew only says most units answer alike; winsorising would lift a
    "Nej" to "Delvis").
    """

    goalposts: np.ndarray
    targets: np.ndarray
    bounds: np.ndarray
    continuous: np.ndarray | None = None  # (I,) bool; False: ja/nej or ordinal, never winsorised

    def continuous_mask(self, n_indicators: int) -> np.ndarray:
        """(I,) which indicators may be outlier-flagged or winsorised (default: all)."""
        if self.continuous is None:
            return np.ones(n_indicators, dtype=bool)
        return np.asarray(self.continuous, dtype=bool)

    @classmethod
    def empty(cls, n_indicators: int) -> IndicatorParams:
        """No goalposts or targets, unbounded values (enough for minmax/zscore/rank)."""
        return cls(goalposts=np.full((n_indicators, 2), np.nan),
                   targets=np.full(n_indicators, np.nan),
                   bounds=np.tile([-np.inf, np.inf], (n_indicators, 1)))

    def check(self, n_indicators: int) -> None:
        """Shapes must match the tree; a mismatch is a ModelError."""
        shapes = {"goalposts": (np.shape(self.goalposts), (n_indicators, 2)),
                  "targets": (np.shape(self.targets), (n_indicators,)),
                  "bounds": (np.shape(self.bounds), (n_indicators, 2))}
        for key, (got, want) in shapes.items():
            if tuple(got) != want:
                raise ModelError(f"indicator parameter '{key}' has shape {got}, "
                                 f"the tree needs {want}")
