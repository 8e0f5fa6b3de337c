"""The hti plugin contract (hook specifications), version ``HOOKSPEC_VERSION``.

Every source adapter and every indicator of the index is contributed by a plugin
through these hooks. They are declarative: a plugin returns descriptions
(:mod:`hti_tui.specs`) and hti decides when to call the functions inside them. The
core calls each plugin's implementation on its own, so one plugin that raises is
reported by name and the others still count.

The version covers the hooks and the names ``hti_tui`` exports for plugins. Changing a
hook's arguments or meaning, or removing an exported name, is a breaking change: bump the
major part of ``HOOKSPEC_VERSION``; a new hook or name bumps the minor. Either way write a
note in ``docs/PLUGINS.md`` ("Versions").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from hti_tui.engine.registry import Aggregation, Imputation, Normalisation
    from hti_tui.errors import Note
    from hti_tui.specs import AdapterSpec, IndicatorSpec, SourceSpec

PROJECT_NAME = "hti"
HOOKSPEC_VERSION = "1.3"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

# A spec's body never runs (pluggy calls the plugins' implementations); the specs that
# return a list return the empty one, so each declares its answer's type truthfully.


@hookspec
def hti_sources() -> list[SourceSpec]:
    """Declare the data sources this plugin knows.

    Args: none.

    Returns: a list of :class:`hti_tui.SourceSpec`; ids must be unique across all
    plugins (a second plugin declaring the same id is an error naming both).

    Called: once when the project loads its plugins, before any build.
    """
    return []


@hookspec
def hti_adapters() -> list[AdapterSpec]:
    """Declare adapters that read one file format of a source into observations.

    Args: none.

    Returns: a list of :class:`hti_tui.AdapterSpec`. Each names its source id and a
    ``read(ctx)`` function that adds observations to ``ctx.obs``. hti.toml chooses
    which adapter reads each data year of a source, so a maintainer swaps a yearly
    format by adding an adapter and changing one line there.

    Called: once when the project loads its plugins; ``read`` is called by
    ``hti build`` once per (source, data year) whose input changed.
    """
    return []


@hookspec
def hti_indicators() -> list[IndicatorSpec]:
    """Declare indicators of the index.

    Args: none.

    Returns: a list of :class:`hti_tui.IndicatorSpec` (use :func:`hti_tui.indicator`).
    Each names the kvalitetsområde (tree node in hti.toml) it belongs to and the
    ``source:measure`` observations it reads; a computed indicator adds ``compute``.

    Called: once when the project loads its plugins; ``compute`` is called by the
    build once per index year with numpy arrays aligned over units.
    """
    return []


@hookspec
def hti_validate(config: object) -> list[Note]:
    """Add project checks of the plugin's own to ``hti validate``.

    Args: ``config`` — the loaded :class:`hti_tui.project.config.Config` (read only).

    Returns: a list of :class:`hti_tui.Note`; a note of severity ``"error"`` makes
    ``hti validate`` exit non-zero.

    Called: by ``hti validate`` after hti's own checks.
    """
    return []


@hookspec
def hti_build_finished(summary: dict[str, Any]) -> None:
    """Be told that a build finished (for example to export or notify).

    Args: ``summary`` — a JSON-like dict: ``{"sources": [...], "results": [...],
    "notes": int, "synthetic": bool}``.

    Returns: nothing; the return value is ignored.

    Called: at the end of ``hti build``, also when every step was skipped.
    """


@hookspec
def hti_methods() -> list[Normalisation | Aggregation | Imputation]:
    """Add normalisation, aggregation or imputation methods the model (hti.toml ``[method]``,
    ``[method.impute]``) and the Monte Carlo (``[sensitivity]``) can then name.

    Args: none.

    Returns: a list of :class:`hti_tui.Normalisation` (``score(inp)`` → 0–100 scores,
    direction-aware, NaN kept) and :class:`hti_tui.Aggregation` (a generalised mean:
    ``forward``/``inverse`` transforms) and :class:`hti_tui.Imputation` (``fill(inp)`` → a
    value per cell, NaN for none). Names must be new: a plugin naming a built-in or
    another plugin's method is rejected alone, with both named.

    Called: once when the project loads its plugins (since hook API 1.2).
    """
    return []
