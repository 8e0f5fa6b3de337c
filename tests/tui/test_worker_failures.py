"""A screen's work that fails: a bug surfaces with its traceback, a data error stays a message.

The ranking screen's data call (``hti_tui.query.ranking.rank``) is made to fail by replacing
one query function it calls (``flags``) with one that raises: a ``TypeError`` stands for a
bug in hti, a ``DataError`` for a bad input. Under ``run_test`` a bug ends the app and the
test fails at once with the original exception; for a user (``bugs_end_app = False``) the
app stays up, says it is a bug and where the traceback was written.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hti_tui.errors import DataError
from hti_tui.tui.app import HtiApp
from hti_tui.tui.failures import log_path
from hti_tui.tui.screens.help import HelpScreen
from hti_tui.tui.screens.ranking import RankingScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen


def broken_flags(*args: object, **kwargs: object) -> None:
    raise TypeError("injected: flags() got a bad argument")


def failing_flags(*args: object, **kwargs: object) -> None:
    raise DataError("the stored flags cannot be read", file="results/2018.parquet", row=7)


def toasts(app: HtiApp) -> list[str]:
    return [str(t.render()) for t in app.screen.query("Toast")]


async def wait_for_toast(app: HtiApp, pilot, text: str, timeout: float = 20.0) -> str:
    waited = 0.0
    while waited < timeout:
        shown = [t for t in toasts(app) if text in t]
        if shown:
            return shown[0]
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError(f"no notification with {text!r}; shown: {toasts(app)}")


async def test_a_bug_in_a_screens_data_call_fails_the_test_at_once_with_its_traceback(
        asem_built: Path, monkeypatch: pytest.MonkeyPatch, user_state_dir: Path) -> None:
    monkeypatch.setattr("hti_tui.query.ranking.flags", broken_flags)
    app = HtiApp(asem_built)
    started = time.monotonic()
    with pytest.raises(TypeError, match="injected") as raised:
        async with app.run_test() as pilot:
            await wait_for_ranking(app, pilot)  # 20 s timeout: the bug must end it long before
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"the bug surfaced after {elapsed:.1f} s"
    assert app.return_code == 1
    # the exception is the original, with the frame that raised it
    assert raised.traceback[-1].name == "broken_flags"
    log = log_path()
    assert log.is_relative_to(user_state_dir)
    text = log.read_text(encoding="utf-8")
    assert "bug in hti (ranking)" in text
    assert "Traceback (most recent call last)" in text
    assert 'in broken_flags\n    raise TypeError("injected' in text
    assert "in rank\n" in text  # the query function it came through


async def test_a_data_error_is_a_message_on_screen_and_the_app_stays_up(
        asem_built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hti_tui.query.ranking.flags", failing_flags)
    app = HtiApp(asem_built, language="sv")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        toast = await wait_for_toast(app, pilot, "the stored flags cannot be read")
        assert toast.startswith("Fel\n")
        assert "results/2018.parquet, rad 7: the stored flags cannot be read" in toast
        assert "Traceback" not in toast and "bugg" not in toast.lower()
        assert app.return_code is None and isinstance(app.screen, RankingScreen)
        assert not log_path().exists()  # a user's error is no bug: nothing logged
        await pilot.press("question_mark")  # the app still answers keys
        await wait_for_screen(app, pilot, HelpScreen)


async def test_a_bug_for_a_user_keeps_the_app_up_and_says_where_the_traceback_is(
        asem_built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hti_tui.query.ranking.flags", broken_flags)
    app = HtiApp(asem_built, language="sv")
    app.bugs_end_app = False  # what a user's (not headless) app does
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        toast = await wait_for_toast(app, pilot, "Bugg i hti")
        assert "Ett fel i hti, inte i dina data: TypeError: injected" in toast
        assert f"Hela spårningen (traceback) finns i {log_path()}." in toast
        assert "Traceback (most recent call last)" in log_path().read_text(encoding="utf-8")
        assert app.return_code is None and isinstance(app.screen, RankingScreen)
        await pilot.press("question_mark")
        await wait_for_screen(app, pilot, HelpScreen)
