"""The layer contracts and the typing gate, run with the tests (and so in CI).

``lint-imports`` checks the import-linter contracts in pyproject.toml (the core imports
no I/O or presentation, presentation goes through the query layer, Textual only under
hti_tui/tui); ``mypy --strict`` (pyproject.toml's [tool.mypy]) must pass on the whole package.
Both name the offending import or line in their output, shown when they fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=240)


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("lint-imports is missing: pip install -e '.[test]'")
    done = run(exe, "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_whole_package_passes_mypy_strict() -> None:
    """``mypy`` with pyproject.toml's ``[tool.mypy]`` (strict, files = hti_tui): every module."""
    done = run(sys.executable, "-m", "mypy", "--no-error-summary")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
