"""``hti indicator``, ``hti sources`` and ``hti notes``: the same numbers as the query layer,
as a table, CSV or JSON; bad requests are one line and exit code 2."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.data.parquet_store import read_provenance, sha256_file, write_table
from hti_tui.errors import Note
from hti_tui.pipeline import layout
from hti_tui.pipeline.observations import notes_table
from hti_tui.query import indicator as q_indicator
from hti_tui.query import project_info as q_project_info
from hti_tui.query.context import Index


def run(capsys, config: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--config", str(config), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys, config: Path, *args: str):
    code, out, _ = run(capsys, config, *args, "--format", "json")
    assert code == 0, out
    return json.loads(out)


@pytest.fixture
def with_notes(asem_project: Path, tmp_path: Path) -> Path:
    """A copy of the built ASEM project with three notes kept by its build."""
    for f in asem_project.parent.iterdir():
        if f.is_file():
            shutil.copy2(f, tmp_path / f.name)
    shutil.copytree(asem_project.parent / "build", tmp_path / "build")
    cfg = tmp_path / "hti.toml"
    ix = Index.open(cfg, environ={})
    for stage, notes in (("asem", [
            Note("iData.csv", 12, "Gas", "value '..' read as not reported", "info", "token"),
            Note("iData.csv", 4, "LPI", "[bold]odd[/] value", "warning", "range")]),
            ("results", [Note("results", None, None, "coverage below 50 %", "error", "cov")])):
        path = layout.notes_path(ix.config, stage, 2018)
        write_table(notes_table(notes, stage, 2018), path, read_provenance(path))
    return cfg


def test_indicator_json_is_the_query_view(capsys, asem_project: Path) -> None:
    data = run_json(capsys, asem_project, "indicator", "LPI")
    f = Index.open(asem_project, environ={})
    view = q_indicator.indicator(f, "LPI")
    assert {k: v for k, v in data.items() if k != "weight"} == json.loads(
        json.dumps(view.as_dict()))
    assert data["weight"] == q_project_info.indicator_weight(f, "LPI", 2018)
    assert data["counts"] == {"ok": 51} and data["stats"]["n"] == 51
    assert [v["rank"] for v in data["values"][:3]] == [1, 2, 3]


def test_indicator_by_name_table_and_csv(capsys, asem_project: Path) -> None:
    code, out, _ = run(capsys, asem_project, "indicator", "logistics performance index",
                       "--top", "3")
    assert code == 0
    assert "Logistics Performance Index (LPI) — 2018" in out
    assert "Top 3" in out and "Bottom 3" in out and "Germany" in out
    code, out, _ = run(capsys, asem_project, "indicator", "LPI", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 51 and rows[0]["kommun_kod"] == "DEU"


def test_indicator_unknown_is_an_error(capsys, asem_project: Path) -> None:
    code, _, err = run(capsys, asem_project, "indicator", "LPX")
    assert code == 2 and "no indicator 'LPX'" in err and "LPI" in err


def test_sources(capsys, asem_project: Path) -> None:
    [row] = run_json(capsys, asem_project, "sources")
    assert (row["source"], row["period"], row["adapter"], row["rows"]) == (
        "asem", 2018, "generic_table", 2499)
    assert row["sha256"] == sha256_file(asem_project.parent / "iData.csv")[:12]
    assert row["synthetic"] is False
    code, out, _ = run(capsys, asem_project, "sources", "--format", "csv")
    [line] = list(csv.DictReader(io.StringIO(out)))
    assert line["statuses.ok"] == "2436" and line["sha256"] == row["sha256"]
    code, out, _ = run(capsys, asem_project, "sources")
    assert code == 0 and "built" in out


def test_notes_filters_and_formats(capsys, with_notes: Path) -> None:
    notes = run_json(capsys, with_notes, "notes")
    assert [n["severity"] for n in notes] == ["error", "warning", "info"]
    assert notes == q_project_info.notes(Index.open(with_notes, environ={}))
    warnings = run_json(capsys, with_notes, "notes", "--severity", "warning")
    assert [(n["file"], n["row"], n["column"]) for n in warnings] == [("iData.csv", 4, "LPI")]
    assert run_json(capsys, with_notes, "notes", "--year", "2018") == notes
    code, out, _ = run(capsys, with_notes, "notes")
    assert code == 0 and "[bold]odd[/] value" in out and "3 notes" in out
    code, out, _ = run(capsys, with_notes, "notes", "--format", "csv")
    assert out.splitlines()[0] == "source,period,file,row,column,severity,code,message,message_sv"


def test_notes_bad_year(capsys, with_notes: Path) -> None:
    code, _, err = run(capsys, with_notes, "notes", "--year", "1999")
    assert code == 2 and "not an index year" in err
