"""The ranking's lines all fit on a small terminal (issue #12): the title, the count, the
markers' legend, the table, the CLI status line and a footer that starts with ``?``.

The legend used to share the title's line (width auto beside a 1fr title): at 80 and
120 columns it took the whole line and the title was drawn in zero columns.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widget import Widget

from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking

SIZES = [(80, 24), (120, 36), (200, 60)]


def text_of(widget: Widget) -> str:
    content = widget.content  # type: ignore[attr-defined]
    return content.plain if hasattr(content, "plain") else str(content)


def assert_on_screen(widget: Widget, screen: Region, one_line: bool = False) -> None:
    """``widget`` is drawn inside the screen; a ``one_line`` widget's text in full (its
    padding is one column each side)."""
    region = widget.region
    assert widget.display and region.width > 0 and region.height > 0, widget
    assert screen.contains_region(region), (widget, region, screen)
    if one_line:
        assert cell_len(text_of(widget)) <= region.width - 2, (widget, region)


async def footer_keys(app: HtiApp, pilot) -> list[Widget]:
    """The footer's keys once it has settled (it recomposes when focus settles)."""
    footer = app.screen.query_one("Footer")
    keys: list[Widget] = []
    for _ in range(80):
        keys = list(footer.query("FooterKey"))
        if keys and keys[0].key == "question_mark":  # type: ignore[attr-defined]
            break
        await pilot.pause(0.05)
    return keys


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_title_count_legend_table_status_and_help_are_on_screen(
        hti_built: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hti_built.parent)  # as a user starts it: no --config in the CLI line
    app = HtiApp(None)
    async with app.run_test(size=size) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pilot.pause()
        whole = app.screen.region
        title = screen.query_one("#ranking-title")
        assert text_of(title).startswith("Öppet hemtjänstindex 2024  ·  sorterat på Rang")
        assert_on_screen(title, whole, one_line=True)
        count = screen.query_one("#ranking-count")
        assert text_of(count) == "290 av 290"
        assert_on_screen(count, whole, one_line=True)
        assert count.region.y == title.region.y and title.region.right <= count.region.x
        legend = screen.query_one("#ranking-legend")
        assert "* ej rankad" in text_of(legend)  # the shipped data have unranked kommuner
        assert_on_screen(legend, whole)
        lines = -(-cell_len(text_of(legend)) // (legend.region.width - 2))
        assert legend.region.height >= lines  # wrapped, not cut
        table = screen.query_one("DataTable")
        assert_on_screen(table, whole)
        assert table.region.height >= 8  # a header and rows, not squeezed out
        status = screen.query_one("#status-line")
        assert text_of(status) == "CLI: hti rank --year 2024"
        assert_on_screen(status, whole, one_line=True)
        keys = await footer_keys(app, pilot)
        assert keys and keys[0].key == "question_mark"  # type: ignore[attr-defined]
        assert_on_screen(keys[0], whole)
        # the longest title (sorted on the longest delindex name, reversed) still fits
        columns = [key for key, _ in screen.columns()]
        longest = max(columns, key=lambda k: len(dict(screen.columns(compact=False))[k]))
        screen.action_sort(longest)
        screen.action_sort(longest)
        await pilot.pause()
        assert "↑" in text_of(title)
        assert_on_screen(title, whole, one_line=True)
        # a search that leaves no marked row hides the legend, and the table takes the line
        await pilot.press("slash", *"stockholm")
        await pilot.pause()
        if not any(not r.ranked or r.imputed or r.penalised or r.reweighted
                   for r in screen.shown):
            assert not legend.display
        assert text_of(count).endswith("av 290")
        assert_on_screen(title, whole, one_line=True)
