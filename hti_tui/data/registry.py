"""The unit registry: which units (kommuner) exist, and how to recognise their codes.

Units are data, not code: the registry is read from a file named in hti.toml, so the
same engine runs for 290 kommuner or 51 countries. Codes are always strings.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pyarrow as pa

from hti_tui.data.clean import strip_controls
from hti_tui.data.schema import UNITS
from hti_tui.errors import DataError

#: Registry columns hti understands, and the file column each is read from by default.
DEFAULT_COLUMNS: Mapping[str, str] = {
    "unit_id": "kommun_kod",
    "name": "kommun_namn",
    "region_id": "lan_kod",
    "region": "lan_namn",
    "group": "kommungrupp",
    "population": "folkmangd",
}
_REQUIRED = ("unit_id", "name")


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Örebro' and 'orebro' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@dataclass
class UnitRegistry:
    """The known units plus historical code changes, with code recognition rules."""

    table: pa.Table
    code_changes: dict[str, str] = field(default_factory=dict)
    file: str = ""
    #: file column name → registry column it was read into ("kommungrupp" → "group")
    aliases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # schema.UNITS: unit_id and name are non-null strings
        self.ids = cast("list[str]", self.table.column("unit_id").to_pylist())
        self.names = cast("list[str]", self.table.column("name").to_pylist())
        self._index = {u: i for i, u in enumerate(self.ids)}
        digits = [u for u in self.ids if u.isdigit()]
        widths = {len(u) for u in digits}
        # Pad codes only where every registry code is a fixed-width number: a
        # spreadsheet that stored 0114 as the number 114 loses the leading zero.
        fixed = bool(digits) and len(digits) == len(self.ids) and len(widths) == 1
        self._pad_width = widths.pop() if fixed else 0

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._index

    def has_column(self, name: str) -> bool:
        """Whether ``name`` (a registry column or the file's name for it) exists."""
        return self.aliases.get(name, name) in self.table.column_names

    def column(self, name: str) -> list[object]:
        """The values of a registry column, by its registry name ("group") or the file's
        ("kommungrupp"), in registry order; extra file columns are kept as text."""
        key = self.aliases.get(name, name)
        if key not in self.table.column_names:
            known = sorted({*self.table.column_names, *self.aliases})
            raise KeyError(f"no registry column '{name}' (known: {', '.join(known)})")
        return self.table.column(key).to_pylist()

    def position(self, unit_id: str) -> int:
        return self._index[unit_id]

    def name(self, unit_id: str) -> str:
        return self.names[self._index[unit_id]]

    def normalise_code(self, code: object) -> str:
        """The code as text, with a leading zero restored where a spreadsheet dropped it."""
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        text = str(code).strip().replace("\u00a0", "")
        if self._pad_width and text.isdigit() and len(text) < self._pad_width:
            text = text.zfill(self._pad_width)
        return text

    def resolve(self, code: object) -> tuple[str | None, str | None]:
        """Map a published code to a registry id.

        Returns ``(unit_id, note)``: a known code gives ``(code, None)``; an old code
        that changed gives the new id and a note saying so; an unknown code gives
        ``(None, reason)`` so the caller records it instead of keeping a stray unit.
        """
        text = self.normalise_code(code)
        if text in self._index:
            return text, None
        new = self.code_changes.get(text)
        if new is not None and new in self._index:
            return new, self.reason(code)
        return None, self.reason(code)

    def reason(self, code: object, language: str = "en") -> str:
        """What :meth:`resolve` says of a code that is not a registry id, in ``language``."""
        text = self.normalise_code(code)
        new = self.code_changes.get(text)
        if new is not None and new in self._index:
            return (f"gammal kod {text} ersatt med {new} ({self.name(new)})" if language == "sv"
                    else f"old code {text} mapped to {new} ({self.name(new)})")
        return (f"okänd enhetskod '{text}' (finns inte i enhetsregistret {self.file})"
                if language == "sv" else
                f"unknown unit code '{text}' (not in the unit registry {self.file})")

    def find(self, query: str) -> list[str]:
        """Ids whose code or folded name equals the query (several if names repeat)."""
        q = query.strip()
        if q in self._index:
            return [q]
        padded = self.normalise_code(q)
        if padded in self._index:
            return [padded]
        fq = fold(q)
        hits = [u for u, n in zip(self.ids, self.names) if fold(n) == fq]
        if len(hits) > 1:  # "Håbo" and "Habo" fold alike: the name as written wins
            exact = [u for u in hits if self.name(u).casefold() == q.casefold()]
            return exact or hits
        return hits

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """The closest names to a query that matched nothing (for error messages)."""
        import difflib

        folded = {fold(n): n for n in self.names}
        hits = difflib.get_close_matches(fold(query), list(folded), n=limit, cutoff=0.5)
        starts = [n for f, n in folded.items() if f.startswith(fold(query)[:3])] if not hits else []
        return [folded[h] for h in hits] or starts[:limit]


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=path,
                        sv=f"inte UTF-8-text ({exc.reason} vid byte {exc.start})") from None
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", file=path,
                        sv=f"filen kan inte läsas: {exc.strerror}") from None
    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        raise DataError("the file is empty", file=path, sv="filen är tom") from None
    return header, [(i, row) for i, row in enumerate(reader, start=2)]


def _read_parquet(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from hti_tui.data.parquet_store import read_table

    table = read_table(path)
    header = table.column_names
    cols = [table.column(c).to_pylist() for c in header]
    rows = [(i + 1, ["" if v is None else str(v) for v in vals])
            for i, vals in enumerate(zip(*cols))]
    return header, rows


def load_registry(path: Path, columns: Mapping[str, str] | None = None,
                  code_changes: Path | None = None) -> UnitRegistry:
    """Read and check the registry: unique non-empty codes and names, typed columns."""
    columns = {**DEFAULT_COLUMNS, **(columns or {})}
    if not path.exists():
        raise DataError("the unit registry file does not exist", file=path,
                        sv="enhetsregistrets fil finns inte")
    header, rows = _read_parquet(path) if path.suffix == ".parquet" else _read_csv(path)
    where = {k: header.index(v) for k, v in columns.items() if v in header}
    for key in _REQUIRED:
        if key not in where:
            raise DataError(f"missing column '{columns[key]}' (found: {', '.join(header)})",
                            file=path, row=1, column=columns[key],
                            sv=f"kolumnen '{columns[key]}' saknas (fanns: {', '.join(header)})")
    data: dict[str, list[object]] = {f.name: [] for f in UNITS}
    # Columns the file has beyond the known ones (folkmängd 80+, size band, …) are kept as
    # text under their own names, so a method can group or impute by any of them.
    known = {columns[k] for k in where}
    extra = {h: i for i, h in enumerate(header) if h not in known and h not in UNITS.names}
    extra_data: dict[str, list[str | None]] = {h: [] for h in extra}
    seen: dict[str, int] = {}
    for rownum, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(f"expected {len(header)} fields, found {len(row)}", file=path,
                            row=rownum, sv=f"väntade {len(header)} fält, fann {len(row)}")
        unit = row[where["unit_id"]].strip()
        if not unit:
            raise DataError("empty unit code", file=path, row=rownum, column=columns["unit_id"],
                            sv="tom enhetskod")
        if unit in seen:
            raise DataError(f"unit code {unit} appears twice (first on row {seen[unit]})",
                            file=path, row=rownum, column=columns["unit_id"],
                            sv=f"enhetskoden {unit} står två gånger (först på rad {seen[unit]})")
        seen[unit] = rownum
        for key in ("unit_id", "name", "region_id", "region", "group"):
            value = strip_controls(row[where[key]]).strip() if key in where else ""
            data[key].append(value or None)
        pop = row[where["population"]].strip().replace(" ", "") if "population" in where else ""
        if pop and not pop.isdigit():
            raise DataError(f"population '{pop}' is not a whole number", file=path,
                            row=rownum, column=columns["population"],
                            sv=f"folkmängden '{pop}' är inget heltal")
        data["population"].append(int(pop) if pop else None)
        for h, i in extra.items():
            extra_data[h].append(strip_controls(row[i]).strip() or None)
        if not data["name"][-1]:
            raise DataError("empty name", file=path, row=rownum, column=columns["name"],
                            sv="tomt namn")
    if not seen:
        raise DataError("the unit registry has no units", file=path,
                        sv="enhetsregistret har inga enheter")
    table = pa.table(data, schema=UNITS)
    for h, values in extra_data.items():
        table = table.append_column(pa.field(h, pa.string()), pa.array(values, pa.string()))
    changes = _read_code_changes(code_changes) if code_changes else {}
    aliases = {columns[k]: k for k in where}
    return UnitRegistry(table, changes, file=str(path), aliases=aliases)


def _read_code_changes(path: Path) -> dict[str, str]:
    header, rows = _read_csv(path)
    for col in ("gammal_kod", "ny_kod"):
        if col not in header:
            raise DataError(f"missing column '{col}'", file=path, row=1, column=col,
                            sv=f"kolumnen '{col}' saknas")
    old, new = header.index("gammal_kod"), header.index("ny_kod")
    return {row[old].strip(): row[new].strip() for _, row in rows if len(row) > max(old, new)}


def registry_from_ids(ids: Iterable[str], names: Iterable[str] | None = None) -> UnitRegistry:
    """A registry built in memory (tests, generic tables without a registry file)."""
    ids = list(ids)
    names = list(names) if names is not None else ids
    n = len(ids)
    table = pa.table({"unit_id": ids, "name": names, "region_id": [None] * n,
                      "region": [None] * n, "group": [None] * n, "population": [None] * n},
                     schema=UNITS)
    return UnitRegistry(table)
