"""The first screen: opening the project and building what is missing, with progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from hti_tui.query import (
    BuildEvent,
    BuildStopped,
    SourceFinished,
    SourceStarted,
    StageStarted,
    YearFinished,
    YearStarted,
)
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.widgets.footer import HtiFooter

#: a build step's outcome in the build log, (svenska, English)
OUTCOMES = {"built": ("klar", "done"), "skipped": ("oförändrad, hoppas över", "up to date"),
            "failed": ("FEL", "ERROR")}
#: what stopped a build (BuildStopped.cause), (svenska, English)
CAUSES = {"plugins": ("plugins", "plugins"), "registry": ("enhetsregistret", "unit registry"),
          "model": ("modellen", "the model")}


class LoadingScreen(HtiScreen):
    CSS_PATH = "loading.tcss"
    VIEW = "loading"
    HAS_VIEW = False

    def __init__(self) -> None:
        super().__init__()
        self._error: str | None = None  # why the start failed (see show_error)

    def compose(self) -> ComposeResult:
        sv = self.lang == "sv"
        with Vertical(id="loading-box"):
            yield Static("hti — öppet hemtjänstindex", id="loading-title")
            yield Static("Öppnar projektet …" if sv else "Opening the project …",
                         id="loading-step")
            yield ProgressBar(total=None, show_eta=False, id="loading-bar")
            yield Static("", id="loading-log", markup=False)
            yield Static("", id="loading-error", markup=False)
        yield HtiFooter()

    def on_build_event(self, event: BuildEvent) -> None:
        """Show one typed build event (see ``hti_tui.pipeline.events``): a stage sets the
        bar's length, a step names what is built, a finished step advances the bar and
        adds a line to the log."""
        sv = self.lang == "sv"
        bar = self.query_one(ProgressBar)
        step = self.query_one("#loading-step", Static)
        if isinstance(event, StageStarted):
            bar.update(total=event.total, progress=0)
            step.update(("Läser källor" if sv else "Reading sources") if event.stage ==
                        "observations" else ("Beräknar index" if sv else "Computing the index"))
        elif isinstance(event, SourceStarted):
            step.update(("Bygger " if sv else "Building ") + f"{event.source} {event.year}")
        elif isinstance(event, YearStarted):
            step.update(("Bygger " if sv else "Building ") + f"index {event.year}")
        elif isinstance(event, (SourceFinished, YearFinished, BuildStopped)):
            if isinstance(event, BuildStopped):
                cause = CAUSES.get(event.cause, (event.cause, event.cause))
                what: str = cause[0] if sv else cause[1]
                outcome = "failed"
            else:
                bar.advance(1)
                what = f"{event.source} {event.year}" if isinstance(event, SourceFinished) \
                    else f"index {event.year}"
                outcome = event.outcome
            log = self.query_one("#loading-log", Static)
            lines = str(log.content).splitlines()[-9:] if str(log.content) else []
            words = OUTCOMES[outcome]
            lines.append(f"{what}: {words[0] if sv else words[1]}")
            log.update("\n".join(lines))

    def show_error(self, message: str) -> None:
        """Say why the start failed; a screen pushed for it says so once it is mounted."""
        self._error = message
        if self.is_mounted:
            self._show_error()

    def on_mount(self) -> None:
        if self._error is not None:
            self._show_error()

    def _show_error(self) -> None:
        sv = self.lang == "sv"
        self.query_one("#loading-error", Static).update(
            (self._error or "") + ("\n\nTryck q för att avsluta." if sv
                                   else "\n\nPress q to quit."))
        self.query_one(ProgressBar).update(total=1, progress=0)
