"""The results of a build replace the old ones together (pipeline.commit): a build stopped
half-way through the replacement is reported by validate and finished by the next build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.pipeline import build, commit, layout
from hti_tui.project import Project


def _load(config: Path) -> Project:
    return Project.load(config, environ={})


def test_a_commit_stopped_half_way_is_reported_and_finished(
        asem: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    project = _load(asem)
    assert not build(project).errors
    results = layout.results_path(project.config, 2018)
    text = asem.read_text(encoding="utf-8")
    asem.write_text(text.replace("runs = 500", "runs = 400", 1), encoding="utf-8")
    renames = {"n": 0}
    real = os.replace

    def stop_after_first(src: object, dst: object) -> None:
        if str(src).endswith(commit.STAGED):
            renames["n"] += 1
            if renames["n"] == 2:
                raise KeyboardInterrupt  # Ctrl-C between two renames of the commit
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(commit.os, "replace", stop_after_first)
    with pytest.raises(KeyboardInterrupt):
        build(_load(asem))
    monkeypatch.undo()
    assert commit.pending(project.config)
    staged = sorted(p.name for p in asem.parent.rglob(f"*{commit.STAGED}"))
    assert len(staged) == 2  # of the three files of 2018, one was replaced

    capsys.readouterr()
    assert main(["--config", str(asem), "validate"]) == 1
    out = capsys.readouterr().out
    assert "interrupted while replacing the" in " ".join(out.split())

    summary = build(_load(asem))  # finishes the replacement first, then finds it up to date
    assert not summary.errors and all(y.skipped for y in summary.years)
    assert not commit.pending(project.config)
    assert not list(asem.parent.rglob(f"*{commit.STAGED}"))
    assert results.is_file()
    assert main(["--config", str(asem), "validate"]) == 0


def test_leftovers_of_a_killed_write_are_removed_by_the_next_build(asem: Path) -> None:
    project = _load(asem)
    build(project)
    folder = layout.results_path(project.config, 2018).parent
    orphans = [folder / ".results.parquet.123-456.staged", folder / ".results.parquet.x1y2.tmp"]
    for orphan in orphans:
        orphan.write_bytes(b"half a file")
    assert build(_load(asem)).all_skipped
    assert not any(p.exists() for p in orphans)
