"""A few kill trials of ``benchmarks/kill_trials.py`` (which runs 60 and prints the counts):
``hti build`` killed (SIGKILL) or interrupted (SIGINT) half-way keeps the previous results or
leaves the complete new set, ``hti validate`` says when observations and results disagree,
``hti rank`` works or says why not, and the next build repairs it."""

from __future__ import annotations

import shutil
import signal
import time
from pathlib import Path

import pytest

from benchmarks import kill_trials


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict, float]:
    root = tmp_path_factory.mktemp("kills")
    base = root / "base"
    config = kill_trials.copy_project(base)
    assert kill_trials.hti(config, "build").returncode == 0
    ref = root / "ref"
    shutil.copytree(base, ref)
    args = kill_trials.change(ref / "hti.toml", "raw")
    t0 = time.perf_counter()
    assert kill_trials.hti(ref / "hti.toml", *args).returncode == 0
    seconds = time.perf_counter() - t0
    return base, kill_trials.result_files(config), kill_trials.result_files(ref / "hti.toml"), \
        seconds


@pytest.mark.parametrize(("sig", "share"), [(signal.SIGKILL, 0.6), (signal.SIGINT, 0.8)])
def test_an_interrupted_build_keeps_or_completes_the_results(
        base: tuple[Path, dict, dict, float], tmp_path: Path, sig: signal.Signals,
        share: float) -> None:
    project, old, new, seconds = base
    trial = kill_trials.run_trial(project, tmp_path / "trial", "raw", sig, seconds * share,
                                  old, new)
    assert trial.results in ("previous", "new"), trial
    if trial.mismatch or not trial.finished:
        assert trial.validate_exit != 0, trial
    assert trial.rank in ("works", "clear error"), trial
    assert trial.repaired, trial
