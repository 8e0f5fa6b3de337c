"""Stale and corrupt results (issue #13): edited scores, a flipped `synthetic` flag, a
flipped byte, missing rank intervals — each is found by `hti validate`, and `hti build`
rebuilds instead of calling such a file up to date."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from hti_tui.cli.main import main


def _run(capsys, config: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--config", str(config), *args])
    return code, capsys.readouterr().out


def _results(config: Path) -> Path:
    return config.parent / "datasets" / "results" / "year=2024" / "results.parquet"


def _edit_scores(path: Path) -> None:
    table = pq.read_table(path)
    score = pc.add(table.column("score"), 1.0)
    table = table.set_column(table.column_names.index("score"), "score", score)
    pq.write_table(table, path)  # the metadata (provenance) travels with the schema


def _flip_synthetic(path: Path) -> None:
    table = pq.read_table(path)
    meta = dict(table.schema.metadata)
    prov = json.loads(meta[b"hti"])
    prov["synthetic"] = not prov["synthetic"]
    meta[b"hti"] = json.dumps(prov).encode()
    pq.write_table(table.replace_schema_metadata(meta), path)


@pytest.mark.parametrize("fault", ["scores", "synthetic"])
def test_edited_results_are_found_and_rebuilt(built: Path, capsys, fault: str) -> None:
    path = _results(built)
    (_edit_scores if fault == "scores" else _flip_synthetic)(path)
    code, out = _run(capsys, built, "validate")
    assert code == 1 and "innehållet är inte det hti skrev" in out and "year=2024" in out
    code, out = _run(capsys, built, "build")
    assert code == 0 and "Inget har ändrats" not in out
    assert _run(capsys, built, "validate")[0] == 0


def test_flipped_byte_rebuilds(built: Path, capsys) -> None:
    path = _results(built)
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF
    path.write_bytes(bytes(data))
    code, out = _run(capsys, built, "build")
    assert code == 0 and "Inget har ändrats" not in out
    assert _run(capsys, built, "rank", "--format", "json")[0] == 0


def test_missing_rank_intervals_are_an_error(built: Path, capsys) -> None:
    (built.parent / "datasets" / "results" / "year=2023" / "uncertainty.parquet").unlink()
    code, out = _run(capsys, built, "validate")
    assert code == 1 and "rangintervallen saknas" in out
