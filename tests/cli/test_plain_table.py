"""Every CLI table goes through one renderer: the same style for 5 rows or 10,000, and
when a terminal is too narrow, optional columns go first, then text is shortened, never
an identifier."""

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


def test_short_and_long_tables_look_alike() -> None:
    short = plain_table.render(make(5), Console(file=io.StringIO())).plain.splitlines()
    long = plain_table.render(make(50), Console(file=io.StringIO())).plain.splitlines()
    assert short[:4] == long[:4]


def test_long_table_is_aligned_and_keeps_cells_title_and_caption() -> None:
    console = Console(file=io.StringIO(), width=200)
    text = plain_table.render(make(50), console)
    assert text is not None
    lines = text.plain.splitlines()
    assert lines[0] == "Titel" and lines[-1] == "n av N"
    assert lines[1].split() == ["Rang", "Kommun", "Förändring"]
    assert lines[3].startswith("   1  Örebro") and lines[3].endswith("▲ +1,5")
    assert len({len(line) for line in lines[1:-1] if not line.startswith("─")}) == 1


def test_narrow_terminal_drops_optional_then_shortens_text_never_identifiers() -> None:
    t = Table()
    t.add_column("Rang", justify="right")
    plain_table.identifier(t, "Kommun")
    plain_table.optional(t, "Län")
    t.add_column("Grupp")
    t.add_row("1", "Upplands Väsby", "Stockholms län", "Över medel och lite till")
    console = Console(file=io.StringIO(), width=34, force_terminal=True)
    lines = plain_table.render(t, console).plain.splitlines()
    assert lines[0].split() == ["Rang", "Kommun", "Grupp"]  # Län left out
    assert "Upplands Väsby" in lines[2] and lines[2].endswith("…")
    assert max(len(x) for x in lines) <= 34
    console = Console(file=io.StringIO(), width=10, force_terminal=True)
    lines = plain_table.render(t, console).plain.splitlines()
    assert "Upplands Väsby" in lines[2]  # too narrow: wider than the terminal, not cut


def test_terminal_output_keeps_styles_and_the_same_text() -> None:
    piped = plain_table.render(make(50), Console(file=io.StringIO(), width=200))
    styled = plain_table.render(make(50), Console(file=io.StringIO(), width=200,
                                                  force_terminal=True))
    assert piped is not None and styled is not None
    assert [ln.rstrip() for ln in styled.plain.splitlines()] == piped.plain.splitlines()
    assert any(str(span.style) == "green" for span in styled.spans)
