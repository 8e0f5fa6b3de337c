"""The layer contracts and the typing gate, run with the tests (and so in CI).

``lint-imports`` checks the import-linter contracts in pyproject.toml (the core imports
no I/O or presentation, presentation goes through the query layer, Textual only under
hti_tui/tui); ``mypy --strict`` must pass on every module of tests/typing_clean.txt.
Both name the offending import or line in their output, shown when they fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def clean_modules() -> list[str]:
    lines = (REPO / "tests" / "typing_clean.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=240)


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("lint-imports is missing: pip install -e '.[test]'")
    done = run(exe, "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_clean_modules_pass_mypy_strict() -> None:
    modules = clean_modules()
    missing = [m for m in modules if not (REPO / m).is_file()]
    assert not missing, f"tests/typing_clean.txt names files that do not exist: {missing}"
    done = run(sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
               "--no-error-summary", *modules)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
