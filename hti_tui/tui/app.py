"""HtiApp: the Textual application.

It loads the project in a worker and opens on the ranking; a loading screen (with a
progress bar) comes first when a build is needed, the load fails or takes longer than
``LOADING_DELAY``. Heavy work always runs in workers so the UI never
freezes; an error in a plugin or a data file becomes a notification and the app
stays up. Text from plugins, data or config is never markup in a notification
(``markup=False``): a message with ``[link=...]`` is shown as written.
"""

from __future__ import annotations

import gc

# Importing the app makes some 90,000 objects that live as long as the process (modules,
# classes, functions: Textual, numpy, pyarrow, hti). Python's cycle collector scanned them
# again and again while they were made, about 20 ms of CPU of every start (issue #12). So the
# imports run with the collector paused, and what they made is then set aside for good
# (gc.freeze): the collector works as usual on everything made after them. (Mercurial's
# util.nogc pauses it the same way while it builds large containers.)
_collecting = gc.isenabled()
gc.disable()
try:
    from collections.abc import Iterable
    from datetime import datetime
    from pathlib import Path
    from typing import TYPE_CHECKING, Any

    from textual import work
    from textual.app import App, SystemCommand
    from textual.binding import Binding
    from textual.screen import Screen

    from hti_tui.errors import HtiError
    from hti_tui.query import BuildEvent
    from hti_tui.query.context import Index
    from hti_tui.tui import failures, keys, user_config
    from hti_tui.tui.app_views import ViewsApp
    from hti_tui.tui.commands import HtiCommands, system_commands
    from hti_tui.tui.keys import b
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import AwaitMount

    from hti_tui.query.rows import RankRow
    from hti_tui.tui.screens.loading import LoadingScreen


class HtiApp(ViewsApp):
    TITLE = "hti — öppet hemtjänstindex"
    CSS = """
    Screen { layout: vertical; }
    """
    #: the first screen's stylesheet, read with the app's own CSS: Textual parses every
    #: stylesheet it holds again (without its cache) when a screen brings a new CSS_PATH,
    #: which cost the first paint a full re-parse; the rules are RankingScreen's only
    CSS_PATH = ["screens/ranking.tcss"]
    COMMANDS = App.COMMANDS | {HtiCommands}
    #: how often the results folder is looked at (a stat of its few files, no reading)
    WATCH_SECONDS = 2.0
    #: seconds after the start before the loading screen is shown (at once when a build
    #: starts or the load fails): a built project's ranking is painted sooner, and a
    #: loading screen composed, painted and removed within a tenth of a second took the
    #: ranking's first paint about 60 ms of CPU (issue #12)
    LOADING_DELAY = 0.25
    #: whether a bug in a screen's work ends the app (None: only when headless, i.e. under
    #: ``run_test``, so a test fails at once with the traceback; see tui/failures.py)
    bugs_end_app: bool | None = None
    BINDINGS = [
        b("q", "quit", "app.quit"),
        b("question_mark", "help", "app.help", key_display="?"),
        b("p", "plugins", "app.plugins"),
        b("y", "copy", "app.copy", show=False),
        b("Y", "copy_row", "app.copy_row", show=False),
        b("e", "export", "app.export"),
        b("R", "reload", "app.reload", show=False),
        Binding("ctrl+p", "command_palette", keys.words("app.palette", "Commands"),
                show=False, id="app.palette"),
    ]

    def __init__(self, config: Path | None = None, *, year: int | None = None,
                 disable: tuple[str, ...] = (), index: Index | None = None,
                 language: str | None = None, theme: str | None = None) -> None:
        self._config = config
        self._disable = disable
        self.start_year = year
        self._index = index
        self._language_override = language
        self._theme_override = theme
        self._user, self._user_warning = user_config.load()
        self._banner_lines: list[str] | None = None  # see build_warnings
        self._started = False  # the ranking is shown (the start-up's load is done)
        self._loading_timer: Timer | None = None
        self._loading: LoadingScreen | None = None  # the loading screen, once pushed
        self._remember_theme = False  # set once the start-up theme is applied
        #: what-if entries by (kommun, year), so leaving the screen keeps the scenario
        self.whatif_kept: dict[tuple[str, int], dict[str, str]] = {}
        #: the results folder as loaded, and as last announced changed (see _watch_results)
        self._loaded_signature: tuple[tuple[str, int, int], ...] | None = None
        self._announced_signature: tuple[tuple[str, int, int], ...] | None = None
        #: when the results shown were rebuilt on disk ("14:05"), until R reads them
        self._rebuilt_at: str | None = None
        keys.set_language(language or self._user.get("language") or "sv")
        super().__init__()
        keys.localise(self)

    # -- state -------------------------------------------------------------
    @property
    def index(self) -> Index:
        """The project's query context every screen asks (``hti_tui.query``), once loaded."""
        if self._index is None:
            raise RuntimeError("the index is not loaded yet")
        return self._index

    @property
    def config_arg(self) -> str | None:
        """--config as the user would type it in the status-line command (None = default)."""
        if self._config is None:
            return None
        return str(self._config)

    # -- start-up ------------------------------------------------------------
    def on_mount(self) -> None:
        self._loading_timer = self.set_timer(self.LOADING_DELAY, self._show_loading,
                                             name="loading-screen")
        self.load()

    def _show_loading(self) -> AwaitMount | None:
        """Show the loading screen unless it or the ranking is there (UI thread); the
        returned awaitable is done when the screen is mounted (None: nothing pushed)."""
        if self._started or self._loading is not None:
            return None
        from hti_tui.tui.screens.loading import LoadingScreen  # only when it is shown

        self._loading = LoadingScreen()
        return self.push_screen(self._loading)

    def _loading_screen(self) -> LoadingScreen:
        """The loading screen, pushed first if it is not shown yet (UI thread)."""
        self._show_loading()
        assert self._loading is not None  # only called before the ranking is shown
        return self._loading

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Open the project, build what is missing, read the first year; all off the UI."""

        def progress(event: BuildEvent) -> None:
            screen = self._loading
            if screen is not None and self.screen is screen:
                self.call_from_thread(screen.on_build_event, event)

        def open_and_build() -> tuple[Index, Any, int]:
            index = self._index or Index.open(self._config, disable=self._disable)
            language = (self._language_override or self._user.get("language")
                        or index.config.ui.language)
            keys.set_language(language)
            if language != index.config.ui.language:
                index.language_override = language  # names and labels follow the UI
            if index.missing_years():  # a build: its progress on the loading screen
                self.call_from_thread(self._show_loading)
            summary = index.ensure_built(progress)
            year = index.default_year(self.start_year)
            index.data(year)
            _ = index.model
            return index, summary, year

        done = failures.attempt(self, open_and_build, where="load", failed=self._failed,
                                bug=self._bug)
        if done is None:
            return
        index, summary, year = done
        self._index = index
        self._banner_lines = None
        self.build_warnings()  # worked out here, off the UI thread
        self.call_from_thread(self._loaded, year, summary, self._first_rows(index, year))

    @staticmethod
    def _first_rows(index: Index, year: int) -> list[RankRow] | None:
        """The ranking's rows, computed with the rest of the load so the first paint has
        them; on an error None, and the ranking screen asks again (and says why)."""
        from hti_tui.query.ranking import RankQuery, rank

        try:
            return rank(index, RankQuery(year=year))
        except Exception:  # the screen's own load reports it
            return None

    def build_warnings(self) -> list[str]:
        """The banner's lines about the results shown (a failed build, left-out plugins,
        stale results), worked out once per load: the check hashes the inputs, and the
        numbers on screen are those of the load until R reads the new ones."""
        if self._index is None:
            return []
        if self._banner_lines is None:
            try:
                self._banner_lines = self._index.build_warnings()
            except HtiError:
                self._banner_lines = []
        return self._banner_lines

    def _failed(self, message: str) -> None:
        """A user's error while loading: on the loading screen (shown now if it was not
        yet) and as a notification; after the start (a reload) only the notification."""
        if not self._started:
            self._loading_screen().show_error(message)
        failures.show_error(self, message)

    def _bug(self, exc: Exception, where: str) -> None:
        """A bug while loading: reported (tui/failures.py), and said on the loading screen."""
        message = failures.report_bug(self, exc, where)
        if not self._started:
            self._loading_screen().show_error(message)

    def _loaded(self, year: int, summary: Any, rows: list[RankRow] | None = None) -> None:
        from hti_tui.tui.screens.ranking import RankingScreen

        index = self.index
        keys.localise(self)  # the language is known now (hti.toml [ui] language)
        theme = self._theme_override or self._user.get("theme") or index.config.ui.theme
        if theme in self.available_themes:
            self.theme = theme
        self._remember_theme = True
        self.theme_changed_signal.subscribe(self, self._save_theme)
        if self._user_warning:
            self.notify(self._user_warning, severity="warning", markup=False)
        sv = self.language == "sv"
        remaps = index.config.ui.keys
        if remaps:
            self.set_keymap(keys.keymap(remaps))
            for name in keys.unknown_remaps(remaps):
                none = "ingen tangent heter" if sv else "no binding called"
                self.notify(f"hti.toml [ui.keys]: {none} '{name}'", severity="warning",
                            markup=False)
        for record in index.project.plugins.failures():
            reasons = [record.error] if record.error else []
            reasons += [f"{h}: {m}" for h, m in record.hook_errors.items()]
            why = "; ".join(r for r in reasons if r)
            self.notify(f"plugin '{record.name}' {'fungerar inte' if sv else 'failed'}: {why}",
                        title="Plugin", severity="error", timeout=15, markup=False)
        if summary is not None:
            for error in summary.errors:
                self.notify(error.describe(self.language), title="Bygget" if sv else "Build",
                            severity="error", timeout=15, markup=False)
        self._started = True
        if self._loading_timer is not None:
            self._loading_timer.stop()
        ranking = RankingScreen(year, first_rows=rows)
        if self._loading is not None and self.screen is self._loading:
            self.switch_screen(ranking)
        else:  # loaded before the loading screen was due: the ranking is the first screen
            self.push_screen(ranking)
        self._loaded_signature = self._announced_signature = index.results_signature()
        self.set_interval(self.WATCH_SECONDS, self._watch_results, name="watch-results")

    # -- results rebuilt elsewhere ------------------------------------------------
    @property
    def results_changed(self) -> bool:
        """A build (in a terminal, say) changed the results since they were read."""
        return (self._index is not None and self._loaded_signature is not None
                and self._index.results_signature() != self._loaded_signature)

    @property
    def rebuilt_line(self) -> str | None:
        """The banner line every screen shows while the results on disk are newer than the
        ones shown (None: they are the ones shown); gone once R has read them."""
        if self._rebuilt_at is None:
            return None
        key = next((self.get_key_display(b) for bs in self._bindings.key_to_bindings.values()
                    for b in bs if b.id == "app.reload"), "R")  # after [ui.keys] remaps
        if self.language == "sv":
            return (f"Resultaten har byggts om {self._rebuilt_at} — tryck {key} för att läsa "
                    "in dem (vyn visar de gamla talen tills dess)")
        return (f"The results were rebuilt at {self._rebuilt_at} — press {key} to load them "
                "(the view shows the old numbers until then)")

    def _watch_results(self) -> None:
        """Say on every screen when the results folder changed; never silent.

        New results are a banner line (and a toast) offering R. A build that failed
        rewrites only its status file: the banner then says the build failed, with no
        offer to reload numbers that did not change."""
        if self._index is None or self._loaded_signature is None:
            return
        now = self._index.results_signature()
        if now == self._announced_signature:
            return
        self._announced_signature = now
        when = self._index.rebuilt_since(self._loaded_signature)
        self._rebuilt_at = None if when is None else datetime.fromtimestamp(when).strftime("%H:%M")
        self._banner_lines = None  # the folder changed: the build warnings are read again
        self._refresh_banners()
        line = self.rebuilt_line
        if line is not None:
            self.notify(line, title="Nya resultat" if self.language == "sv" else "New results",
                        severity="warning", timeout=10, markup=False)

    def _refresh_banners(self) -> None:
        from hti_tui.tui.widgets.banner import SyntheticBanner

        for screen in self.screen_stack:
            for banner in screen.query(SyntheticBanner):
                banner.refresh_state()

    def action_reload(self) -> None:
        if self._index is None:
            return
        if not self.results_changed:
            self.notify("Resultaten har inte ändrats sedan de lästes." if self.language == "sv"
                        else "The results have not changed since they were read.")
            return
        from hti_tui.tui.base import HtiScreen

        screen = self.screen
        year = getattr(screen, "year", None) if isinstance(screen, HtiScreen) else None
        self.reload(year if isinstance(year, int) else None)

    @work(thread=True, exclusive=True, group="load")
    def reload(self, year: int | None) -> None:
        """Read the rebuilt results into a new index; the old one stays on an error."""
        old = self.index

        def reopen() -> tuple[Index, int, tuple[tuple[str, int, int], ...]]:
            index = Index.open(self._config, disable=self._disable)
            index.language_override = old.language_override
            signature = index.results_signature()
            shown = year if year in index.built_years() else index.default_year(self.start_year)
            index.data(shown)
            _ = index.model
            return index, shown, signature

        done = failures.attempt(self, reopen, where="reload", failed=self._failed,
                                bug=self._bug)
        if done is None:
            return
        index, shown, signature = done
        # _reloaded awaits screen changes: it runs as a callback on the UI loop
        self.call_from_thread(self.call_later, self._reloaded, index, shown, signature)

    async def _reloaded(self, index: Index, year: int,
                        signature: tuple[tuple[str, int, int], ...]) -> None:
        """Every screen is built again from the new index, starting at the ranking."""
        from hti_tui.tui.screens.ranking import RankingScreen

        self._index = index
        self._banner_lines = None
        self._loaded_signature = self._announced_signature = signature
        self._rebuilt_at = None
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if self.is_screen_installed("kommun"):
            self.uninstall_screen("kommun")
        self.clear_notifications()
        await self.switch_screen(RankingScreen(year))
        self.notify("Resultaten är inlästa på nytt." if self.language == "sv"
                    else "The results were reloaded.")

    def _save_theme(self, theme: Any) -> None:
        """A theme picked in the palette is the next start's theme too."""
        if self._remember_theme:
            self._save(theme=theme.name)

    def _save(self, **settings: str) -> None:
        try:
            user_config.save(**settings)
        except OSError as exc:  # a preference, never fatal
            self.notify(f"{user_config.path()}: {exc}", severity="warning", markup=False)

    def action_switch_language(self) -> None:
        """Switch to the other language now (and for the next start)."""
        self.switch_language("en" if self.language == "sv" else "sv")

    @work(exclusive=True, group="language")
    async def switch_language(self, language: str) -> None:
        """Every open screen is built again in ``language``: labels, footer, tables, the
        palette and Textual's own key texts; the choice is saved for the next start."""
        from hti_tui.tui.base import HtiScreen

        keys.set_language(language)
        keys.localise_tree(self)
        self._save(language=language)
        if self._index is None:
            return
        self._index.language_override = language  # names and labels follow the UI
        self._index.clear_caches()
        self._banner_lines = None  # said in the new language
        kept = [s.reopened() for s in self.screen_stack[1:] if isinstance(s, HtiScreen)]
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if self.is_screen_installed("kommun"):
            self.uninstall_screen("kommun")
        if kept:
            await self.switch_screen(kept[0])
            for screen in kept[1:]:
                await self.push_screen(screen)
        self.notify("Språket är nu svenska." if language == "sv"
                    else "The language is English now.")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, in Swedish in Swedish mode (tui/commands.py)."""
        return system_commands(self, screen)
