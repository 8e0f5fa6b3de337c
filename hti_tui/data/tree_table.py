"""A tree read from a metadata table: how a non-HTI index declares itself.

One row per node: code, name, parent, weight, direction and whether it is an
indicator. Both hti's own column names and COINr's ``iMeta`` names are accepted, so
an index built in COINr can be brought over as it is.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from hti_tui.errors import DataError

#: our column → accepted headers (hti's first, then COINr's iMeta)
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "iCode"),
    "name": ("name", "iName"),
    "parent": ("parent", "Parent"),
    "weight": ("weight", "Weight"),
    "direction": ("direction", "Direction"),
    "type": ("type", "Type"),
    "level": ("level", "Level"),
    "unit": ("unit", "Unit"),
    "target": ("target", "Target"),
    "goal_low": ("goal_low",),
    "goal_high": ("goal_high",),
}
_SKIPPED_TYPES = {"denominator", "group", "other"}


@dataclass(frozen=True)
class TreeRow:
    code: str
    name: str
    parent: str | None
    weight: float
    direction: int
    is_indicator: bool
    unit: str
    goalposts: tuple[float, float] | None
    target: float | None
    row: int


def _number(text: str, file: Path, row: int, column: str) -> float | None:
    t = text.strip().replace(",", ".")
    if not t or t.upper() == "NA":
        return None
    try:
        value = float(t)
    except ValueError:
        raise DataError(f"'{text}' is not a number", file=file, row=row, column=column,
                        sv=f"'{text}' är inget tal") from None
    if not math.isfinite(value):
        raise DataError(f"'{text}' is not a finite number", file=file, row=row, column=column,
                        sv=f"'{text}' är inget ändligt tal")
    return value


def read_tree_table(path: Path) -> list[TreeRow]:
    """Rows of a metadata table; indicators are rows of type Indicator or level 1."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read the tree table: {exc}", file=path,
                        sv=f"trädtabellen kan inte läsas: {exc}") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header:
        raise DataError("the tree table is empty", file=path, sv="trädtabellen är tom")
    where: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for n in names:
            if n in header:
                where[key] = header.index(n)
                break
    for key in ("code", "parent"):
        if key not in where:
            raise DataError(f"missing column '{COLUMNS[key][0]}' (or '{COLUMNS[key][1]}')",
                            file=path, row=1, column=COLUMNS[key][0],
                            sv=f"kolumnen '{COLUMNS[key][0]}' (eller '{COLUMNS[key][1]}') saknas")
    if "type" not in where and "level" not in where:
        raise DataError("the tree table needs a 'type' or a 'level' column", file=path, row=1,
                        sv="trädtabellen behöver en kolumn 'type' eller 'level'")
    rows: list[TreeRow] = []
    for rownum, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            i = where.get(key)
            return row[i].strip() if i is not None and i < len(row) else ""

        kind = cell("type").lower()
        if kind in _SKIPPED_TYPES:
            continue
        level = _number(cell("level"), path, rownum, "level") if "level" in where else None
        is_indicator = kind == "indicator" if kind else level == 1
        weight = _number(cell("weight"), path, rownum, "weight")
        direction = _number(cell("direction"), path, rownum, "direction")
        if direction not in (None, 1, -1):
            raise DataError(f"direction must be 1 or -1, not {cell('direction')}", file=path,
                            row=rownum, column="direction",
                            sv=f"direction måste vara 1 eller -1, inte {cell('direction')}")
        low = _number(cell("goal_low"), path, rownum, "goal_low")
        high = _number(cell("goal_high"), path, rownum, "goal_high")
        code = cell("code")
        if not code:
            raise DataError("empty code", file=path, row=rownum, column="code", sv="tom kod")
        rows.append(TreeRow(
            code=code, name=cell("name") or code, parent=cell("parent") or None,
            weight=1.0 if weight is None else weight,
            direction=int(direction) if direction is not None else 1,
            is_indicator=is_indicator, unit=cell("unit"),
            goalposts=(low, high) if low is not None and high is not None else None,
            target=_number(cell("target"), path, rownum, "target"), row=rownum))
    if not rows:
        raise DataError("the tree table has no nodes", file=path,
                        sv="trädtabellen har inga noder")
    return rows
