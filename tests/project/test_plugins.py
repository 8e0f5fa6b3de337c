from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from hti_tui import hookspecs
from hti_tui.project import Project
from hti_tui.project.plugins import Selection

GOOD = '''
from hti_tui import hookimpl, indicator
__version__ = "2.1"

@hookimpl
def hti_indicators():
    return [indicator("{id}", "Good", area="area", measure="s:m")]
'''


def _plugin(project: Path, name: str, body: str) -> None:
    (project.parent / "plugins" / f"{name}.py").write_text(body, encoding="utf-8")


def test_good_plugin_is_loaded_with_version_and_hooks(minimal_project: Path) -> None:
    _plugin(minimal_project, "good", GOOD.format(id="a"))
    project = Project.load(minimal_project, environ={})
    record = project.plugins.records["good"]
    assert (record.status, record.version, record.hooks) == ("loaded", "2.1", ["hti_indicators"])
    assert record.origin == "directory"
    assert set(project.indicators()) == {"a"}


def test_plugin_raising_on_import_is_isolated(minimal_project: Path) -> None:
    _plugin(minimal_project, "good", GOOD.format(id="a"))
    _plugin(minimal_project, "broken", "raise RuntimeError('boom at import')\n")
    project = Project.load(minimal_project, environ={})
    broken = project.plugins.records["broken"]
    assert broken.status == "failed"
    assert "import failed" in broken.error and "boom at import" in broken.error
    assert project.plugins.records["good"].status == "loaded"
    assert set(project.indicators()) == {"a"}


def test_plugin_raising_in_hook_is_isolated(minimal_project: Path) -> None:
    _plugin(minimal_project, "good", GOOD.format(id="a"))
    _plugin(minimal_project, "raiser", '''
from hti_tui import hookimpl
@hookimpl
def hti_indicators():
    raise ValueError("bug in hook")
''')
    project = Project.load(minimal_project, environ={})
    assert set(project.indicators()) == {"a"}
    errors = project.plugins.records["raiser"].hook_errors
    assert "hti_indicators" in errors and "bug in hook" in errors["hti_indicators"]
    assert [r.name for r in project.plugins.failures()] == ["raiser"]


def test_wrong_return_type_is_a_hook_error(minimal_project: Path) -> None:
    _plugin(minimal_project, "wrong", '''
from hti_tui import hookimpl
@hookimpl
def hti_indicators():
    return {"not": "a list"}
''')
    project = Project.load(minimal_project, environ={})
    assert project.indicators() == {}
    assert "expected a list of IndicatorSpec" in project.plugins.records["wrong"].hook_errors[
        "hti_indicators"]


def test_unknown_hook_is_reported(minimal_project: Path) -> None:
    _plugin(minimal_project, "typo", '''
from hti_tui import hookimpl
@hookimpl
def hti_indicatorz():
    return []
''')
    project = Project.load(minimal_project, environ={})
    record = project.plugins.records["typo"]
    assert record.status == "failed" and "hti_indicatorz" in record.error


def test_module_without_hooks_is_reported(minimal_project: Path) -> None:
    _plugin(minimal_project, "empty", "x = 1\n")
    project = Project.load(minimal_project, environ={})
    assert project.plugins.records["empty"].error == "implements no hti hook"


def test_duplicate_indicator_rejects_the_later_plugin_alone(minimal_project: Path) -> None:
    _plugin(minimal_project, "first", GOOD.format(id="same"))
    _plugin(minimal_project, "second", GOOD.format(id="same") + GOOD.replace(
        "def hti_indicators", "def hti_sources").replace(
        'return [indicator("{id}", "Good", area="area", measure="s:m")]', "return []"))
    _plugin(minimal_project, "third", GOOD.format(id="other"))
    project = Project.load(minimal_project, environ={})
    found = project.indicators()  # no exception: the tool keeps working
    assert {i: p for i, (_, p) in found.items()} == {"same": "first", "other": "third"}
    second = project.plugins.records["second"]
    assert second.shown_status == "failed" and second.blocks_build
    message = second.reasons()
    assert "indicator 'same'" in message and "'first'" in message and "'second'" in message
    assert [r.name for r in project.plugins.failures()] == ["second"]


def test_project_plugin_wins_over_entry_point(minimal_project: Path) -> None:
    """Precedence is load order: built-ins, project directories, then entry points."""
    _plugin(minimal_project, "mine", GOOD.format(id="same"))
    project = Project.load(minimal_project, environ={})
    from hti_tui import hookimpl, indicator

    class EntryPoint:
        @hookimpl(tryfirst=True)
        def hti_indicators(self):
            return [indicator("same", "Theirs", area="area", measure="s:m")]

    project.plugins.register(EntryPoint(), "theirs", origin="entry point")
    assert project.indicators()["same"][1] == "mine"
    assert "'mine' (directory)" in project.plugins.records["theirs"].reasons()


def test_hooks_are_called_in_registration_order(minimal_project: Path) -> None:
    for name in ("a_first", "b_second", "c_third"):
        _plugin(minimal_project, name, GOOD.format(id=name))
    project = Project.load(minimal_project, environ={})
    assert [p for _, p in project.indicators().values()] == ["a_first", "b_second", "c_third"]


def test_unknown_area_rejects_that_plugin_with_a_suggestion(minimal_project: Path) -> None:
    from hti_tui.pipeline.model import assemble

    _plugin(minimal_project, "good", GOOD.format(id="a"))
    _plugin(minimal_project, "typo", GOOD.format(id="b").replace('area="area"', 'area="arae"'))
    project = Project.load(minimal_project, environ={})
    model = assemble(project)  # the model still builds, without the typo'd plugin
    assert list(model.indicator_ids) == ["a"]
    reason = project.plugins.records["typo"].reasons()
    assert "'arae'" in reason and "did you mean 'area'" in reason


def test_sys_exit_in_a_hook_or_at_import_is_caught(minimal_project: Path) -> None:
    _plugin(minimal_project, "good", GOOD.format(id="a"))
    _plugin(minimal_project, "quitter", "import sys\nsys.exit(3)\n")
    _plugin(minimal_project, "hookquit", """
import sys
from hti_tui import hookimpl
@hookimpl
def hti_indicators():
    sys.exit("bye")
""")
    project = Project.load(minimal_project, environ={})
    assert set(project.indicators()) == {"a"}
    assert "sys.exit(3)" in project.plugins.records["quitter"].error
    assert "sys.exit('bye')" in project.plugins.records["hookquit"].hook_errors["hti_indicators"]


def test_bad_direction_points_at_the_plugin_line(minimal_project: Path) -> None:
    _plugin(minimal_project, "bad", GOOD.format(id="a").replace(
        'measure="s:m"', 'measure="s:m", direction="up"'))
    project = Project.load(minimal_project, environ={})
    project.indicators()
    error = project.plugins.records["bad"].hook_errors["hti_indicators"]
    assert "(bad.py:7)" in error, error


def test_printing_plugin_does_not_write_to_stdout(minimal_project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _plugin(minimal_project, "loud", GOOD.format(id="a").replace(
        "def hti_indicators():\n", "def hti_indicators():\n    print('hello from a hook')\n")
        + "print('hello at import')\n")
    project = Project.load(minimal_project, environ={})
    project.indicators()
    out, err = capsys.readouterr()
    assert out == "" and "hello from a hook" in err and "hello at import" in err


def test_private_modules_are_not_plugins(minimal_project: Path) -> None:
    _plugin(minimal_project, "_helper", "raise RuntimeError('never imported')\n")
    project = Project.load(minimal_project, environ={})
    assert "_helper" not in project.plugins.records


def test_disable_by_config_cli_and_env(minimal_project: Path) -> None:
    _plugin(minimal_project, "one", GOOD.format(id="a"))
    _plugin(minimal_project, "two", GOOD.format(id="b"))
    assert set(Project.load(minimal_project, disable=["one"], environ={}).indicators()) == {"b"}
    env_allow = Project.load(minimal_project, environ={"HTI_LOAD_PLUGINS": "two"})
    assert set(env_allow.indicators()) == {"b"}
    assert env_allow.plugins.records["one"].status == "disabled"
    env_deny = Project.load(minimal_project, environ={"HTI_LOAD_PLUGINS": "-two"})
    assert set(env_deny.indicators()) == {"a"}
    text = minimal_project.read_text(encoding="utf-8")
    minimal_project.write_text(text.replace('directories = ["plugins"]',
                                            'directories = ["plugins"]\ndisabled = ["two"]'))
    assert set(Project.load(minimal_project, environ={}).indicators()) == {"a"}


def test_selection_rules() -> None:
    sel = Selection.build(enabled=["a", "b"], disabled=["b"], env_value=None)
    assert sel.permits("a") and not sel.permits("b") and not sel.permits("c")
    sel = Selection.build(enabled=["a"], disabled=[], env_value="c,-a")
    assert sel.permits("c") and not sel.permits("a")


def test_every_hook_is_documented(repo: Path) -> None:
    """Fails when a hook spec is added without its documentation."""
    doc = (repo / "docs" / "PLUGINS.md").read_text(encoding="utf-8")
    specs = [name for name, obj in inspect.getmembers(hookspecs, inspect.isfunction)
             if name.startswith("hti_")]
    assert specs, "no hook specs found"
    for name in specs:
        assert f"### `{name}(" in doc, f"{name} is missing from docs/PLUGINS.md"
        text = inspect.getdoc(getattr(hookspecs, name)) or ""
        for part in ("Args:", "Returns:", "Called:"):
            assert part in text, f"{name} docstring lacks '{part}'"
    assert f"**{hookspecs.HOOKSPEC_VERSION}**" in doc
