"""Arrow schemas of the tables hti writes, in one place."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

#: a schema's fields (the stubs type each ``pa.field`` by its Arrow type; a schema mixes them)
Fields = list["pa.Field[Any]"]

#: One row per published value (ARCHITECTURE.md, "Data").
_observations: Fields = [
    pa.field("unit_id", pa.string(), nullable=False),
    pa.field("period", pa.int32(), nullable=False),
    pa.field("source", pa.string(), nullable=False),
    pa.field("measure", pa.string(), nullable=False),
    pa.field("value", pa.float64()),
    pa.field("status", pa.string(), nullable=False),
    pa.field("n", pa.int32()),
    pa.field("raw", pa.string()),
    pa.field("gender", pa.string()),
]

#: Data-quality notes recorded by adapters and the build.
_notes: Fields = [
    pa.field("source", pa.string()),
    pa.field("period", pa.int32()),
    pa.field("file", pa.string()),
    pa.field("row", pa.int32()),
    pa.field("column", pa.string()),
    pa.field("severity", pa.string()),
    pa.field("code", pa.string()),
    pa.field("message", pa.string()),
]

#: The unit registry (kommuner for HTI; any units for another index).
_units: Fields = [
    pa.field("unit_id", pa.string(), nullable=False),
    pa.field("name", pa.string(), nullable=False),
    pa.field("region_id", pa.string()),
    pa.field("region", pa.string()),
    pa.field("group", pa.string()),
    pa.field("population", pa.int64()),
]

OBSERVATIONS = pa.schema(_observations)
#: the columns every notes file has (files written before ``message_sv`` lack it)
NOTES_REQUIRED = pa.schema(_notes)
#: what a build writes: the note in English (``message``) and in Swedish (``message_sv``,
#: null where no Swedish text was given, e.g. a plugin's own note)
NOTES = pa.schema([*_notes, pa.field("message_sv", pa.string())])
UNITS = pa.schema(_units)
