"""What happens when a screen's work fails: a user's error is a message, a bug a traceback.

Screens ask for their numbers in thread workers (``@work(thread=True)``) and every such
call goes through :func:`attempt`, which tells two kinds of failure apart:

* an :class:`~hti_tui.errors.HtiError` (a bad input file, an unknown kommun, a year not
  built) is something the user can act on: its one-line message is shown on the screen,
  never a traceback, and the app stays up;
* any other exception is a bug in hti. Its full traceback goes to Textual's log
  (``textual console``) and to :func:`log_path` in the user's state directory, and the
  screen shows an error saying it is a bug and where the traceback is. A user's app stays
  up. A headless app (``App.run_test``: the tests) goes down through Textual's own path for
  an unhandled exception instead, so ``run_test`` re-raises the original exception with its
  traceback and a failing UI test fails at once rather than waiting for numbers that never
  come.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from textual.app import App

from hti_tui.errors import HtiError
from hti_tui.tui import keys

T = TypeVar("T")

#: a bug's notification stays until dismissed (its text says where the traceback is)
BUG_TIMEOUT = 3600.0


def log_path() -> Path:
    """Where the UI writes the tracebacks of bugs (``~/.local/state/hti/log/tui.log`` on
    Linux; ``XDG_STATE_HOME`` moves it, as the tests do)."""
    return platformdirs.user_log_path("hti") / "tui.log"


def attempt(app: App[Any], call: Callable[[], T], *, where: str,
            failed: Callable[[str], object] | None = None,
            bug: Callable[[Exception, str], object] | None = None) -> T | None:
    """``call()`` from a worker thread; None when it failed, after saying so on the screen.

    ``failed`` shows an :class:`HtiError`'s message (default: an error notification) and
    ``bug`` reports any other exception (default: :func:`report_bug`); both run on the UI
    thread. ``where`` names the work in a bug's log entry ("ranking").
    """
    try:
        return call()
    except HtiError as exc:
        app.call_from_thread(failed or (lambda message: show_error(app, message)),
                             exc.describe(keys.language()))
    except Exception as exc:  # a bug: reported with its traceback, see report_bug
        app.call_from_thread(bug or (lambda error, name: report_bug(app, error, name)),
                             exc, where)
    return None


def show_error(app: App[Any], message: str) -> None:
    """A user's error as a notification (the text is data, never markup)."""
    sv = keys.language() == "sv"
    app.notify(message, title="Fel" if sv else "Error", severity="error", timeout=30,
               markup=False)


def report_bug(app: App[Any], exc: BaseException, where: str) -> str:
    """Log a bug's traceback and say so on the screen (UI thread); returns what was said.

    Headless (the tests) the app then ends with ``exc``, as with any exception Textual
    catches itself, and ``run_test`` re-raises it with its own traceback (not a worker's
    wrapper around it)."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    app.log.error(f"bug in hti ({where}):\n{text}")
    message = bug_message(exc, write_traceback(text, where))
    app.notify(message, title="Bugg i hti" if keys.language() == "sv" else "Bug in hti",
               severity="error", timeout=BUG_TIMEOUT, markup=False)
    if ends_app(app) and isinstance(exc, Exception):
        app._handle_exception(exc)
    return message


def ends_app(app: App[Any]) -> bool:
    """Whether a bug ends the app: when headless (the tests), unless the app's
    ``bugs_end_app`` says otherwise (a test of what a user sees sets it False)."""
    choice = getattr(app, "bugs_end_app", None)
    return app.is_headless if choice is None else bool(choice)


def write_traceback(text: str, where: str) -> Path | None:
    """Append the traceback to :func:`log_path`; None when the file cannot be written."""
    path = log_path()
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"--- {stamp} bug in hti ({where})\n{text}\n")
    except OSError:
        return None
    return path


def bug_message(exc: BaseException, written: Path | None) -> str:
    """What the screen says about a bug: that it is one, what it was, where to read more."""
    what = f"{type(exc).__name__}: {exc}"
    if keys.language() == "sv":
        where = (f"Hela spårningen (traceback) finns i {written}." if written
                 else "Spårningen (traceback) finns i Textuals logg (textual console).")
        return (f"Ett fel i hti, inte i dina data: {what}. {where} "
                "Skicka den gärna med en felrapport.")
    where = (f"The full traceback is in {written}." if written
             else "The traceback is in Textual's log (textual console).")
    return f"A bug in hti, not in your data: {what}. {where} Please include it in a bug report."
