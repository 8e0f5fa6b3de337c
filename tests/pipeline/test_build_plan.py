"""The build as a plan: ``hti build --dry-run`` writes nothing, says what a build then does,
and the build reads each built file's provenance once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.provenance_bench import counting
from hti_tui.cli.main import main
from hti_tui.pipeline import build, plan
from hti_tui.pipeline.events import BuildEvent, SourceFinished, YearFinished
from hti_tui.project import Project
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project, built once for the module (tests copy it, mtimes kept)."""
    root = tmp_path_factory.mktemp("built")
    config = copy_project(root)
    assert not build(Project.load(config, environ={})).errors
    return root


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(built_once, dest)  # copy2: the mtimes travel with the files
    return dest / "hti.toml"


def _state(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted((root / "datasets").rglob("*")) if p.is_file()}


def _dry_run(config: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    capsys.readouterr()
    main(["--config", str(config), "build", "--dry-run", "--format", "json", *extra])
    return json.loads(capsys.readouterr().out)


def test_dry_run_writes_nothing(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = built.parent
    raw = root / "datasets/raw/2023/senior_alert_2023.csv"
    raw.write_bytes(raw.read_bytes() + b"\n")  # something to rebuild
    before = _state(root)
    for args in ([], ["--format", "json"], ["--force"], ["--observations-only"]):
        main(["--config", str(built), "build", "--dry-run", *args])
    text = capsys.readouterr().out
    assert "inget skrivs" in text and "senior_alert" in text
    assert _state(root) == before, "a dry run changed a file under datasets/"


def test_dry_run_of_an_unbuilt_project_creates_nothing(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    config = copy_project(tmp_path)
    before = _state(tmp_path)
    plan_json = _dry_run(config, capsys)
    assert _state(tmp_path) == before
    assert not (tmp_path / "datasets/observations").exists()
    assert not (tmp_path / "datasets/results").exists()
    assert {s["reason"] for s in plan_json["sources"]} == {"not_built"}
    assert [y["action"] for y in plan_json["years"]] == ["compute"] * 3


def test_dry_run_says_what_the_build_then_does(built: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = built.parent
    assert _dry_run(built, capsys)["nothing_to_do"] is True
    raw = root / "datasets/raw/2023/senior_alert_2023.csv"
    raw.write_bytes(raw.read_bytes() + b"\n")
    decided = _dry_run(built, capsys)
    would_read = [(s["source"], s["year"]) for s in decided["sources"] if s["action"] == "read"]
    would_compute = [y["year"] for y in decided["years"] if y["action"] == "compute"]
    assert would_read == [("senior_alert", 2023)]
    assert next(s for s in decided["sources"] if s["action"] == "read")["reason"] == \
        "raw_changed"
    assert would_compute == [2024]  # senior_alert is lagged a year: 2023 data feed 2024
    assert next(y for y in decided["years"] if y["year"] == 2024)["rereads"] == \
        ["senior_alert 2023"]

    before = _state(root)
    events: list[BuildEvent] = []
    summary = build(Project.load(built, environ={}), progress=events.append)
    assert not summary.errors
    did_read = [(e.source, e.year) for e in events
                if isinstance(e, SourceFinished) and e.outcome == "built"]
    did_compute = [e.year for e in events if isinstance(e, YearFinished) and e.outcome == "built"]
    assert (did_read, did_compute) == (would_read, would_compute)
    after = _state(root)
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert changed == [
        "datasets/observations/senior_alert/year=2023/observations.parquet",
        "datasets/quality/results/year=2024/notes.parquet",
        "datasets/quality/senior_alert/year=2023/notes.parquet",
        "datasets/results/last_build.json",
        "datasets/results/year=2024/results.parquet",
        "datasets/results/year=2024/uncertainty.parquet",
    ]
    assert _dry_run(built, capsys)["nothing_to_do"] is True


def test_the_plan_in_english_names_the_reason(built: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    text = built.read_text(encoding="utf-8")
    assert 'language = "sv"' in text
    built.write_text(text.replace('language = "sv"', 'language = "en"', 1), encoding="utf-8")
    capsys.readouterr()
    code = main(["--config", str(built), "build", "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert "nothing is written" in out
    assert "hti.toml changed" in out  # the config's hash is part of every results key


def test_each_built_file_is_read_once(built: Path) -> None:
    """One footer read per built file in a build that has nothing to do (it was five)."""
    project = Project.load(built, environ={})
    with counting() as seen:
        summary = build(project)
    assert summary.all_skipped
    assert seen and max(seen.values()) == 1, seen.most_common(3)


def test_the_plan_is_frozen(built: Path) -> None:
    decided = plan(Project.load(built, environ={}))
    with pytest.raises(AttributeError):
        decided.force = True  # type: ignore[misc]
    with pytest.raises(AttributeError):
        decided.sources[0].action = "read"  # type: ignore[misc]
