"""A searchable list of the model's indicators, to open one from anywhere.

The ranking shows delindex, not indicators; an analyst who wants "Handläggningstid"
types a few letters here instead of walking a kommun's table to find it.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from hti_tui.query import fold
from hti_tui.tui import keys


class IndicatorPicker(ModalScreen[str | None]):
    """Returns the chosen indicator id, or None on escape."""

    DEFAULT_CSS = """
    IndicatorPicker { align: center middle; }
    IndicatorPicker > Vertical { width: 80%; max-width: 90; height: 80%;
                                 border: round $accent; background: $surface; }
    IndicatorPicker OptionList { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", keys.words("pick.close", "Close"),
                        show=False, id="pick.close")]

    def __init__(self, choices: list[tuple[str, str, str]], lang: str,
                 placeholder: str | None = None) -> None:
        """``choices``: (indicator id, name, delindex name), in the model's order."""
        super().__init__()
        keys.localise(self)  # words in the language chosen at start-up
        self.choices = choices
        self.lang = lang
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder=self.placeholder or ("Sök indikator …" if self.lang == "sv"
                        else "Search indicator …"), id="pick-search")
            yield OptionList(*self._options(""), id="pick-list")

    def _options(self, query: str) -> list[Option]:
        q = fold(query)
        return [Option(f"{name}  ·  {group}", id=ident) for ident, name, group in self.choices
                if not q or q in fold(name) or q in fold(ident)]

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self.query_one(Input).focus()

    @on(Input.Changed, "#pick-search")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted, "#pick-search")
    def _submit(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_key(self, event: events.Key) -> None:
        """The arrows move the list while typing in the search box."""
        if event.key in ("down", "up") and self.query_one(Input).has_focus:
            options = self.query_one(OptionList)
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class NamePrompt(ModalScreen[str | None]):
    """One line of text (a scenario's name); None on escape or when left empty."""

    DEFAULT_CSS = """
    NamePrompt { align: center middle; }
    NamePrompt > Vertical { width: 60; max-width: 100%; height: auto; padding: 1 2;
                            border: round $accent; background: $surface; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", keys.words("pick.close", "Close"),
                        show=False, id="pick.close")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        keys.localise(self)
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        from textual.widgets import Static

        with Vertical():
            yield Static(self.question, markup=False)
            yield Input(self.value, id="name-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#name-input")
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
