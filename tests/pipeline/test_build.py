"""hti build: provenance, skipping unchanged work, atomic writes, errors per file."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from hti_tui.builtins import generic_table
from hti_tui.data import parquet_store
from hti_tui.data.parquet_store import read_provenance, sha256_file
from hti_tui.pipeline import build, layout
from hti_tui.pipeline.events import BuildEvent, SourceFinished, YearFinished
from hti_tui.project import Project


def _load(config: Path) -> Project:
    return Project.load(config, environ={})


def test_build_writes_provenance(asem: Path) -> None:
    project = _load(asem)
    summary = build(project)
    assert not summary.errors
    obs = layout.observations_path(project.config, "asem", 2018)
    prov = read_provenance(obs)
    assert prov["config_sha256"] == project.config.sha256
    assert prov["inputs"][0]["sha256"] == sha256_file(asem.parent / "iData.csv")
    assert prov["adapter"] == "generic_table"
    assert prov["adapter_version"] == generic_table.__version__
    assert prov["synthetic"] is False
    res = read_provenance(layout.results_path(project.config, 2018))
    assert res["methods"]["normalisation"] == "minmax"
    assert res["units"] == 51 and res["scored"] == 51
    unc = layout.uncertainty_path(project.config, 2018)
    assert pq.read_table(unc).num_rows == 51


def test_second_build_skips_and_says_so(asem: Path) -> None:
    build(_load(asem))
    events: list[BuildEvent] = []
    summary = build(_load(asem), progress=events.append)
    assert summary.all_skipped
    finished = [e for e in events if isinstance(e, (SourceFinished, YearFinished))]
    assert finished and {e.outcome for e in finished} == {"skipped"}
    forced = build(_load(asem), force=True)
    assert not forced.all_skipped


def test_changed_input_rebuilds_only_what_depends_on_it(asem: Path) -> None:
    build(_load(asem))
    text = (asem.parent / "hti.toml").read_text(encoding="utf-8")
    (asem.parent / "hti.toml").write_text(text.replace('aggregation = "arithmetic"',
                                                       'aggregation = "geometric"\n'
                                                       'zero_floor_unused = 1', 1)
                                          .replace("zero_floor_unused = 1\n", ""),
                                          encoding="utf-8")
    summary = build(_load(asem))
    assert summary.sources[0].skipped, "observations do not depend on the method"
    assert summary.years and not summary.years[0].skipped


def test_results_identical_for_identical_inputs(asem: Path, tmp_path: Path) -> None:
    project = _load(asem)
    build(project)
    first = pq.read_table(layout.results_path(project.config, 2018))
    build(_load(asem), force=True)
    again = pq.read_table(layout.results_path(project.config, 2018))
    assert first.equals(again)


def test_interrupted_build_keeps_previous_files(asem: Path, monkeypatch) -> None:
    project = _load(asem)
    build(project)
    out = layout.results_path(project.config, 2018)
    before = out.read_bytes()
    calls = {"n": 0}
    real = parquet_store.pq.write_table

    def crash_on_second(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(parquet_store.pq, "write_table", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        build(_load(asem), force=True)
    monkeypatch.undo()
    assert out.read_bytes() == before
    leftovers = [p for p in asem.parent.rglob("*.tmp")]
    assert leftovers == []


def test_truncated_results_file_is_a_clear_error(asem: Path, capsys) -> None:
    from hti_tui.cli.main import main

    project = _load(asem)
    build(project)
    out = layout.results_path(project.config, 2018)
    out.write_bytes(out.read_bytes()[:100])
    code = main(["--config", str(asem), "rank"])
    err = capsys.readouterr().err
    assert code == 2 and "not a readable Parquet file" in err and "Traceback" not in err
    assert main(["--config", str(asem), "validate"]) == 1
    assert "results.parquet" in capsys.readouterr().out


def test_bad_raw_file_is_reported_per_file(asem: Path) -> None:
    data = asem.parent / "iData.csv"
    lines = data.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # a duplicated country row
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = build(_load(asem))  # here the data file is the unit registry too
    assert len(summary.errors) == 1
    err = summary.errors[0]
    assert "appears twice" in err.message and err.row == len(lines)
    assert err.file and err.file.endswith("iData.csv")


def test_missing_raw_file(asem: Path) -> None:
    (asem.parent / "iData.csv").rename(asem.parent / "moved.csv")
    text = asem.read_text(encoding="utf-8").replace('registry = "iData.csv"',
                                                   'registry = "moved.csv"')
    asem.write_text(text, encoding="utf-8")
    summary = build(_load(asem))
    assert "does not exist" in summary.sources[0].error.message
