"""The what-if screen: live recomputation equal to query.analyses.whatif and the CLI, inline errors
for impossible values (the app keeps running), reset, and the CLI line for the changes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from rich.text import Text

from hti_tui.cli.main import main
from hti_tui.i18n import number
from hti_tui.query.analyses import indicator_bounds, whatif, whatif_delta
from hti_tui.query.kommun import kommun as kommun_view
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.ranking import RankingScreen
from hti_tui.tui.screens.whatif import WhatIfScreen
from tests.tui.conftest import wait_for_ranking

SIZE = (160, 50)


async def settled(pilot, screen: WhatIfScreen, timeout: float = 20.0) -> WhatIfScreen:
    """Wait until the kommun is shown and the engine has answered the last entry (it runs
    in the screen's worker thread)."""
    waited = 0.0
    while screen.kommun is None or screen.computing:
        assert waited < timeout, "the what-if screen did not settle"
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()
    return screen


async def open_whatif(app: HtiApp, pilot, unit: str, year: int) -> WhatIfScreen:
    await wait_for_ranking(app, pilot)
    app.open_whatif(unit, year)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, WhatIfScreen)
    return await settled(pilot, screen)


def text_of(screen: WhatIfScreen, selector: str) -> str:
    content = screen.query_one(selector).content
    return content.plain if isinstance(content, Text) else str(content)


def cell(screen: WhatIfScreen, ident: str, column: int) -> str:
    table = screen.query_one("#whatif-table")
    value = table.get_row_at(table.get_row_index(ident))[column]
    return value.plain if isinstance(value, Text) else str(value)


async def type_value(pilot, screen: WhatIfScreen, row: int, keys: list[str]) -> None:
    """Move the cursor to a row, enter the field, clear it and type."""
    table = screen.query_one("#whatif-table")
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.press("ctrl+u", *keys)  # ctrl+u clears the field
    await settled(pilot, screen)


@pytest.mark.asyncio
async def test_whatif_from_the_ranking_lists_the_indicators(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WhatIfScreen)
        await settled(pilot, screen)
        assert screen.unit == ranking.shown[0].kommun_kod
        table = screen.query_one("#whatif-table")
        assert table.row_count == len(app.index.indicator_ids())
        view = kommun_view(app.index, screen.unit, 2018)
        first = next(r for r in view.indicators if r.id == app.index.indicator_ids()[0])
        assert cell(screen, first.id, 1) == number(first.raw, 1, "en")
        assert "whatif" in screen.cli_command()
        await pilot.press("escape")
        assert isinstance(app.screen, RankingScreen)


@pytest.mark.asyncio
async def test_a_new_value_moves_score_rank_and_group_as_the_query_says(
        asem_built: Path, capsys) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_whatif(app, pilot, "AUT", 2018)
        ids = app.index.indicator_ids()
        await type_value(pilot, screen, 0, ["5"])
        expected = whatif(app.index, "AUT", {ids[0]: 5.0}, 2018)
        assert screen.changes == {ids[0]: 5.0}
        assert screen.result == expected
        result = text_of(screen, "#whatif-result")
        b, a = expected.before, expected.after
        assert f"{number(b['index'], 1, 'en')} → {number(a['index'], 1, 'en')}" in result
        delta = whatif_delta(expected)
        assert number(delta["index"], 2, "en", sign=True) in result
        assert f"{b['rank']} → {a['rank']} of {a['ranked']}" in result
        assert f"{b['resultatgrupp']} → {a['resultatgrupp']}" in result
        assert "→" in cell(screen, ids[0], 3)  # the indicator's score now → new
        # a second change adds to the first; Enter went back to the table
        await pilot.press("enter")
        await type_value(pilot, screen, 2, ["1", "0", "0"])
        both = {ids[0]: 5.0, ids[2]: 100.0}
        assert screen.changes == both
        assert screen.result == whatif(app.index, "AUT", both, 2018)
        command = screen.cli_command()
        assert f"--set {ids[0]}=5 --set {ids[2]}=100 --year 2018" in command
        assert command in text_of(screen, "#status-line")
        result_dict = screen.result.as_dict()
        rows = screen.export_rows()
    capsys.readouterr()
    assert main(["--config", str(asem_built), "whatif", "AUT", "--set", f"{ids[0]}=5",
                 "--set", f"{ids[2]}=100", "--year", "2018", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == result_dict
    assert [r["after"] for r in rows] == [printed["after"][k]
                                          for k in ("index", "rank", "resultatgrupp")]


@pytest.mark.asyncio
async def test_out_of_range_and_non_numbers_are_inline_errors(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_whatif(app, pilot, "AUT", 2018)
        ids = app.index.indicator_ids()
        j = 0
        app.index.model.params.bounds[j] = (1.0, 5.0)  # as HTI's percentages have 0–100
        screen.fill_table()
        assert cell(screen, ids[j], 4) == "1.0–5.0"
        await type_value(pilot, screen, j, ["7"])
        error = screen.query_one("#whatif-error")
        assert error.display and error.has_class("-error")
        assert "outside the possible range" in text_of(screen, "#whatif-error")
        assert ids[j] not in screen.changes
        assert cell(screen, ids[j], 2).startswith("⚠")
        assert screen.is_running and app.is_running
        await pilot.press("ctrl+u", "4")
        await settled(pilot, screen)
        assert screen.changes == {ids[j]: 4.0}
        assert not screen.query_one("#whatif-error").display
        await pilot.press("enter")
        # a second, broken value leaves the first change in force
        await type_value(pilot, screen, 1, ["x", "y"])
        assert "'xy' is not a number" in text_of(screen, "#whatif-error")
        assert screen.changes == {ids[j]: 4.0}
        assert screen.result == whatif(app.index, "AUT", {ids[j]: 4.0}, 2018)
        app.index.model.params.bounds[j] = (-np.inf, np.inf)


@pytest.mark.asyncio
async def test_reset_restores_everything(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_whatif(app, pilot, "AUT", 2018)
        before = text_of(screen, "#whatif-result")
        ids = app.index.indicator_ids()
        await type_value(pilot, screen, 0, ["5"])
        await pilot.press("enter")
        await type_value(pilot, screen, 1, ["a"])
        await pilot.press("escape")  # leaves the field, not the screen
        assert isinstance(app.screen, WhatIfScreen)
        await pilot.press("r")
        assert screen.changes == {} and screen.entries == {} and screen.errors == {}
        assert screen.result is None
        assert text_of(screen, "#whatif-result") == before
        assert cell(screen, ids[0], 2) == ""
        assert "--set INDICATOR=VALUE" in screen.cli_command()
        assert screen.export_rows() == []


@pytest.mark.asyncio
async def test_whatif_in_swedish_uses_decimal_commas(asem_built: Path) -> None:
    app = HtiApp(asem_built, language="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_whatif(app, pilot, "AUT", 2018)
        ids = app.index.indicator_ids()
        await type_value(pilot, screen, 0, ["4", "comma", "5"])
        assert screen.changes == {ids[0]: 4.5}
        assert cell(screen, ids[0], 2) == "4,5"
        assert f"--set {ids[0]}=4.5" in screen.cli_command()
        assert "Rang:" in text_of(screen, "#whatif-result")



@pytest.mark.asyncio
async def test_hti_percentage_above_100_is_refused(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=SIZE) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        unit = ranking.shown[-1].kommun_kod
        screen = await open_whatif(app, pilot, unit, ranking.year)
        f = app.index
        row = next(i for i, ident in enumerate(f.indicator_ids())
                   if indicator_bounds(f, ident) == (0.0, 100.0))
        await type_value(pilot, screen, row, ["1", "5", "0"])
        assert screen.errors and not screen.changes
        assert "150" in text_of(screen, "#whatif-error")
        await pilot.press("ctrl+u", "9", "9")
        await settled(pilot, screen)
        ident = f.indicator_ids()[row]
        assert screen.result == whatif(f, unit, {ident: 99.0}, ranking.year)


@pytest.mark.asyncio
async def test_small_terminal_keeps_the_table_and_sums_up_unchanged_delindex(
        asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_whatif(app, pilot, "AUT", 2018)
        assert not screen.has_class("-wide")
        await type_value(pilot, screen, 0, ["5"])
        result = text_of(screen, "#whatif-result")
        first = result.splitlines()[0]
        assert first.startswith("Index:") and "Rank:" in first  # one line for both
        table = screen.query_one("#whatif-table")
        assert table.size.height >= 5
        names = [app.index.node_name(d) for d in app.index.delindex_ids()]
        assert all(name in result for name in names)


@pytest.mark.asyncio
async def test_scenario_kept_when_leaving_and_saved_by_name(hti_built: Path) -> None:
    import json

    from hti_tui.tui import scenarios
    from hti_tui.tui.screens.pick import IndicatorPicker, NamePrompt

    app = HtiApp(hti_built, language="sv")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_ranking(app, pilot)
        f = app.index
        unit, year = f.resolve("Örebro"), f.default_year()
        screen = await open_whatif(app, pilot, unit, year)
        ident = screen.rows[0].id
        screen.editing = ident
        screen.set_entry(ident, "1")
        await settled(pilot, screen)
        assert screen.changes == {ident: 1.0}
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_whatif(app, pilot, unit, year)  # again: the scenario is kept
        for _ in range(40):
            if screen.changes:
                break
            await pilot.pause(0.05)
        assert screen.changes == {ident: 1.0} and screen.result is not None

        screen.query_one("DataTable").focus()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, NamePrompt)
        await pilot.press(*"webb 1", "enter")
        await pilot.pause()
        file = scenarios.path(hti_built.parent)
        saved = json.loads(file.read_text(encoding="utf-8"))
        assert saved["webb 1"] == {"kommun": unit, "year": year, "entries": {ident: "1"}}

        await pilot.press("r")
        await pilot.pause()
        assert not screen.changes
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorPicker)
        await pilot.press("enter")
        await settled(pilot, screen)
        assert screen.changes == {ident: 1.0}
    file.unlink()


@pytest.mark.asyncio
async def test_the_engine_runs_off_the_ui_thread_and_the_screen_stays_responsive(
        asem_built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine runs in a worker: held there (until the test lets it go), the screen
    still answers keys — the cursor moves and the field follows it; then the new index
    and rank are shown."""
    import threading

    from hti_tui.tui.screens import whatif_entries

    threads: list[str] = []
    go = threading.Event()

    def held_whatif(*args: object, **kwargs: object):
        threads.append(threading.current_thread().name)
        assert go.wait(20), "the test never let the engine go"
        return whatif(*args, **kwargs)

    monkeypatch.setattr(whatif_entries, "whatif", held_whatif)
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_whatif(app, pilot, "AUT", 2018)
        ids = app.index.indicator_ids()
        table = screen.query_one("#whatif-table")
        table.focus()
        await pilot.pause()
        await pilot.press("enter", "ctrl+u", "5", "enter")  # type 5, back to the table
        assert screen.computing and screen.result is None
        await pilot.press("down")  # answered while the engine is held
        await pilot.pause()
        assert screen.computing and screen.editing == ids[2]
        go.set()
        await settled(pilot, screen)
        assert threads and "MainThread" not in threads
        expected = whatif(app.index, "AUT", {ids[0]: 5.0}, 2018)
        assert screen.changes == {ids[0]: 5.0} and screen.result == expected
        shown = text_of(screen, "#whatif-result")
        b, a = expected.before, expected.after
        assert f"{number(b['index'], 1, 'en')} → {number(a['index'], 1, 'en')}" in shown
        assert f"{b['rank']} → {a['rank']} of {a['ranked']}" in shown


def broken_whatif(*args: object, **kwargs: object) -> None:
    raise TypeError("injected: whatif() got a bad argument")


@pytest.mark.asyncio
async def test_a_bug_in_the_whatif_fails_the_test_with_its_traceback(
        asem_built: Path, monkeypatch: pytest.MonkeyPatch, user_state_dir: Path) -> None:
    from hti_tui.tui.screens import whatif_entries

    monkeypatch.setattr(whatif_entries, "whatif", broken_whatif)
    app = HtiApp(asem_built)
    with pytest.raises(TypeError, match="injected") as raised:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_whatif(app, pilot, "AUT", 2018)
            await type_value(pilot, screen, 0, ["5"])
    assert raised.traceback[-1].name == "broken_whatif"
    from hti_tui.tui.failures import log_path

    assert "bug in hti (whatif-AUT)" in log_path().read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_failures_are_said_on_screen_and_the_app_stays_up(
        asem_built: Path, monkeypatch: pytest.MonkeyPatch, user_state_dir: Path) -> None:
    """For a user (bugs do not end the app) a bug is a notification naming the log, and a
    data error while reading the kommun is one line in Swedish; the screen stays usable."""
    from hti_tui.errors import DataError
    from hti_tui.tui.screens import whatif as whatif_screen
    from hti_tui.tui.screens import whatif_entries

    def unreadable(*args: object, **kwargs: object) -> None:
        raise DataError("the stored results cannot be read", file="results/2018.parquet",
                        row=3)

    monkeypatch.setattr(whatif_entries, "whatif", broken_whatif)
    app = HtiApp(asem_built, language="sv")
    app.bugs_end_app = False
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_whatif(app, pilot, "AUT", 2018)
        await type_value(pilot, screen, 0, ["5"])
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert any("Ett fel i hti, inte i dina data" in t and "TypeError" in t for t in toasts)
        assert screen.result is None and app.is_running
        assert isinstance(app.screen, WhatIfScreen)
        await pilot.press("escape", "escape")

        monkeypatch.setattr(whatif_screen, "kommun_view", unreadable)
        app.open_whatif("AUT", 2018)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WhatIfScreen)
        for _ in range(200):
            if "⚠" in text_of(screen, "#whatif-title"):
                break
            await pilot.pause(0.02)
        title = text_of(screen, "#whatif-title")
        assert title == "⚠ results/2018.parquet, rad 3: the stored results cannot be read"
        assert "Traceback" not in title and app.is_running


@pytest.mark.asyncio
async def test_ja_nej_words_context_marks_and_whole_statuses(hti_built: Path) -> None:
    """A ja/nej item's possible values are its words and its field asks for a word (and
    takes one); a context indicator is marked ° and says it moves no rank; on a wide
    screen a status in words is whole ("skyddad (för få svar)", not "skyddad (fö…")."""
    app = HtiApp(hti_built)
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await open_whatif(app, pilot, "1275", 2024)
        ids = app.index.indicator_ids()
        assert cell(screen, "web_e_tjanst", 4) == "Nej–Ja"
        assert cell(screen, "bu_ensamhet", 0).startswith("° ")
        assert cell(screen, "personalkontinuitet", 1) == "skyddad (för få svar)"
        await type_value(pilot, screen, ids.index("web_e_tjanst"), ["J", "a"])
        assert screen.changes == {"web_e_tjanst": 1.0}
        assert screen.query_one("#whatif-input").placeholder.startswith("Ja, Delvis eller Nej")
        assert "Nej–Ja" in text_of(screen, "#whatif-label")
        table = screen.query_one("#whatif-table")
        table.focus()
        table.move_cursor(row=ids.index("bu_ensamhet"))
        await pilot.pause()
        assert "kontext" in text_of(screen, "#whatif-label")
        assert screen.query_one("#whatif-input").placeholder.startswith("tal")


@pytest.mark.asyncio
async def test_digits_typed_at_speed_after_enter_reach_the_field(hti_built: Path) -> None:
    """Enter on an indicator then '12' in one burst: the digits land in the field."""
    from textual import events

    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_whatif(app, pilot, "1275", 2024)
        screen.query_one("#whatif-table").focus()
        await pilot.pause()
        for key, char in (("enter", "\r"), ("1", "1"), ("2", "2")):
            app.post_message(events.Key(key, char))  # all queued before any is handled
        for _ in range(10):
            await pilot.pause()
        assert screen.query_one("#whatif-input").value == "12"
