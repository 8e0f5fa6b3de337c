"""The what-if screen's named scenarios: ``s`` saves the values typed under a name in
the project (``tui.scenarios``), ``l`` picks a saved one and types its values in again.

A mixin of :class:`~hti_tui.tui.screens.whatif.WhatIfScreen`, so the screen module keeps
to editing and showing; the texts are the screen's (``say``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hti_tui.tui.base import HtiScreen

    _Screen = HtiScreen
else:
    _Screen = object


class WhatIfScenarios(_Screen):
    """Save and load named scenarios (typed as an HtiScreen for the checker)."""

    unit: str
    year: int
    entries: dict[str, str]

    if TYPE_CHECKING:  # the screen's own (declared for the checker)
        def say(self, key: str, **values: str) -> str: ...

        def action_reset(self) -> None: ...

        def apply_entries(self, entries: dict[str, str]) -> None: ...

    def action_save_scenario(self) -> None:
        from hti_tui.tui import scenarios
        from hti_tui.tui.screens.pick import NamePrompt

        if not self.entries:
            self.app.notify(self.say("no_changes"), severity="warning")
            return
        root = self.index.config.root

        def saved(name: str | None) -> None:
            if not name:
                return
            try:
                file = scenarios.save(root, name, self.unit, self.year, self.entries)
            except (OSError, ValueError) as exc:
                self.app.notify(str(exc), severity="error")
                return
            self.app.notify(self.say("saved", name=name, file=str(self.index.config.rel(file))))

        self.app.push_screen(NamePrompt(self.say("save_as")), saved)

    def action_load_scenario(self) -> None:
        from hti_tui.tui import scenarios
        from hti_tui.tui.screens.pick import IndicatorPicker

        root, lang = self.index.config.root, self.lang
        try:
            saved = scenarios.load(root)
        except ValueError as exc:
            self.app.notify(str(exc), severity="error")
            return
        if not saved:
            self.app.notify(self.say("none_saved", file=str(self.index.config.rel(
                scenarios.path(root)))), severity="warning")
            return
        names = self.index.registry
        choices = [(n, n, f"{names.name(s['kommun']) if s['kommun'] in names.ids else s['kommun']}"
                    f" {s.get('year', '')} · {len(s['entries'])} {self.say('changes')}")
                   for n, s in sorted(saved.items())]

        def picked(name: str | None) -> None:
            if not name:
                return
            scenario = saved[name]
            if scenario["kommun"] != self.unit or scenario.get("year") != self.year:
                self.app.notify(self.say("other_unit", unit=scenario["kommun"],
                                         year=str(scenario.get("year")), here=self.unit))
            self.action_reset()
            self.apply_entries({str(k): str(v) for k, v in scenario["entries"].items()})

        self.app.push_screen(IndicatorPicker(choices, lang, self.say("pick")), picked)
