"""Every screen in Swedish mode says its headings, tabs, texts and footer in Swedish (and in
English with language = "en"), at 120×36, as a person walks them: the ranking (with a
filter menu open), a kommun's six tabs, compare, what-if, an indicator, plugins and data,
help. Then the language is switched in the open UI and the screens say the other one at
once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import DataTable, Select, Static, Tab

from hti_tui.tui import keys
from hti_tui.tui.app import HtiApp
from hti_tui.tui.base import HtiScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen

SIZE = (120, 36)

#: words that once stood in English on a Swedish screen (whole words, case as written)
ENGLISH = ["Sources", "Where", "what if", "What if", "Dismiss", "Rank", "Score", "Median width",
           "Contribution", "Indicator", "Indicators", "Overview", "Trend", "Peers",
           "Priorities", "Units", "Target from", "Part of gap", "Search", "Help", "Back",
           "Quit", "Compare", "Export", "Loading", "Status line", "Every level",
           "Gaps against", "Value", "Weight", "Coverage", "menu", "Commands"]
#: Swedish words that must not be on an English screen
SWEDISH = ["Källor", "Rang", "Poäng", "Bidrag", "Indikator", "Indikatorer", "Översikt",
           "Utveckling", "Jämförbara", "Prioriteringar", "Enheter", "Mål från",
           "Del av gapet", "Sök", "Hjälp", "Tillbaka", "Avsluta", "Jämför", "Exportera",
           "Läser in", "Värde", "Vikt", "täckning", "Stäng menyn", "Kommandon", "Gap mot"]


def words_on(app: HtiApp) -> str:
    """What the screen says in its own words: table headings, tab titles, texts, footer."""
    screen = app.screen
    out = [str(c.label) for t in screen.query(DataTable) for c in t.columns.values()]
    out += [str(t.label) for t in screen.query(Tab)]
    out += [str(s.render()) for s in screen.query(Static)]
    out += [a.binding.description for a in screen.active_bindings.values() if a.binding.show]
    return "\n".join(out)


def found(words: list[str], text: str) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){w}(?![\w-])", text)]


async def settle(app: HtiApp, pilot, kind: type) -> None:
    await wait_for_screen(app, pilot, kind, lambda s: not s.workers)
    await pilot.pause(0.2)


async def walk(app: HtiApp, pilot) -> list[tuple[str, str]]:
    """(where, words) of every screen and tab."""
    from hti_tui.tui.screens.compare import CompareScreen
    from hti_tui.tui.screens.help import HelpScreen
    from hti_tui.tui.screens.indicator import IndicatorScreen
    from hti_tui.tui.screens.kommun import KommunScreen
    from hti_tui.tui.screens.plugins import PluginsScreen
    from hti_tui.tui.screens.whatif import WhatIfScreen

    seen: list[tuple[str, str]] = []
    ranking = await wait_for_ranking(app, pilot)
    year = ranking.year
    seen.append(("ranking", words_on(app)))
    select = ranking.query(Select).first()
    select.focus()
    await pilot.press("enter")  # the menu open: its footer key is Textual's own
    await pilot.pause(0.2)
    seen.append(("ranking, a menu open", words_on(app)))
    await pilot.press("escape")
    await pilot.pause(0.1)
    first, second = ranking.shown[0].kommun_kod, ranking.shown[1].kommun_kod
    app.open_kommun(first, year)
    await wait_for_screen(app, pilot, KommunScreen, lambda s: s.loaded is not None)
    await settle(app, pilot, KommunScreen)
    for tab in "123456":
        await pilot.press(tab)
        await pilot.pause(0.2)
        seen.append((f"kommun tab {tab}", words_on(app)))
    await pilot.press("question_mark")
    await wait_for_screen(app, pilot, HelpScreen)
    seen.append(("help", words_on(app)))
    await pilot.press("escape")
    await pilot.pause(0.1)
    for open_screen, kind in (
            (lambda: app.open_compare([first, second], year), CompareScreen),
            (lambda: app.open_whatif(first, year), WhatIfScreen),
            (lambda: app.open_indicator(app.index.indicator_ids()[0], year, first),
             IndicatorScreen),
            (app.action_plugins, PluginsScreen)):
        open_screen()
        await settle(app, pilot, kind)
        seen.append((kind.__name__, words_on(app)))
        for tab in "23":
            if kind in (CompareScreen, IndicatorScreen, PluginsScreen):
                await pilot.press(tab)
                await pilot.pause(0.2)
                seen.append((f"{kind.__name__} tab {tab}", words_on(app)))
        await pilot.press("escape")
        await pilot.pause(0.1)
    return seen


@pytest.mark.asyncio
@pytest.mark.parametrize("language", ["sv", "en"])
async def test_every_screen_in_one_language(hti_built: Path, language: str) -> None:
    app = HtiApp(hti_built, language=language)
    try:
        async with app.run_test(size=SIZE) as pilot:
            seen = await walk(app, pilot)
    finally:
        keys.set_language("sv")
    other = ENGLISH if language == "sv" else SWEDISH
    wrong = [(where, found(other, text)) for where, text in seen if found(other, text)]
    assert wrong == []
    assert len(seen) >= 16
    menu = dict(seen)["ranking, a menu open"]  # the walk saw Textual's own key text
    assert ("Stäng menyn" if language == "sv" else "Dismiss menu") in menu


@pytest.mark.asyncio
async def test_a_language_switch_takes_effect_at_once(hti_built: Path) -> None:
    from hti_tui.tui.screens.kommun import KommunScreen
    from hti_tui.tui.screens.ranking import RankingScreen

    app = HtiApp(hti_built, language="sv")
    try:
        async with app.run_test(size=SIZE) as pilot:
            ranking = await wait_for_ranking(app, pilot)
            app.open_kommun(ranking.shown[0].kommun_kod, ranking.year)
            await wait_for_screen(app, pilot, KommunScreen, lambda s: s.loaded is not None)
            await settle(app, pilot, KommunScreen)
            assert "Översikt" in words_on(app)
            app.action_switch_language()
            screen = await wait_for_screen(
                app, pilot, KommunScreen, lambda s: s.loaded is not None and not s.workers
                and keys.language() == "en")
            await pilot.pause(0.2)
            text = words_on(app)
            assert "Overview" in text and found(SWEDISH, text) == []
            assert screen.index.language == "en"
            await pilot.press("escape")
            await wait_for_screen(app, pilot, RankingScreen, lambda s: bool(s.shown))
            await pilot.pause(0.2)
            text = words_on(app)
            assert "Rank" in text and found(SWEDISH, text) == []
            assert isinstance(app.screen, HtiScreen)
    finally:
        keys.set_language("sv")
