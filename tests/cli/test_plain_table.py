"""Long tables are printed by the fast renderer with the same cells Rich would show."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hti_tui.cli import plain_table


def make(rows: int) -> Table:
    t = Table(title="Titel", caption="n av N")
    t.add_column("Rang", justify="right")
    t.add_column("Kommun")
    t.add_column("Förändring", justify="right")
    for i in range(rows):
        t.add_row(str(i + 1), "[bold]Örebro[/bold]" if i == 0 else f"K{i}",
                  Text("▲ +1,5", style="green"))
    return t


def test_short_tables_are_left_to_rich() -> None:
    assert plain_table.render(make(5), Console(file=io.StringIO())) is None


def test_long_table_is_aligned_and_keeps_cells_title_and_caption() -> None:
    console = Console(file=io.StringIO(), width=200)
    text = plain_table.render(make(50), console)
    assert text is not None
    lines = text.plain.splitlines()
    assert lines[0] == "Titel" and lines[-1] == "n av N"
    assert lines[1].split() == ["Rang", "Kommun", "Förändring"]
    assert lines[3].startswith("   1  Örebro") and lines[3].endswith("▲ +1,5")
    assert len({len(line) for line in lines[1:-1] if not line.startswith("─")}) == 1


def test_too_wide_for_a_terminal_falls_back_to_rich() -> None:
    console = Console(file=io.StringIO(), width=10, force_terminal=True)
    assert plain_table.render(make(50), console) is None


def test_terminal_output_keeps_styles_and_the_same_text() -> None:
    piped = plain_table.render(make(50), Console(file=io.StringIO(), width=200))
    styled = plain_table.render(make(50), Console(file=io.StringIO(), width=200,
                                                  force_terminal=True))
    assert piped is not None and styled is not None
    assert [ln.rstrip() for ln in styled.plain.splitlines()] == piped.plain.splitlines()
    assert any(str(span.style) == "green" for span in styled.spans)
