"""A source file that cannot be read stops the index years it feeds, not the others."""

from __future__ import annotations

import json
from pathlib import Path

from hti_tui.cli.main import main
from hti_tui.pipeline import build, layout
from hti_tui.project import Project


def test_unreadable_survey_file_leaves_its_index_year_uncomputed(project_dir: Path,
                                                                 capsys) -> None:
    raw = project_dir.parent / "datasets/raw/2024/brukarundersokning_hemtjanst_2024.xlsx"
    raw.write_bytes(raw.read_bytes()[:2000])
    project = Project.load(project_dir, environ={})
    summary = build(project)
    (failed,) = [r for r in summary.sources if r.error]
    assert failed.job.source == "brukarundersokning" and failed.job.year == 2024
    by_year = {y.year: y for y in summary.years}
    assert by_year[2023].error is None and by_year[2022].error is None
    assert "index 2024 not computed: brukarundersokning 2024" in by_year[2024].error.message
    assert not layout.results_path(project.config, 2024).exists()
    capsys.readouterr()
    assert main(["--config", str(project_dir), "rank", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 290  # the latest year that could be computed: 2023
    assert main(["--config", str(project_dir), "rank", "--year", "2024"]) != 0
