"""Methods are a registry plugins extend: the outside test plugin's ``logistic``
normalisation is chosen in hti.toml, builds, ranks and is listed; a clash is rejected alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.engine.registry import REGISTRY, Normalisation
from hti_tui.errors import ConfigError, ModelError
from hti_tui.project import Project
from hti_tui.project.config import load_config


def use(config: Path, old: str, new: str) -> None:
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_plugin_normalisation_builds_ranks_and_is_listed(
        installed_example_plugin: str, project_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    use(project_dir, 'normalisation = "goalposts"', 'normalisation = "logistic"')
    assert main(["--config", str(project_dir), "build"]) == 0
    capsys.readouterr()
    assert main(["--config", str(project_dir), "rank", "--top", "3", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert all(0 < r["index"] < 100 for r in rows)
    main(["--config", str(project_dir), "plugins", "--json"])
    listed = json.loads(capsys.readouterr().out)["methods"]
    assert {"kind": "normalisation", "name": "logistic", "origin": "plugin 'example'",
            "about": "logistic of the z-score (example plugin), 0–100 open"} in listed
    assert {m["name"] for m in listed if m["origin"] == "built-in"} >= {
        "goalposts", "minmax", "zscore", "rank", "target", "arithmetic", "geometric",
        "harmonic"}


def test_an_unknown_method_names_key_and_line(project_dir: Path) -> None:
    use(project_dir, 'normalisation = "goalposts"', 'normalisation = "nosuchmethod"')
    with pytest.raises(ConfigError) as err:
        Project.load(project_dir, environ={})
    assert err.value.key == "method.normalisation" and err.value.line is not None
    with pytest.raises(ConfigError):
        load_config(project_dir)  # without plugins, checked at once


def test_a_method_clash_rejects_that_plugin_alone(project_dir: Path) -> None:
    (project_dir.parent / "plugins" / "clash.py").write_text(
        "from hti_tui import Normalisation, hookimpl\n"
        "@hookimpl\n"
        "def hti_methods():\n"
        "    return [Normalisation('minmax', lambda inp: inp.x)]\n", encoding="utf-8")
    project = Project.load(project_dir, environ={})
    record = project.plugins.records["clash"]
    assert record.shown_status != "loaded"
    assert "minmax" in record.reasons() and "built-in" in record.reasons()
    assert REGISTRY.listing()  # the built-in minmax is still there
    assert REGISTRY.normalisation("minmax").needs == ()


def test_the_registry_refuses_a_bad_name() -> None:
    with pytest.raises(ModelError):
        REGISTRY.add(Normalisation("two words", lambda inp: inp.x), origin="test")


def test_a_plugin_imputation_fills_only_the_cells_that_ask_for_it(project_dir: Path) -> None:
    """A directory plugin registers 'p10'; hti.toml chooses it; the engine's impute uses it."""
    import numpy as np

    from hti_tui.engine.impute import impute

    (project_dir.parent / "plugins" / "p10_imputation.py").write_text(
        "import numpy as np\n"
        "from hti_tui import Imputation, hookimpl\n"
        "def p10(inp):\n"
        "    return np.nanpercentile(inp.x, 10, axis=0), None\n"
        "@hookimpl\n"
        "def hti_methods():\n"
        "    return [Imputation('p10', p10, about='the 10th percentile')]\n", encoding="utf-8")
    use(project_dir, 'missing = "reweight"', 'missing = "impute"')
    text = project_dir.read_text(encoding="utf-8")
    start = text.index("[method.impute]")
    line_end = text.index("\n", text.index("method =", start))
    project_dir.write_text(text[:text.index("method =", start)] + 'method = "p10"'
                           + text[line_end:], encoding="utf-8")
    project = Project.load(project_dir, environ={})
    assert project.config.method.impute.method == "p10"
    x = np.array([[1.0, 5.0], [np.nan, 6.0], [3.0, np.nan], [4.0, 8.0]])
    want = np.array([[None, None], ["p10", None], [None, None], [None, "median"]], dtype=object)
    out, done = impute(x, want)
    assert out[1, 0] == pytest.approx(np.percentile([1.0, 3.0, 4.0], 10))
    assert np.isnan(out[2, 1]) and done[2, 1] is None  # not asked for: stays missing
    assert done[1, 0] == "p10" and done[3, 1] is None  # row 3 col 1 is not missing


def test_an_unknown_imputation_is_a_config_error(project_dir: Path) -> None:
    text = project_dir.read_text(encoding="utf-8")
    start = text.index("[method.impute]")
    at = text.index("method =", start)
    project_dir.write_text(text[:at] + 'method = "nosuch"' + text[text.index("\n", at):],
                           encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Project.load(project_dir, environ={})
    assert err.value.key == "method.impute.method"
