"""What an adapter fills in: observations in the one long schema, and notes.

Adapters call :meth:`ObservationBuilder.add` once per published value. The builder
parses the cell (decimal comma, suppression tokens), recognises the unit code,
keeps the raw token, and refuses a second value for the same key, so every adapter
gets the same careful handling without writing it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pyarrow as pa

from hti_tui.data.registry import UnitRegistry
from hti_tui.data.schema import OBSERVATIONS
from hti_tui.data.tokens import DEFAULT_TOKENS, INVALID, STATUSES, Cell, parse_cell
from hti_tui.errors import DataError, Note

CellParser = Callable[[object], Cell]


@dataclass
class ObservationBuilder:
    """Collects observations of one source file."""

    file: str
    source: str
    period: int
    units: UnitRegistry
    notes: list[Note]
    tokens: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TOKENS))

    def __post_init__(self) -> None:
        self._cols: dict[str, list[object]] = {f.name: [] for f in OBSERVATIONS}
        self._seen: dict[tuple[str, int, str, str], int | None] = {}
        self._unknown: dict[str, int | None] = {}
        self._padded = 0
        self._bulk: list[pa.Table] = []
        #: measure → the column it was read from (for notes about a whole measure)
        self.columns: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._cols["unit_id"]) + sum(t.num_rows for t in self._bulk)

    def extend(self, table: pa.Table) -> None:
        """Append observations built column-wise (see :mod:`hti_tui.data.bulk`).

        For wide tables too large for one :meth:`add` per cell. The caller has resolved
        the units and guarantees one value per key, as :meth:`add` would have checked.
        """
        self._bulk.append(table.select(OBSERVATIONS.names).cast(OBSERVATIONS))

    def unit(self, code: object, *, row: int | None, column: str | None) -> str | None:
        """Resolve a published unit code; unknown codes are noted once and skipped."""
        text = self.units.normalise_code(code)
        if text != str(code).strip():
            self._padded += 1
        unit, why = self.units.resolve(code)
        if unit is None:
            if text not in self._unknown:
                self._unknown[text] = row
                self.notes.append(Note(self.file, row, column, f"{why}; its values are not used",
                                       "warning", "unknown_unit",
                                       f"{self.units.reason(code, 'sv')}; dess värden används "
                                       "inte"))
            return None
        if why:
            key = f"mapped:{text}"
            if key not in self._unknown:
                self._unknown[key] = row
                self.notes.append(Note(self.file, row, column, why, "info", "code_change",
                                       self.units.reason(code, "sv")))
        return unit

    def add(self, unit: str, measure: str, cell: object, *, row: int | None = None,
            column: str | None = None, n: object = None, gender: str = "T",
            parser: CellParser | None = None, period: int | None = None,
            status: str | None = None) -> Cell:
        """Add one value. ``unit`` must already be resolved (see :meth:`unit`).

        ``status`` overrides the parsed status for a missing value when the source
        says why (for example Kolada's own status field). Returns the parsed cell.
        """
        parsed = parser(cell) if parser else parse_cell(cell, self.tokens)
        if status is not None and parsed.value is None and parsed.status != INVALID:
            if status not in STATUSES:
                raise DataError(f"unknown status '{status}'", file=self.file, row=row,
                                column=column, sv=f"okänd status '{status}'")
            parsed = Cell(None, status, parsed.raw)
        per = self.period if period is None else period
        key = (unit, per, measure, gender)
        if key in self._seen:
            first = self._seen[key]
            where = f" (first on row {first})" if first is not None else ""
            var = f" (först på rad {first})" if first is not None else ""
            raise DataError(f"a second value for unit {unit}, measure '{measure}', gender {gender}"
                            f"{where}: the kommun appears twice", file=self.file, row=row,
                            column=column,
                            sv=f"ett andra värde för enheten {unit}, måttet '{measure}', kön "
                               f"{gender}{var}: kommunen står två gånger")
        self._seen[key] = row
        if column is not None:
            self.columns.setdefault(measure, column)
        if parsed.status == INVALID:
            what = parsed.problem or f"'{parsed.raw}' is not a number"
            vad = parsed.problem_sv or f"'{parsed.raw}' är inget tal"
            self.notes.append(Note(self.file, row, column, f"{what}; kept as invalid", "warning",
                                   "invalid_value", f"{vad}; sparas som ogiltigt"))
        count = self._count(n, row)
        c = self._cols
        c["unit_id"].append(unit)
        c["period"].append(per)
        c["source"].append(self.source)
        c["measure"].append(measure)
        c["value"].append(parsed.value)
        c["status"].append(parsed.status)
        c["n"].append(count)
        c["raw"].append(parsed.raw)
        c["gender"].append(gender)
        return parsed

    def _count(self, n: object, row: int | None) -> int | None:
        if n is None:
            return None
        cell = parse_cell(n, self.tokens)
        if cell.value is None:
            return None
        if cell.value < 0 or not float(cell.value).is_integer():
            self.notes.append(Note(self.file, row, "n", f"respondent count '{cell.raw}' is not a "
                                   "whole number; not kept", "warning", "invalid_count",
                                   f"antalet svarande '{cell.raw}' är inget heltal; sparas "
                                   "inte"))
            return None
        return int(cell.value)

    def check_parts(self, parts: Mapping[str, str]) -> int:
        """Each ``part`` measure may not exceed its ``whole`` (persons risk-assessed ≤
        persons registered): a part larger than its whole is made invalid with an error
        note naming file, row and column, never clipped to 100 %. Returns how many."""
        c = self._cols
        # the columns hold what add() appended: codes, periods, measures, genders, values
        keys = cast("Iterable[tuple[str, int, str, str]]",
                    zip(c["unit_id"], c["period"], c["measure"], c["gender"]))
        values = cast("list[float | None]", c["value"])
        index = {key: i for i, key in enumerate(keys)}
        bad = 0
        for (unit, per, measure, gender), i in index.items():
            whole_measure = parts.get(measure)
            j = index.get((unit, per, whole_measure, gender)) if whole_measure else None
            if whole_measure is None or j is None:
                continue
            part, whole = values[i], values[j]
            if part is None or whole is None or part <= whole:
                continue
            bad += 1
            values[i], c["status"][i] = None, INVALID
            self.notes.append(Note(
                self.file, self._seen.get((unit, per, measure, gender)),
                self.columns.get(measure, measure),
                f"{unit}: {c['raw'][i]} is more than its whole "
                f"'{self.columns.get(whole_measure, whole_measure)}' ({c['raw'][j]}); "
                "kept as invalid", "error", "part_exceeds_whole",
                f"{unit}: {c['raw'][i]} är mer än sin helhet "
                f"'{self.columns.get(whole_measure, whole_measure)}' ({c['raw'][j]}); "
                "sparas som ogiltigt"))
        return bad

    def finish(self) -> pa.Table:
        """The observations as an Arrow table; records a note for padded codes."""
        if self._padded:
            self.notes.append(Note(self.file, None, None,
                                   f"{self._padded} unit codes had lost their leading zero and "
                                   "were padded", "info", "padded_code",
                                   f"{self._padded} enhetskoder hade tappat sin inledande nolla "
                                   "och fylldes ut"))
        table = pa.table(self._cols, schema=OBSERVATIONS)
        return pa.concat_tables([table, *self._bulk]) if self._bulk else table


@dataclass
class ReadContext:
    """Everything an adapter needs to read one source file for one data year.

    ``options`` are the source's ``[sources.<id>.options]`` from hti.toml.
    """

    path: Path
    source: str
    adapter: str
    period: int
    units: UnitRegistry
    display_path: str = ""
    notes: list[Note] = field(default_factory=list)
    synthetic: bool = False
    options: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.display_path:
            self.display_path = str(self.path)
        self.obs = ObservationBuilder(self.display_path, self.source, self.period, self.units,
                                      self.notes)

    def note(self, message: str, *, row: int | None = None, column: str | None = None,
             severity: str = "warning", code: str = "", sv: str | None = None) -> None:
        """Record a data-quality note; ``sv`` is the message in Swedish (shown in Swedish
        mode; without it the English ``message`` is shown)."""
        self.notes.append(Note(self.display_path, row, column, message, severity, code, sv))

    def error(self, message: str, *, row: int | None = None,
              column: str | None = None, sv: str | None = None) -> DataError:
        """A DataError naming this file; ``raise ctx.error(...)`` in adapters (``sv``: the
        message in Swedish)."""
        return DataError(message, file=self.display_path, row=row, column=column, sv=sv)

    def mark_synthetic(self) -> None:
        """The file says it holds generated, not published, values."""
        self.synthetic = True
