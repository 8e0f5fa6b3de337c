from __future__ import annotations

from pathlib import Path

from hti_tui.project import Project


def test_entry_point_plugin_is_loaded(installed_example_plugin: str, project_dir: Path) -> None:
    project = Project.load(project_dir, environ={})
    record = project.plugins.records[installed_example_plugin]
    assert record.origin == "entry point"
    assert record.version == "0.3.0"
    assert record.status == "loaded"
    assert set(record.hooks) == {"hti_indicators", "hti_validate", "hti_methods"}
    spec, plugin = project.indicators()["ext_trygg_och_nojd"]
    assert plugin == "example" and spec.area == "trygghet"
    notes = project.plugins.validate(project.config)
    assert any(n.code == "example" for n in notes)


def test_entry_points_can_be_switched_off(installed_example_plugin: str, project_dir: Path
                                          ) -> None:
    project = Project.load(project_dir, disable=["example"], environ={})
    assert project.plugins.records["example"].status == "disabled"
    assert "ext_trygg_och_nojd" not in project.indicators()


def test_third_party_indicator_reaches_the_results(installed_example_plugin: str,
                                                   project_dir: Path, capsys) -> None:
    """Built with the shipped data, the plugin's indicator scores and contributes points."""
    import json

    from hti_tui.cli.main import main

    assert main(["--config", str(project_dir), "build"]) == 0
    capsys.readouterr()
    assert main(["--config", str(project_dir), "show", "Örebro", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    (ext,) = [i for i in shown["indicators"] if i["id"] == "ext_trygg_och_nojd"]
    assert ext["status"] == "ok" and ext["weight"] > 0 and ext["contribution"] > 0
    total = sum(i["contribution"] or 0.0 for i in shown["indicators"])
    assert abs(total - shown["index"]) < 1e-9
