"""Golden JSON of every CLI command, on the shipped project and on examples/asem.

Each case runs ``hti --config <project>/hti.toml ARGS`` in-process and stores what it printed
(parsed JSON, or the text of an error) with its exit code. The output is made deterministic
first: timing fields are dropped and the project's absolute path becomes ``<project>``. The
goldens are the contract of the query layer: a refactor must leave them byte-identical; a change
of method or output regenerates them on purpose (see README.md) and the diff is reviewed.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent
REPO = GOLDEN.parents[1]

#: keys whose values are wall-clock times, never part of a golden
TIME_KEYS = frozenset({"seconds", "engine_seconds", "sensitivity_seconds"})

#: keys whose values hash code or configuration other work edits (plugin sources, hti.toml):
#: written "<sha256>" so that a golden of the build plan does not move with every such edit
HASH_KEYS = frozenset({"config_sha256", "registry_sha256", "model_sha256", "source_sha256"})

#: project → case name → the command line after ``--config``. "build" is the first build.
CASES: dict[str, dict[str, list[str]]] = {
    "hti": {
        "build": ["build", "--json"],
        "build_again": ["build", "--json"],
        "build_dry_run": ["build", "--dry-run", "--format", "json"],
        "plugins": ["plugins", "--json"],
        "validate": ["validate", "--json", "--all"],
        "rank": ["rank", "--format", "json"],
        "rank_2023": ["rank", "--year", "2023", "--format", "json"],
        "rank_delindex_lan_top": ["rank", "--delindex", "utforande", "--lan", "orebro",
                                  "--top", "5", "--format", "json"],
        "rank_group": ["rank", "--group", "hogt", "--format", "json"],
        "rank_csv": ["rank", "--top", "5", "--format", "csv"],
        "show": ["show", "orebro", "--format", "json"],
        "show_code_2022": ["show", "0180", "--year", "2022", "--format", "json"],
        "show_unknown": ["show", "nowhere", "--format", "json"],
        "compare": ["compare", "Stockholm", "Göteborg", "Malmö", "--format", "json"],
        "compare_delindex": ["compare", "Ljusdal", "Storfors", "--levels", "delindex",
                             "--format", "json"],
        "trend": ["trend", "orebro", "--format", "json"],
        "whatif": ["whatif", "orebro", "--set", "bu_fortroende=95,5", "--format", "json"],
        "whatif_two": ["whatif", "Kumla", "--set", "bu_fortroende=99", "--set",
                       "web_e_tjanst=0", "--format", "json"],
        "priorities": ["priorities", "orebro", "--format", "json"],
        "priorities_quartile": ["priorities", "orebro", "--target", "quartile", "--top", "5",
                           "--format", "json"],
        "priorities_peers": ["priorities", "Stockholm", "--target", "peers", "--top", "5",
                             "--format", "json"],
        "peers": ["peers", "orebro", "--format", "json"],
        "peers_k3": ["peers", "Storfors", "-k", "3", "--format", "json"],
        "indicator": ["indicator", "bu_fortroende", "--format", "json"],
        "indicator_web": ["indicator", "web_e_tjanst", "--top", "3", "--format", "json"],
        "sensitivity": ["sensitivity", "--runs", "100", "--format", "json"],
        "audit": ["audit", "--format", "json"],
        "sources": ["sources", "--format", "json"],
        "notes": ["notes", "--format", "json"],
        "notes_2024_warning": ["notes", "--year", "2024", "--severity", "warning",
                               "--format", "json"],
    },
    "asem": {
        "build": ["build", "--json"],
        "plugins": ["plugins", "--json"],
        "validate": ["validate", "--json", "--all"],
        "rank": ["rank", "--format", "json"],
        "rank_filters": ["rank", "--lan", "asia", "--top", "3", "--format", "json"],
        "rank_delindex": ["rank", "--delindex", "Sust", "--format", "json"],
        "show": ["show", "austria", "--format", "json"],
        "compare": ["compare", "AUT", "BEL", "DEU", "--format", "json"],
        "trend": ["trend", "AUT", "--format", "json"],
        "whatif": ["whatif", "AUT", "--set", "LPI=4,3", "--format", "json"],
        "priorities": ["priorities", "AUT", "--format", "json"],
        "peers": ["peers", "AUT", "--format", "json"],
        "indicator": ["indicator", "LPI", "--format", "json"],
        "sensitivity": ["sensitivity", "--runs", "200", "--format", "json"],
        "audit": ["audit", "--format", "json"],
        "sources": ["sources", "--format", "json"],
        "notes": ["notes", "--format", "json"],
    },
}


def make_project(kind: str, dest: Path) -> Path:
    """A fresh, unbuilt copy of the shipped project ("hti") or of examples/asem in ``dest``."""
    if kind == "asem":
        for name in ("hti.toml", "iData.csv", "iMeta.csv"):
            shutil.copy2(REPO / "examples" / "asem" / name, dest / name)
        return dest / "hti.toml"
    from tests.conftest import copy_project

    return copy_project(dest)


def _scrub(value: Any, root: str) -> Any:
    if isinstance(value, dict):
        return {k: "<sha256>" if k in HASH_KEYS else _scrub(v, root)
                for k, v in value.items() if k not in TIME_KEYS}
    if isinstance(value, list):
        return [_scrub(v, root) for v in value]
    if isinstance(value, str):
        return value.replace(root, "<project>")
    return value


def run_case(config: Path, args: list[str]) -> str:
    """The golden text of one command: exit code and output, deterministic."""
    from hti_tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    width = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "200"  # rich wraps error lines at the console width
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--config", str(config), *args])
    finally:
        if width is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = width
    root = str(config.parent)
    text = out.getvalue()
    try:
        output: Any = _scrub(json.loads(text), root)
    except json.JSONDecodeError:
        output = _scrub(text.splitlines(), root)
    record = {"argv": args, "exit": code, "output": output}
    if code != 0:
        record["stderr"] = _scrub(err.getvalue().splitlines(), root)
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def run_project(kind: str, config: Path) -> dict[str, str]:
    """Every case of one project, in order (the first "build" builds it)."""
    return {name: run_case(config, args) for name, args in CASES[kind].items()}


def path_of(kind: str, name: str) -> Path:
    return GOLDEN / kind / f"{name}.json"


def write_all(workdir: Path) -> list[Path]:
    """Regenerate every golden file (building fresh copies under ``workdir``)."""
    written = []
    for kind in CASES:
        dest = workdir / kind
        dest.mkdir(parents=True, exist_ok=True)
        folder = GOLDEN / kind
        folder.mkdir(exist_ok=True)
        for stale in folder.glob("*.json"):
            stale.unlink()
        for name, text in run_project(kind, make_project(kind, dest)).items():
            path = path_of(kind, name)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
