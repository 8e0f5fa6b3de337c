"""The kommuner the synthetic files are written for, with län grouping and aggregate rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: one row of a published table: codes, names, numbers and tokens as the file shows them
Row = list[object]


@dataclass(frozen=True)
class Units:
    ids: list[str]
    names: list[str]
    region_ids: list[str]
    regions: list[str]
    population_80: np.ndarray | None = None  # real population aged 80+, where known

    def __len__(self) -> int:
        return len(self.ids)

    def lan_groups(self) -> list[tuple[str, str, np.ndarray]]:
        """(län code, län name, positions of its kommuner), in län code order."""
        codes = np.asarray(self.region_ids, dtype=object)
        out = []
        for code in sorted(set(self.region_ids)):
            pos = np.flatnonzero(codes == code)
            out.append((code, self.regions[pos[0]], pos))
        return out


def ordered_rows(units: Units, kommun_row: Callable[[int], Row],
                 aggregate_row: Callable[[str, str, np.ndarray], Row],
                 lan_first: bool = True) -> list[Row]:
    """Riket, then each län with its kommuner (the län row before or after them)."""
    rows = [aggregate_row("00", "Riket", np.arange(len(units)))]
    for code, name, pos in units.lan_groups():
        kommuner = [kommun_row(int(p)) for p in sorted(pos, key=lambda p: units.ids[p])]
        lan = aggregate_row(code, name, pos)
        rows += [lan, *kommuner] if lan_first else [*kommuner, lan]
    return rows


def fmt_comma(value: float, decimals: int = 1) -> str:
    """A number as a Swedish publisher writes it in text: decimal comma."""
    return f"{value:.{decimals}f}".replace(".", ",")


def fmt_thousands(value: int) -> str:
    """A count with a non-breaking space between thousands, as Swedish exports do."""
    return f"{value:,}".replace(",", "\u00a0")
