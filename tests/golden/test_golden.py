"""Every CLI command's JSON on both projects equals its committed golden (README.md)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden import CASES, make_project, path_of, run_project


@pytest.fixture(scope="session")
def golden_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Each project built fresh (the "build" case is that build) and every case run once."""
    return {kind: run_project(kind, make_project(kind, tmp_path_factory.mktemp(f"golden_{kind}")))
            for kind in CASES}


@pytest.mark.parametrize(("kind", "name"),
                         [(kind, name) for kind, cases in CASES.items() for name in cases])
def test_golden(golden_outputs: dict[str, dict[str, str]], kind: str, name: str) -> None:
    actual = golden_outputs[kind][name]
    path: Path = path_of(kind, name)
    assert path.exists(), f"{path} is missing: run `python -m tests.golden`"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "golden", "now", n=2))
        pytest.fail(f"{kind}/{name} differs from its golden; if the change is meant, run "
                    f"`python -m tests.golden` and review the diff:\n{diff[:4000]}")


def test_no_stale_goldens() -> None:
    """A golden file without a case would never be checked."""
    for kind, cases in CASES.items():
        on_disk = {p.stem for p in path_of(kind, "x").parent.glob("*.json")}
        assert on_disk == set(cases), f"stale or missing goldens in {kind}: " \
            f"{sorted(on_disk ^ set(cases))}"
