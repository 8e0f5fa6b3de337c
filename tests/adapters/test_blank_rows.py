"""A blank row in the middle of a published table is not the start of the footnotes.

Before: every kommun after the blank row silently became `not_reported` (scored 0). Now
footnotes are recognised by their content; a blank row is skipped. Tested for every
shipped file format: the file with a blank row reads to the same observations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.data.readers import is_note
from tests.adapters.conftest import RAW
from tests.adapters.helpers import rewrite_xlsx

CASES = [
    ("brukarundersokning_2022", "2023/brukarundersokning_hemtjanst_2023.xlsx", 2023),
    ("brukarundersokning_2024", "2024/brukarundersokning_hemtjanst_2024.xlsx", 2024),
    ("oppna_jamforelser_xlsx", "2023/oppna_jamforelser_aldreomsorg_2023.xlsx", 2023),
    ("kolada_csv_export", "2024/kolada_export_2024.csv", 2024),
    ("senior_alert_csv", "2023/senior_alert_2023.csv", 2023),
    ("webbgranskning_csv", "2023/webbgranskning_2023.csv", 2023),
]


def _observed(read) -> set[tuple]:
    return {(r["unit_id"], r["measure"], r["gender"], r["value"], r["status"])
            for r in read.table.to_pylist()}


def _with_blank_rows(src: Path, dest: Path) -> Path:
    if src.suffix == ".xlsx":
        def change(rows: list[list[object]]) -> list[list[object]]:
            middle = len(rows) // 2
            return [*rows[:middle], [None] * len(rows[middle]), [], *rows[middle:]]
        return rewrite_xlsx(src, dest, change)
    lines = src.read_bytes().split(b"\n")
    middle = len(lines) // 2
    dest.write_bytes(b"\n".join([*lines[:middle], b"", b";;;" if b";" in lines[middle]
                                 else b",,,", *lines[middle:]]))
    return dest


@pytest.mark.parametrize(("adapter", "file", "year"), CASES, ids=[c[0] for c in CASES])
def test_blank_row_in_the_middle_loses_no_kommun(read, tmp_path: Path, adapter: str, file: str,
                                                 year: int) -> None:
    src = RAW / file
    original = read(adapter, src, year)
    changed = read(adapter, _with_blank_rows(src, tmp_path / src.name), year)
    assert _observed(changed) == _observed(original)
    assert len({r["unit_id"] for r in original.table.to_pylist()}) > 250


def test_footnotes_are_recognised_by_content() -> None:
    assert is_note([".. = färre än 30 svarande; kommunens resultat redovisas inte.", None])
    assert is_note(["- = för få svar på frågan."])
    assert is_note(["Källa: Socialstyrelsen", "2024"])
    assert is_note(["SYNTETISKA DATA – genererade av hti"])
    assert not is_note(["0114", "Upplands Väsby", "91,5"])
    assert not is_note(["Norrbottens län", "Kiruna", "2584", 218, "92,4"])
    assert not is_note(["0114", None, None])  # a kommun row with no values is still data
