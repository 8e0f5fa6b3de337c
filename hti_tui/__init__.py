"""hti — an open toolkit for Hemtjänstindex: build, rank, explain and compare.

The names exported here are the public API for plugins (see ``docs/PLUGINS.md``):
the ``hookimpl`` marker, the declarations plugins return, what an adapter receives,
and the error types. Plugins import nothing else from ``hti_tui``.
"""

from __future__ import annotations

from hti_tui.data.observations import ObservationBuilder, ReadContext
from hti_tui.data.readers import SheetTable, header_key, read_csv, read_json, read_xlsx
from hti_tui.data.tokens import (
    INVALID,
    NOT_APPLICABLE,
    NOT_REPORTED,
    OK,
    SUPPRESSED,
    Cell,
    parse_cell,
    parse_count,
    parse_yes_no,
)
from hti_tui.errors import ConfigError, DataError, HtiError, ModelError, Note, PluginError
from hti_tui.hookspecs import HOOKSPEC_VERSION, hookimpl
from hti_tui.specs import HIGHER, LOWER, AdapterSpec, IndicatorSpec, SourceSpec, indicator

__version__ = "0.1.0"

__all__ = [
    "HIGHER",
    "HOOKSPEC_VERSION",
    "INVALID",
    "LOWER",
    "NOT_APPLICABLE",
    "NOT_REPORTED",
    "OK",
    "SUPPRESSED",
    "AdapterSpec",
    "Cell",
    "ConfigError",
    "DataError",
    "HtiError",
    "IndicatorSpec",
    "ModelError",
    "Note",
    "ObservationBuilder",
    "PluginError",
    "ReadContext",
    "SheetTable",
    "SourceSpec",
    "__version__",
    "header_key",
    "hookimpl",
    "indicator",
    "parse_cell",
    "parse_count",
    "parse_yes_no",
    "read_csv",
    "read_json",
    "read_xlsx",
]
