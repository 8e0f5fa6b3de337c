"""Fixtures for UI tests: built projects and an app waited on until the ranking shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def build_copy(dest: Path, kind: str) -> Path:
    """A built copy of a project: "asem" (the COINr example) or "hti" (the shipped one)."""
    from hti_tui.cli.main import main
    from tests.conftest import copy_project

    if kind == "asem":
        for name in ("hti.toml", "iData.csv", "iMeta.csv"):
            shutil.copy2(REPO / "examples" / "asem" / name, dest / name)
        config = dest / "hti.toml"
    else:
        config = copy_project(dest)
    assert main(["--config", str(config), "build"]) == 0
    return config


@pytest.fixture(autouse=True)
def user_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every UI test gets its own empty user config dir (theme and language are saved
    there): nothing leaks between tests or into the real ~/.config."""
    home = tmp_path / "xdg_config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def user_state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The log of bugs (tui/failures.py) goes to a temporary state dir, not ~/.local/state."""
    state = tmp_path / "xdg_state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture(scope="session")
def asem_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(tmp_path_factory.mktemp("asem_ui"), "asem")


@pytest.fixture(scope="session")
def hti_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(tmp_path_factory.mktemp("hti_ui"), "hti")


def laid_out(screen) -> bool:
    """Whether the screen has been laid out (its widgets have places), so what a test reads
    from the rendered screen is there: a ranking whose rows come with its first paint is
    "ready" before Textual has laid it out."""
    return any(child.region.area > 0 for child in screen.children)


async def wait_for_screen(app, pilot, kind: type, ready=lambda screen: True,
                          timeout: float = 20.0):
    """Pause until the app shows a screen of ``kind`` for which ``ready(screen)`` holds.

    Screens load their numbers in workers, so a test waits for the data, not a time. A bug
    in a worker ends the app (tui/failures.py): the wait stops at once, and ``run_test``
    raises the bug with its traceback.
    """
    waited = 0.0
    while waited < timeout:
        if app.return_code is not None:
            raise AssertionError(f"the app ended (return code {app.return_code}) while a test "
                                 f"waited for {kind.__name__}")
        screen = app.screen
        if isinstance(screen, kind) and ready(screen) and laid_out(screen):
            return screen
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError(f"no ready {kind.__name__}; the screen is {app.screen!r}")


async def wait_for_ranking(app, pilot, timeout: float = 20.0):
    """Pause until the ranking screen has rows (the app loads in a worker)."""
    from hti_tui.tui.screens.ranking import RankingScreen

    return await wait_for_screen(app, pilot, RankingScreen, lambda s: bool(s.shown), timeout)
