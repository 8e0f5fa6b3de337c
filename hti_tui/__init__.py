"""hti — an open toolkit for Hemtjänstindex: build, rank, explain and compare.

The names exported here are the public API for plugins (see ``docs/PLUGINS.md``):
the ``hookimpl`` marker, the declarations plugins return, what an adapter receives,
the readers, token parsing and wide-table helpers adapters use, and the error types.
Plugins import nothing else from ``hti_tui`` (``tests/plugins/test_public_api.py``
checks every plugin of the repo and the outside test plugin).
"""

from __future__ import annotations

from hti_tui.data.bulk import ParsedColumn, parse_column
from hti_tui.data.observations import CellParser, ObservationBuilder, ReadContext
from hti_tui.data.publisher import (
    Columns,
    add_wide_rows,
    is_aggregate_code,
    required_headers,
    sheet_option,
)
from hti_tui.data.readers import SheetTable, header_key, read_csv, read_json, read_xlsx
from hti_tui.data.tokens import (
    DEFAULT_TOKENS,
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
from hti_tui.engine.registry import (
    Aggregation,
    Imputation,
    ImputeInput,
    Normalisation,
    NormInput,
)
from hti_tui.errors import ConfigError, DataError, HtiError, ModelError, Note, PluginError
from hti_tui.hookspecs import HOOKSPEC_VERSION, hookimpl
from hti_tui.specs import (
    HIGHER,
    LOWER,
    AdapterOption,
    AdapterSpec,
    IndicatorSpec,
    SourceSpec,
    indicator,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TOKENS",
    "HIGHER",
    "HOOKSPEC_VERSION",
    "INVALID",
    "LOWER",
    "NOT_APPLICABLE",
    "NOT_REPORTED",
    "OK",
    "SUPPRESSED",
    "AdapterOption",
    "AdapterSpec",
    "Aggregation",
    "Cell",
    "CellParser",
    "Columns",
    "ConfigError",
    "DataError",
    "HtiError",
    "Imputation",
    "ImputeInput",
    "IndicatorSpec",
    "ModelError",
    "NormInput",
    "Normalisation",
    "Note",
    "ObservationBuilder",
    "ParsedColumn",
    "PluginError",
    "ReadContext",
    "SheetTable",
    "SourceSpec",
    "__version__",
    "add_wide_rows",
    "header_key",
    "hookimpl",
    "indicator",
    "is_aggregate_code",
    "parse_cell",
    "parse_column",
    "parse_count",
    "parse_yes_no",
    "read_csv",
    "read_json",
    "read_xlsx",
    "required_headers",
    "sheet_option",
]
