"""The query layer's project questions: plugins (with a failing one), sources with their
provenance, build notes by index year and severity, an indicator's weight."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hti_tui.data.parquet_store import read_provenance, sha256_file, write_table
from hti_tui.errors import Note, UsageError
from hti_tui.pipeline import layout
from hti_tui.pipeline.observations import notes_table
from hti_tui.query import project_info as q_project_info
from hti_tui.query.context import Index

REPO = Path(__file__).resolve().parents[2]

RAISER = '''
from hti_tui import hookimpl
__version__ = "0.3"

@hookimpl
def hti_indicators():
    raise ValueError("bug in hook")
'''


@pytest.fixture(scope="module")
def asem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ASEM example, built, with a plugin directory holding a plugin whose hook raises
    and two data-quality notes written beside the build's own (same provenance)."""
    from hti_tui.cli.main import main

    dest = tmp_path_factory.mktemp("asem_info")
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, dest / name)
    (dest / "plugins").mkdir()
    (dest / "plugins" / "raiser.py").write_text(RAISER, encoding="utf-8")
    cfg = dest / "hti.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "directories = []", 'directories = ["plugins"]'), encoding="utf-8")
    assert main(["--config", str(cfg), "build"]) == 1  # a failed plugin fails the build
    assert main(["--config", str(cfg), "build", "--allow-failed-plugins"]) == 0
    add_notes(Index.open(cfg, environ={}), "asem", 2018, [
        Note("iData.csv", 7, "LPI", "value out of range", "warning", "range"),
        Note("iData.csv", 3, None, "unknown unit code 'XXX'", "error", "unknown_unit")])
    return cfg


def add_notes(ix: Index, stage: str, year: int, notes: list[Note]) -> None:
    """Write notes as the build would, keeping the file's provenance so it stays fresh."""
    path = layout.notes_path(ix.config, stage, year)
    write_table(notes_table(notes, stage, year), path, read_provenance(path))


def test_plugins_lists_loaded_and_failed(asem: Path) -> None:
    f = Index.open(asem, environ={})
    _ = f.model  # assembling the model calls the indicator hook
    rows = {r["name"]: r for r in q_project_info.plugins(f)}
    assert rows["hti.generic_table"]["status"] == "loaded"
    assert rows["hti.generic_table"]["origin"] == "built-in"
    assert "adapter:generic_table" in rows["hti.generic_table"]["declares"]
    raiser = rows["raiser"]
    assert (raiser["status"], raiser["origin"], raiser["version"]) == ("failed", "directory",
                                                                       "0.3")
    assert raiser["location"] == "plugins/raiser.py"
    assert "bug in hook" in raiser["reason"] and "hti_indicators" in raiser["reason"]


def test_sources_carry_provenance(asem: Path) -> None:
    f = Index.open(asem, environ={})
    [row] = q_project_info.sources(f)
    assert (row["source"], row["period"], row["adapter"], row["file"]) == (
        "asem", 2018, "generic_table", "iData.csv")
    assert row["exists"] and row["built"] and row["synthetic"] is False
    assert row["sha256"] == sha256_file(asem.parent / "iData.csv")[:12]
    assert row["rows"] == sum(row["statuses"].values()) == 2499
    assert row["problem"] is None


def test_sources_before_a_build(tmp_path: Path) -> None:
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, tmp_path / name)
    [row] = q_project_info.sources(Index.open(tmp_path / "hti.toml", environ={}))
    assert row["exists"] and not row["built"] and row["sha256"] is None


def test_notes_worst_first_and_filtered(asem: Path) -> None:
    f = Index.open(asem, environ={})
    notes = q_project_info.notes(f)
    assert [n["severity"] for n in notes] == ["error", "warning"]
    assert notes[0] == {"source": "asem", "period": 2018, "file": "iData.csv", "row": 3,
                        "column": None, "severity": "error", "code": "unknown_unit",
                        "message": "unknown unit code 'XXX'",
                        # written without a Swedish text: shown in English in both modes
                        "message_sv": "unknown unit code 'XXX'"}
    assert q_project_info.notes(f, 2018) == notes
    assert [n["row"] for n in q_project_info.notes(f, severity="warning")] == [7]
    assert q_project_info.notes(f, severity="info") == []
    with pytest.raises(UsageError):
        q_project_info.notes(f, 1999)
    with pytest.raises(UsageError):
        q_project_info.notes(f, severity="fatal")


def test_indicator_weight(asem: Path) -> None:
    f = Index.open(asem, environ={})
    w = q_project_info.indicator_weight(f, "LPI", 2018)
    assert w["declared"] == 1.0
    assert 0 < w["share_of_index"] <= w["share_of_area"] <= 1
