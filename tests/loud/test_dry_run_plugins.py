"""``hti build --dry-run`` says where the build would fail before it fails (#10 item 5, #13):
a broken third-party plugin stops the plan, names the plugin, exits 1 and writes nothing;
with ``--allow-failed-plugins`` the plan goes on and says what is left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from tests.loud.test_failed_plugins import THIRD_PARTY


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_dry_run_names_the_failed_plugin_and_writes_nothing(
        built: Path, entry_point, capsys: pytest.CaptureFixture[str]) -> None:
    datasets = built.parent / "datasets"
    entry_point("ext", THIRD_PARTY.format(top="", body='raise RuntimeError("bug in the hook")'))
    before = _state(datasets)
    capsys.readouterr()
    assert main(["--config", str(built), "build", "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "Bygget skulle stanna" in out and "plugin 'ext'" in out
    assert main(["--config", str(built), "build", "--dry-run", "--json"]) == 1
    plan = json.loads(capsys.readouterr().out)
    assert plan["stop"]["cause"] == "plugins" and plan["would_fail"] is True
    assert [p["name"] for p in plan["failed_plugins"]] == ["ext"]

    assert main(["--config", str(built), "build", "--dry-run", "--json",
                 "--allow-failed-plugins"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["stop"] is None and [p["name"] for p in plan["failed_plugins"]] == ["ext"]
    # leaving a plugin out is part of the results' key: every year would be recomputed
    assert {y["action"] for y in plan["years"]} == {"compute"}
    assert _state(datasets) == before
