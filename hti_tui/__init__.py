"""hti — an open toolkit for Hemtjänstindex: build, rank, explain and compare.

The names exported here are the public API for plugins (see ``docs/PLUGINS.md``):
the ``hookimpl`` marker, the declarations plugins return, what an adapter receives,
the readers, token parsing and wide-table helpers adapters use, and the error types.
Plugins import nothing else from ``hti_tui`` (``tests/plugins/test_public_api.py``
checks every plugin of the repo and the outside test plugin).

The package imports none of them until one is asked for (PEP 562 ``__getattr__``): any
``import hti_tui.<module>`` runs this file first, and importing every reader, numpy and
pyarrow here made the CLI and the terminal UI pay for them before anything else (issue
#12). ``from hti_tui import read_csv`` works as before; the names' homes are below.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for type checkers and editors
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

#: each public name and the module it lives in (imported on the first use of a name)
_HOMES: dict[str, str] = {
    "ParsedColumn": "hti_tui.data.bulk",
    "parse_column": "hti_tui.data.bulk",
    "CellParser": "hti_tui.data.observations",
    "ObservationBuilder": "hti_tui.data.observations",
    "ReadContext": "hti_tui.data.observations",
    "Columns": "hti_tui.data.publisher",
    "add_wide_rows": "hti_tui.data.publisher",
    "is_aggregate_code": "hti_tui.data.publisher",
    "required_headers": "hti_tui.data.publisher",
    "sheet_option": "hti_tui.data.publisher",
    "SheetTable": "hti_tui.data.readers",
    "header_key": "hti_tui.data.readers",
    "read_csv": "hti_tui.data.readers",
    "read_json": "hti_tui.data.readers",
    "read_xlsx": "hti_tui.data.readers",
    "DEFAULT_TOKENS": "hti_tui.data.tokens",
    "INVALID": "hti_tui.data.tokens",
    "NOT_APPLICABLE": "hti_tui.data.tokens",
    "NOT_REPORTED": "hti_tui.data.tokens",
    "OK": "hti_tui.data.tokens",
    "SUPPRESSED": "hti_tui.data.tokens",
    "Cell": "hti_tui.data.tokens",
    "parse_cell": "hti_tui.data.tokens",
    "parse_count": "hti_tui.data.tokens",
    "parse_yes_no": "hti_tui.data.tokens",
    "Aggregation": "hti_tui.engine.registry",
    "Imputation": "hti_tui.engine.registry",
    "ImputeInput": "hti_tui.engine.registry",
    "Normalisation": "hti_tui.engine.registry",
    "NormInput": "hti_tui.engine.registry",
    "ConfigError": "hti_tui.errors",
    "DataError": "hti_tui.errors",
    "HtiError": "hti_tui.errors",
    "ModelError": "hti_tui.errors",
    "Note": "hti_tui.errors",
    "PluginError": "hti_tui.errors",
    "HOOKSPEC_VERSION": "hti_tui.hookspecs",
    "hookimpl": "hti_tui.hookspecs",
    "HIGHER": "hti_tui.specs",
    "LOWER": "hti_tui.specs",
    "AdapterOption": "hti_tui.specs",
    "AdapterSpec": "hti_tui.specs",
    "IndicatorSpec": "hti_tui.specs",
    "SourceSpec": "hti_tui.specs",
    "indicator": "hti_tui.specs",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'hti_tui' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
