"""Inputs that ended in a traceback (issue #13) now end in one clear line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hti_tui.cli.main import main


def _run(capsys, config: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--config", str(config), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_bom_in_hti_toml_is_accepted(minimal_project: Path, capsys) -> None:
    minimal_project.write_bytes(b"\xef\xbb\xbf" + minimal_project.read_bytes())
    _, text = _run(capsys, minimal_project, "validate")
    assert "not valid TOML" not in text


def test_markup_key_with_version(minimal_project: Path, capsys) -> None:
    minimal_project.write_text(minimal_project.read_text(encoding="utf-8")
                               + '\n"[/]" = 1\n', encoding="utf-8")
    code, text = _run(capsys, minimal_project, "--version")
    assert code == 0 and ".[/]'" in text and "okänd nyckel" in text


@pytest.mark.parametrize(("old", "new", "message"), [
    ("years = [2024]", "years = [2024, 99999999999]", "är inte ett rimligt indexår"),
    ("[tree]", "[sensitivity]\nruns = 1000000000000\n[tree]", "fler än hti tillåter"),
    ("[tree]", "[sensitivity]\nseed = -1\n[tree]", "fröet måste vara"),
])
def test_absurd_config_values_are_config_errors(minimal_project: Path, capsys, old: str,
                                                new: str, message: str) -> None:
    text = minimal_project.read_text(encoding="utf-8")
    assert old in text
    minimal_project.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, text = _run(capsys, minimal_project, "rank")
    assert code == 2 and message in text


def test_unwritable_results_folder_is_one_clear_error(built: Path, capsys) -> None:
    """A file where the results folder of a year should be (as a full or read-only disk,
    an OSError from the file system)."""
    import shutil

    year = built.parent / "datasets" / "results" / "year=2024"
    shutil.rmtree(year)
    year.write_text("not a folder")
    code, text = _run(capsys, built, "build", "--force")
    assert code == 1 and ("error:" in text or "fel:" in text) and "year=2024" in text
    assert "filen kan inte skrivas" in text and "Traceback" not in text


def test_parquet_files_follow_the_umask(built: Path, capsys) -> None:
    old = os.umask(0o022)
    try:
        assert main(["--config", str(built), "build", "--force"]) == 0
    finally:
        os.umask(old)
    datasets = built.parent / "datasets"
    path = datasets / "results" / "year=2024" / "results.parquet"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    # the build status is shared the same way (it was mode 0600 from mkstemp), and no
    # temporary file of any atomic write is left behind
    written = [p for p in datasets.rglob("*") if p.is_file() and p.name.endswith(".json")
               and p.stat().st_mtime >= path.stat().st_mtime - 60]
    assert written, "the build wrote no status file"
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {
        p.name: 0o644 for p in written}
    assert not [p for p in datasets.rglob("*.tmp")]
