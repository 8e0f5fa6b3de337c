"""Kill trials: ``hti build`` interrupted at spread-out moments, then what a user finds.

``python -m benchmarks killtrials [N] [--late]`` (default 60; ``--late`` kills only once
stage 2 writes: the index computation and the commit) builds a copy of the shipped project,
then per trial: copies it, makes a change (a raw file edited, hti.toml edited, or
``--force``), starts ``hti build`` as a subprocess and sends it SIGKILL or SIGINT after a
delay spread over the length of an uninterrupted build of that change. Then it checks:

* **results** — per index year the results, rank intervals and notes files are either the
  previous ones byte for byte or the new ones (an uninterrupted build of the same change)
  byte for byte, and all years together are the previous set or the new set;
* **validate** — when the observations on disk are not the ones the results were computed
  from (or the build was interrupted), ``hti validate`` exits non-zero naming it;
* **rank** — ``hti rank --format json`` works, or fails with a message and no traceback;
* **repair** — the next ``hti build`` exits 0 and leaves exactly the new set, and
  ``hti validate`` is clean again.

It prints the counts. Slow (a few seconds a trial): a benchmark, not a test;
``tests/pipeline/test_kill.py`` runs a few trials of the same code.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHANGES = ("raw", "config", "force")
YEAR_FILES = ("results/year={y}/results.parquet", "results/year={y}/uncertainty.parquet",
              "quality/results/year={y}/notes.parquet")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "hti.toml", dest / "hti.toml")
    for folder in ("plugins", "indicators", "datasets/reference", "datasets/raw"):
        shutil.copytree(REPO / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "hti.toml"


def hti(config: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "hti_tui", "--config", str(config), *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


def change(config: Path, kind: str) -> list[str]:
    """Make the change of a trial; the ``hti build`` arguments that build it."""
    root = config.parent
    if kind == "raw":
        raw = root / "datasets/raw/2023/senior_alert_2023.csv"
        raw.write_bytes(raw.read_bytes() + b"\n")
    elif kind == "config":
        config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    return ["build", "--force"] if kind == "force" else ["build"]


def years(config: Path) -> list[int]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    return list(tomllib.loads(config.read_text(encoding="utf-8"))["index"]["years"])


def result_files(config: Path) -> dict[str, bytes | None]:
    data = config.parent / "datasets"
    out: dict[str, bytes | None] = {}
    for y in years(config):
        for pattern in YEAR_FILES:
            path = data / pattern.format(y=y)
            out[pattern.format(y=y)] = path.read_bytes() if path.is_file() else None
    return out


def classify(now: dict[str, bytes | None], old: dict[str, bytes | None],
             new: dict[str, bytes | None], config: Path) -> str:
    """"previous", "new", or what is wrong: "mixed years" (each year whole, not all the same
    build) or "torn year" (a year's files from two builds, or unreadable)."""
    if now == old:
        return "previous"
    if now == new:
        return "new"
    for y in years(config):
        keys = [p.format(y=y) for p in YEAR_FILES]
        mine = [now[k] for k in keys]
        if mine not in ([old[k] for k in keys], [new[k] for k in keys]):
            return "torn year"
    return "mixed years"


def mismatch(config: Path) -> bool:
    """True when some year's results were not computed from the observation files on disk
    (read straight from the files' metadata, independent of hti's own check)."""
    import pyarrow.parquet as pq

    data = config.parent / "datasets"
    now: dict[str, object] = {}
    for path in (data / "observations").rglob("observations.parquet"):
        meta = pq.read_schema(path).metadata or {}
        now[str(path.relative_to(config.parent))] = json.loads(meta[b"hti"])["fingerprint"]
    for y in years(config):
        path = data / f"results/year={y}/results.parquet"
        if not path.is_file():
            continue
        prov = json.loads((pq.read_schema(path).metadata or {})[b"hti"])
        for rec in prov.get("inputs", []):
            if now.get(rec["path"]) != rec["fingerprint"]:
                return True
    return False


@dataclass
class Trial:
    change: str
    signal: str
    delay: float
    elapsed: float = 0.0  # from start to exit of the killed build
    finished: bool = False
    started: bool = False  # the build got as far as recording that it runs
    results: str = ""
    mismatch: bool = False
    validate_exit: int = 0
    validate_says: str = ""
    rank: str = ""
    repaired: bool = False
    repair_validate_exit: int = -1


def _staging(work: Path) -> bool:
    """True once stage 2 writes: a staged results file exists (see pipeline.commit)."""
    return any((work / "datasets").rglob("*.staged"))


def run_trial(base: Path, work: Path, kind: str, sig: signal.Signals, delay: float,
              old: dict[str, bytes | None], new: dict[str, bytes | None],
              late: bool = False) -> Trial:
    """One trial; ``late``: wait until stage 2 writes its first staged file, then ``delay``
    more (so the kill lands in the index computation or the commit, whatever the load)."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(base, work)
    config = work / "hti.toml"
    args = change(config, kind)
    trial = Trial(kind, sig.name, round(delay, 3))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "hti_tui", "--config", str(config), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    t0 = time.perf_counter()
    if late:
        while proc.poll() is None and not _staging(work):
            time.sleep(0.005)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(sig)
    code = proc.wait(timeout=300)
    trial.elapsed = round(time.perf_counter() - t0, 3)
    trial.finished = code == 0
    status = work / "datasets/results/last_build.json"
    try:
        # the base build left ok=true: ok=false is this build (running, or interrupted)
        trial.started = json.loads(status.read_text(encoding="utf-8")).get("ok") is False
    except (OSError, ValueError):
        trial.started = False
    trial.results = classify(result_files(config), old, new, config)
    trial.mismatch = mismatch(config)
    check = hti(config, "validate", "--json")
    trial.validate_exit = check.returncode
    try:
        codes = {n.get("code") for n in json.loads(check.stdout).get("notes", [])
                 if n.get("severity") == "error"}
    except (ValueError, AttributeError):
        codes = {"?"}
    trial.validate_says = ",".join(sorted(c for c in codes if c in (
        "stale", "build_failed", "interrupted", "not_built", "content")))
    rank = hti(config, "rank", "--format", "json")
    if "Traceback" in rank.stderr:
        trial.rank = "traceback"
    elif rank.returncode == 0:
        try:
            json.loads(rank.stdout)
            trial.rank = "works"
        except ValueError:
            trial.rank = "bad json"
    else:
        trial.rank = "clear error" if rank.stderr.strip() else "silent failure"
    again = hti(config, "build")
    trial.repaired = again.returncode == 0 and result_files(config) == new
    trial.repair_validate_exit = hti(config, "validate").returncode
    return trial


def prepare(root: Path) -> tuple[Path, dict[str, dict[str, bytes | None]], dict[str, float],
                                 dict[str, bytes | None], dict[str, int]]:
    """The built base project, and per change the new results, the length of an
    uninterrupted build and the exit code of ``hti validate`` after it (an edited raw file
    no longer matches the synthetic manifest: that is validate's exit 1 with or without a
    kill)."""
    base = root / "base"
    config = copy_project(base)
    first = hti(config, "build")
    if first.returncode != 0:
        raise SystemExit(f"the base build failed:\n{first.stdout}\n{first.stderr}")
    old = result_files(config)
    new: dict[str, dict[str, bytes | None]] = {}
    seconds: dict[str, float] = {}
    clean: dict[str, int] = {}
    for kind in CHANGES:
        ref = root / f"ref_{kind}"
        shutil.copytree(base, ref)
        args = change(ref / "hti.toml", kind)
        t0 = time.perf_counter()
        done = hti(ref / "hti.toml", *args)
        seconds[kind] = time.perf_counter() - t0
        if done.returncode != 0:
            raise SystemExit(f"the reference build ({kind}) failed:\n{done.stderr}")
        new[kind] = result_files(ref / "hti.toml")
        clean[kind] = hti(ref / "hti.toml", "validate").returncode
        shutil.rmtree(ref)
    return base, new, seconds, old, clean


def trials(n: int, root: Path, quiet: bool = False, late: bool = False) -> list[Trial]:
    """``n`` trials, the kills spread over a build's length (``late``: over the index
    computation and the commit of the results, from stage 2's first staged file on)."""
    base, new, seconds, old, clean = prepare(root)
    out: list[Trial] = []
    for i in range(n):
        kind = CHANGES[i % len(CHANGES)]
        sig = signal.SIGKILL if (i // len(CHANGES)) % 2 == 0 else signal.SIGINT
        # spread over 0 … the build's length, a different point each round (golden ratio)
        k = i // len(CHANGES)
        rounds = max(1, -(-n // len(CHANGES)))
        point = (k * 0.618034 + 0.05) % 1.0 if rounds > 1 else 0.5
        # late: after stage 2's first staged file, 0 … 0.3 × a build (the years, the commit)
        delay = seconds[kind] * (0.3 if late else 1.0) * point
        trial = run_trial(base, root / "trial", kind, sig, delay, old, new[kind], late)
        if trial.finished:  # the machine got faster: a build is this long now
            seconds[kind] = min(seconds[kind], trial.elapsed)
        trial.repair_validate_exit = 0 if trial.repair_validate_exit == clean[kind] else \
            trial.repair_validate_exit
        out.append(trial)
        if not quiet:
            print(json.dumps(trial.__dict__), flush=True)
    return out


def report(done: list[Trial]) -> dict[str, object]:
    interrupted = [t for t in done if not t.finished]
    started = [t for t in interrupted if t.started]
    flagged = [t for t in started if t.validate_exit != 0]
    mismatched = [t for t in done if t.mismatch]
    return {
        "trials": len(done),
        "delays (s)": [min(t.delay for t in done), max(t.delay for t in done)] if done else [],
        "by_signal": dict(Counter(t.signal for t in done)),
        "by_change": dict(Counter(t.change for t in done)),
        "interrupted (build did not exit 0)": len(interrupted),
        "interrupted after the build started": len(started),
        "results": dict(Counter(t.results for t in done)),
        "observations/results mismatch": len(mismatched),
        "mismatch flagged by validate": sum(1 for t in mismatched if t.validate_exit != 0),
        "interrupted after start, flagged by validate": len(flagged),
        "validate said": dict(Counter(t.validate_says for t in interrupted)),
        "rank": dict(Counter(t.rank for t in done)),
        "repaired by the next build": sum(1 for t in done if t.repaired),
        "validate after repair as after an uninterrupted build":
            sum(1 for t in done if t.repair_validate_exit == 0),
    }


def main(argv: list[str]) -> int:
    """``[N] [--late]``: N trials (60); ``--late`` kills only once stage 2 writes."""
    numbers = [a for a in argv if not a.startswith("-")]
    n = int(numbers[0]) if numbers else 60
    with tempfile.TemporaryDirectory() as tmp:
        done = trials(n, Path(tmp), late="--late" in argv)
    print(json.dumps(report(done), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
