from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.errors import ConfigError
from hti_tui.project import Project
from hti_tui.project.config import find_config, load_config
from hti_tui.project.toml_lines import key_lines


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_shipped_config_loads(repo: Path) -> None:
    cfg = load_config(repo / "hti.toml")
    assert cfg.index.years == (2022, 2023, 2024)
    assert len(cfg.tree.nodes) == 4 + 18
    assert cfg.tree.nodes["utforande"].weight == 2
    assert cfg.sources["senior_alert"].lag == 1
    assert cfg.method.penalise_statuses == ("not_reported",)
    assert len(cfg.sha256) == 64


def test_malformed_toml_names_file_and_line(minimal_project: Path) -> None:
    _edit(minimal_project, 'name = "Area"', 'name = "Area')
    with pytest.raises(ConfigError) as info:
        load_config(minimal_project)
    err = info.value
    assert err.file == str(minimal_project)
    assert err.line == _line_of(minimal_project, 'name = "Area')
    assert "not valid TOML" in str(err)


def test_unknown_key_names_key_line_and_suggests(minimal_project: Path) -> None:
    _edit(minimal_project, "years = [2024]", "years = [2024]\nyeers = 3")
    with pytest.raises(ConfigError) as info:
        load_config(minimal_project)
    err = info.value
    assert err.key == "index.yeers"
    assert err.line == _line_of(minimal_project, "yeers")
    assert "did you mean 'years'" in str(err)


@pytest.mark.parametrize(("old", "new", "key", "message"), [
    ("years = [2024]", 'years = "2024"', "index.years", "expected a list"),
    ("years = [2024]", 'years = [2024, "x"]', "index.years", "item 2 should be an integer"),
    ('registry = "units.csv"', 'registry = "nope.csv"', "units.registry", "does not exist"),
    ('registry = "units.csv"', "registry = 3", "units.registry", "expected a string"),
    ('parent = "index"', 'parent = "nowhere"', "tree.nodes.area.parent", "is not a node"),
    ('directories = ["plugins"]', 'directories = ["missing"]', "plugins.directories",
     "does not exist"),
    ("[tree]", "[method]\nnormalisation = \"magic\"\n[tree]", "method.normalisation",
     "unknown value 'magic'"),
    ("[tree]", "[method]\nmin_coverage = 2\n[tree]", "method.min_coverage", "between 0 and 1"),
    ("[tree]", "[method]\nmissing = true\n[tree]", "method.missing", "found a boolean"),
    ('name = "Area"', 'name = "Area"\nweight = -1', "tree.nodes.area.weight", "negative"),
    ("[tree]", '[sources.s]\nadapters = { 24 = "a" }\n[tree]', "sources.s.adapters.24",
     "data years"),
])
def test_typed_errors_name_key_and_line(minimal_project: Path, old: str, new: str, key: str,
                                        message: str) -> None:
    _edit(minimal_project, old, new)
    with pytest.raises(ConfigError) as info:
        load_config(minimal_project)
    err = info.value
    assert err.key == key
    assert message in str(err)
    assert err.line is not None
    assert "hti.toml" in str(err)


def test_missing_required_section(minimal_project: Path) -> None:
    text = minimal_project.read_text(encoding="utf-8")
    minimal_project.write_text(text.replace("[units]", "[unitz]"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(minimal_project)
    assert info.value.key in {"units", "unitz"}


def test_adapter_no_plugin_provides(minimal_project: Path) -> None:
    _edit(minimal_project, "[tree]", '[sources.kolada]\nadapters = { 2024 = "kolada_v9" }\n[tree]')
    project = Project.load(minimal_project, environ={})
    problems = project.config_problems()
    assert len(problems) == 1
    err = problems[0]
    assert err.key == "sources.kolada.adapters.2024"
    assert err.line == _line_of(minimal_project, "kolada_v9")
    assert "no plugin provides adapter 'kolada_v9'" in str(err)


def test_find_config_in_parents(minimal_project: Path, monkeypatch) -> None:
    sub = minimal_project.parent / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == minimal_project.resolve()
    monkeypatch.chdir(sub)
    assert load_config().path == minimal_project.resolve()


def test_no_config_anywhere(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no hti\.toml"):
        find_config(tmp_path)


def test_key_lines() -> None:
    lines = key_lines('a = 1\n[s.k]\nx = [\n 1,\n]\ny = { 2022 = "q" }\n[[t]]\nz = 1\n')
    assert lines == {"a": 1, "s.k": 2, "s.k.x": 3, "s.k.y": 6, "s.k.y.2022": 6, "t.0": 7,
                     "t.0.z": 8}


def test_measure_lag_overrides_the_source_lag(minimal_project: Path) -> None:
    text = minimal_project.read_text(encoding="utf-8")
    minimal_project.write_text(text + '[sources.kolada]\nlag = 0\nmeasure_lag = { kont = 1 }\n'
                               'adapters = { 2023 = "x", 2024 = "x" }\n', encoding="utf-8")
    src = load_config(minimal_project).sources["kolada"]
    assert (src.lag_of("kont"), src.lag_of("nojd")) == (1, 0)
    assert src.data_years(2024) == (2024, 2023)


def test_a_negative_measure_lag_names_its_key(minimal_project: Path) -> None:
    text = minimal_project.read_text(encoding="utf-8")
    minimal_project.write_text(text + '[sources.kolada]\nmeasure_lag = { kont = -1 }\n'
                               'adapters = { 2024 = "x" }\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(minimal_project)
    assert err.value.key == "sources.kolada.measure_lag.kont"
