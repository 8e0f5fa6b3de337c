"""A real full disk (ENOSPC) under `hti build` (issue #13: "disk full … OSError 28").

The container runs as root, so permissions never stop a write; a folder in the way only
imitates a full disk. Here the build folder is a small tmpfs filled to its last page, so
the kernel itself answers "No space left on device". Where tmpfs cannot be mounted (no
root, no CAP_SYS_ADMIN, not Linux) the tests skip and say why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from tests.loud.conftest import digest


def _mount_tmpfs(folder: Path, size_kib: int) -> str | None:
    """Mount a tmpfs of ``size_kib`` on ``folder``; None, or why it cannot be done."""
    if not sys.platform.startswith("linux"):
        return "tmpfs is Linux only"
    if shutil.which("mount") is None:
        return "no mount command"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs",
                           str(folder)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return f"cannot mount a tmpfs here: {(done.stderr or done.stdout).strip()}"
    return None


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[object]:
    """``fill(folder)``: put ``folder`` (its files kept) on a tmpfs with one page free."""
    mounted: list[Path] = []

    def fill(folder: Path) -> None:
        saved = tmp_path / f"saved_{folder.name}"
        shutil.copytree(folder, saved)
        used = sum(p.stat().st_size for p in saved.rglob("*") if p.is_file())
        why = _mount_tmpfs(folder, used // 1024 + 256)
        if why is not None:
            shutil.rmtree(saved)
            pytest.skip(why)
        mounted.append(folder)
        shutil.copytree(saved, folder, dirs_exist_ok=True)
        shutil.copystat(saved, folder)
        stat = os.statvfs(folder)
        free = stat.f_bavail * stat.f_frsize
        with (folder / ".filler").open("wb") as f:  # all but one page
            f.write(b"\0" * max(free - stat.f_frsize, 0))
        stat = os.statvfs(folder)
        assert stat.f_bavail * stat.f_frsize <= stat.f_frsize

    yield fill
    for folder in reversed(mounted):
        if subprocess.run(["umount", str(folder)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def _change_raw(built: Path) -> None:
    """Upplands Väsby's 2024 web review turns to all "Nej": observations and the 2024
    results must be written again."""
    web = built.parent / "datasets/raw/2024/webbgranskning_2024.csv"
    lines = web.read_text(encoding="utf-8").splitlines()
    row = lines.index(next(line for line in lines if line.startswith("0114,")))
    cells = lines[row].split(",")
    lines[row] = ",".join(cells[:3] + ["Nej"] * (len(cells) - 3))
    web.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("folder", ["results", "observations"])
def test_a_full_disk_is_one_clear_line_and_the_results_stay_as_they_were(
        built: Path, full_disk, folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    datasets = built.parent / "datasets"
    full_disk(datasets / folder)
    before = digest(datasets)
    results = datasets / "results"
    results_before = digest(results)
    _change_raw(built)
    capsys.readouterr()
    code = main(["--config", str(built), "build"])
    out, err = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in out + err
    said = out + err
    prefix = re.compile(r"^(error|fel): ", re.M)  # the build's prefix, or the CLI's in Swedish
    assert len(prefix.findall(said)) == 1, said
    line = " ".join(prefix.split(said, 1)[-1].split())  # one line, wrapped by the terminal
    assert f"datasets/{folder}/" in line and ".parquet" in line, line
    assert "filen kan inte skrivas: inget utrymme kvar på enheten (errno 28)" in line
    assert "Detail:" not in line  # Arrow's wording is not the user's
    assert "Bygget är klart" not in out and "Build complete" not in out
    assert digest(results) == results_before  # the previous results, byte for byte
    if folder == "observations":  # the first write failed: nothing at all changed
        assert digest(datasets) == before
    assert not [p for p in (datasets / folder).rglob(".*.tmp")]  # no half-written file left

    capsys.readouterr()  # the results shown say the last build failed
    assert main(["--config", str(built), "rank", "--year", "2024", "--format", "json"]) == 0
    _, err = capsys.readouterr()
    if folder == "results":  # the status file fits the last page; beside full observations
        assert "senaste bygget misslyckades" in err and "inget utrymme kvar" in err  # it does too
    else:
        assert "senaste bygget misslyckades" in err
