"""Copy (y, Y) and export (e) as a user does them: plain values with a header, a file
named after the view, a question before overwriting, Excel-ready formats, formula-safe
cells, and no export over the project's own data or model."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from hti_tui.report.cells import plain
from hti_tui.report.export import csv_text, export_rows, formula_safe
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.export import ExportScreen
from hti_tui.tui.screens.ranking import RankingScreen
from tests.tui.conftest import wait_for_ranking


def test_plain_drops_glyphs_and_keeps_the_decimal_comma() -> None:
    assert plain("▲ +5,4") == "+5,4"
    assert plain("▼ −3,1") == "-3,1"
    assert plain("= +0,0") == "+0,0"
    assert plain("●") == ""
    assert plain("███··│··") == ""
    assert plain("Örebro") == "Örebro"


def test_every_text_cell_is_formula_safe() -> None:
    rows = [{"kommun_namn": "=HYPERLINK(\"http://x\")", "a": "+cmd", "b": "@SUM(A1)",
             "c": "-2+3", "n": -1.5, "ok": "Åre"}]
    assert [formula_safe(v) for v in rows[0].values()][:4] == [
        "'=HYPERLINK(\"http://x\")", "'+cmd", "'@SUM(A1)", "'-2+3"]
    text = csv_text(rows)
    line = next(csv.reader(io.StringIO(text.splitlines()[1])))
    assert line[:4] == ["'=HYPERLINK(\"http://x\")", "'+cmd", "'@SUM(A1)", "'-2+3"]
    assert line[4] == "-1.5" and line[5] == "Åre"  # numbers stay numbers


def test_excel_csv_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = [{"kommun_namn": "Håbo", "index": 63.25, "rank": 3, "x": "=1+1"}]
    excel = export_rows(rows, tmp_path / "v.csv", synthetic=True, view="ranking", fmt="excel")
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads å ä ö
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "kommun_namn;index;rank;x;synthetic"
    assert lines[1] == "Håbo;63,25;3;'=1+1;True"
    book = export_rows(rows, tmp_path / "v.xlsx", synthetic=True, view="ranking")
    sheet = load_workbook(book).worksheets[0]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][:3] == ["kommun_namn", "index", "rank"]
    assert values[1][:4] == ["Håbo", 63.25, 3, "'=1+1"]  # text, not a formula


@pytest.mark.asyncio
async def test_copy_gives_plain_values_and_a_header_row(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        table = screen.query_one("DataTable")
        await pilot.press("end")  # the change column: ▲/▼ on screen
        await pilot.press("y")
        cell = app.clipboard
        assert cell and not any(g in cell for g in "▲▼=−") and "," in cell
        await pilot.press("m", "Y")
        header, values = app.clipboard.split("\n")
        assert header.split("\t")[1:3] == ["Rang", "Kommun"]
        assert values.split("\t")[0] == ""  # the mark ● is not a value
        assert values.split("\t")[2] == screen.shown[table.cursor_row].kommun_namn


async def open_export(app: HtiApp, pilot) -> ExportScreen:
    await pilot.press("e")
    for _ in range(40):
        if isinstance(app.screen, ExportScreen):
            return app.screen
        await pilot.pause(0.05)
    raise AssertionError("no export dialog")


@pytest.mark.asyncio
async def test_export_names_asks_and_refuses(hti_built: Path, tmp_path: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        screen.query_one("#filter-lan", Select).value = "Skåne län"
        await pilot.pause()
        dialog = await open_export(app, pilot)
        field = dialog.query_one("#export-path", Input)
        assert field.value == f"hti-ranking-{screen.year}-skane-lan.csv"
        dialog.query_one("#export-format", Select).value = "xlsx"
        await pilot.pause()
        assert field.value.endswith("skane-lan.xlsx")

        target = tmp_path / "out.csv"
        target.write_text("keep me", encoding="utf-8")
        dialog.query_one("#export-format", Select).value = "excel"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"  # asked first
        assert "finns redan" in str(dialog.query_one("#export-error", Static).content)
        await pilot.press("enter")  # yes, replace it
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)
        assert target.read_bytes().startswith(b"\xef\xbb\xbf")
        assert len(target.read_text(encoding="utf-8-sig").splitlines()) == len(screen.shown) + 1

        # never inside datasets/ or over the model
        dialog = await open_export(app, pilot)
        for bad in (hti_built.parent / "datasets" / "reference" / "kommuner.csv", hti_built):
            before = bad.read_bytes()
            dialog.query_one("#export-path", Input).value = str(bad)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")  # even after "replace it?"
            await pilot.pause()
            assert bad.read_bytes() == before
            assert app.screen is dialog
        assert "hör till projektet" in str(dialog.query_one("#export-error", Static).content)
        await pilot.press("escape")
        await pilot.pause()

        # an empty view is not exported
        await pilot.press("slash", *"zzzz", "enter")
        await pilot.pause()
        assert not screen.shown
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen


@pytest.mark.asyncio
async def test_no_copy_or_export_on_the_loading_screen(hti_built: Path) -> None:
    from hti_tui.tui.screens.loading import LoadingScreen

    app = HtiApp(hti_built)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_ranking(app, pilot)
        assert app.check_action("export", ()) is True
        app.push_screen(LoadingScreen())  # as at start-up, before the ranking is there
        await pilot.pause()
        assert app.check_action("export", ()) is False
        assert app.check_action("copy", ()) is False
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        footer_keys = [k.key for k in app.screen.query("FooterKey")]
        assert "e" not in footer_keys
