from __future__ import annotations

from pathlib import Path

from hti_tui.project import Project


def test_entry_point_plugin_is_loaded(installed_example_plugin: str, project_dir: Path) -> None:
    project = Project.load(project_dir, environ={})
    record = project.plugins.records[installed_example_plugin]
    assert record.origin == "entry point"
    assert record.version == "0.3.0"
    assert record.status == "loaded"
    assert set(record.hooks) == {"hti_indicators", "hti_validate"}
    spec, plugin = project.indicators()["ext_trygg_och_nojd"]
    assert plugin == "example" and spec.area == "trygghet"
    notes = project.plugins.validate(project.config)
    assert any(n.code == "example" for n in notes)


def test_entry_points_can_be_switched_off(installed_example_plugin: str, project_dir: Path
                                          ) -> None:
    project = Project.load(project_dir, disable=["example"], environ={})
    assert project.plugins.records["example"].status == "disabled"
    assert "ext_trygg_och_nojd" not in project.indicators()
