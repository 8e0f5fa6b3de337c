"""Help says what each key does, explains the words, and the palette offers actions; in
Swedish in Swedish mode and in English with language = "en"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette

from hti_tui.tui.app import HtiApp
from hti_tui.tui.commands import HtiCommands
from hti_tui.tui.helptext import EXPLAIN, GLOSSARY
from hti_tui.tui.keys import WORDS
from tests.tui.conftest import wait_for_ranking, wait_for_screen


def test_every_hti_key_has_a_sentence_in_both_languages() -> None:
    missing = [k for k in WORDS if k not in EXPLAIN and ".tab_" not in k
               and k not in ("pick.close", "help.close", "export.cancel")]
    assert not missing
    assert all(sv and en and sv != en for sv, en in EXPLAIN.values())


@pytest.mark.asyncio
@pytest.mark.parametrize("language", ["sv", "en"])
async def test_help_lists_what_keys_do_and_a_glossary(hti_built: Path, language: str) -> None:
    app = HtiApp(hti_built, language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_ranking(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("#help-keys")
        rows = {str(r[0]): r for r in (table.get_row_at(i) for i in range(table.row_count))}
        does = str(rows["s"][2])
        assert does == EXPLAIN["ranking.sort"][0 if language == "sv" else 1]
        first = str(table.get_row_at(0)[0])
        assert first != "tab"  # hti's keys before Textual's
        silent = [str(table.get_row_at(i)[0]) for i in range(table.row_count)
                  if not str(table.get_row_at(i)[2]).strip()]
        assert not silent, f"keys without a sentence: {silent}"  # tab and ^c too
        glossary = " ".join(str(s.content) for s in app.screen.query(".glossary-entry"))
        terms = (["Poäng", "Bidrag", "Mot median", "Resultatgrupp", "Rangintervall", "Täckning"]
                 if language == "sv" else ["Score", "Contribution", "Vs median",
                                           "Result group", "Rank interval", "Coverage"])
        for term in terms:
            assert term in glossary, term
        assert len(GLOSSARY) == 7


@pytest.mark.asyncio
async def test_every_key_of_every_screen_says_what_it_does(hti_built: Path) -> None:
    """``?`` on the kommun, compare, what-if, indicator and plugins screens: every key listed
    has its sentence (the tab keys 1–6 and Textual's own tab, ^c included)."""
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_ranking(app, pilot)
        from hti_tui.tui.screens.compare import CompareScreen
        from hti_tui.tui.screens.indicator import IndicatorScreen
        from hti_tui.tui.screens.kommun import KommunScreen

        opens = [(KommunScreen, lambda: app.open_kommun("1490", 2024)),
                 (CompareScreen, lambda: app.open_compare(["1490", "2421"], 2024)),
                 (IndicatorScreen, lambda: app.open_indicator("web_beskrivning", 2024))]
        for kind, open_screen in opens:
            open_screen()
            await wait_for_screen(app, pilot, kind, lambda s: (
                getattr(s, "view", None) or getattr(s, "loaded", None)) is not None)
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            table = app.screen.query_one("#help-keys")
            silent = [str(table.get_row_at(i)[0]) for i in range(table.row_count)
                      if not str(table.get_row_at(i)[2]).strip()]
            assert not silent, f"{type(app.screen).__name__}: keys without a sentence: {silent}"
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.asyncio
async def test_palette_offers_the_screens_actions_in_swedish(hti_built: Path) -> None:
    app = HtiApp(hti_built, language="sv")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        provider = HtiCommands(screen)
        texts = [t for t, _, _ in provider._actions_first()]
        assert "Åtgärd: Sortera kolumn" in texts and "Åtgärd: Jämför markerade" in texts
        assert not any(t.startswith("Kommun:") for t in texts)
        names = [c.title for c in app.get_system_commands(screen)]
        assert names[:4] == ["Tema", "Språk: English", "Hjälp", "Avsluta"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert "Sök kommun" in app.screen._placeholder
        await pilot.press(*"sortera namn")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.screen is screen and screen.sort_key == "name"
