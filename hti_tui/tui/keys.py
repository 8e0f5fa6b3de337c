"""Every key binding of the UI: an id, a default key, and its words in both languages.

Bindings are declared on screens with ids (``Binding(..., id="ranking.sort")``) so that
hti.toml's ``[ui.keys]`` can remap any of them (``sort = "o"`` or ``"ranking.sort" =
"o"``), and the footer and the ``?`` help screen show them in the user's language.
Keys are plain letters and symbols, never ctrl+enter-style chords terminals swallow.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

#: binding id → (svenska, English)
WORDS: dict[str, tuple[str, str]] = {
    "app.quit": ("Avsluta", "Quit"),
    "app.help": ("Hjälp", "Help"),
    "app.plugins": ("Plugins/data", "Plugins/data"),
    "app.copy": ("Kopiera cell", "Copy cell"),
    "app.copy_row": ("Kopiera rad", "Copy row"),
    "app.export": ("Exportera", "Export"),
    "app.back": ("Tillbaka", "Back"),
    "app.palette": ("Kommandon", "Commands"),
    "app.reload": ("Läs om resultaten", "Reload results"),
    "ranking.open": ("Öppna kommun", "Open kommun"),
    "ranking.search": ("Sök", "Search"),
    "ranking.sort": ("Sortera kolumn", "Sort column"),
    "ranking.sort_rank": ("Sortera rang", "Sort by rank"),
    "ranking.sort_name": ("Sortera namn", "Sort by name"),
    "ranking.next_year": ("Nästa år", "Next year"),
    "ranking.prev_year": ("Föregående år", "Previous year"),
    "ranking.filter": ("Filter", "Filter"),
    "ranking.clear": ("Rensa filter", "Clear filters"),
    "ranking.table": ("Till tabellen", "To the table"),
    "ranking.mark": ("Markera för jämförelse", "Mark for compare"),
    "ranking.compare": ("Jämför markerade", "Compare marked"),
    "ranking.whatif": ("Tänk om …", "What if"),
    "ranking.indicators": ("Indikatorer", "Indicators"),
    "kommun.indicator": ("Öppna indikator", "Open indicator"),
    "kommun.whatif": ("Tänk om …", "What if"),
    "kommun.compare": ("Jämför", "Compare"),
    "kommun.next_year": ("Nästa år", "Next year"),
    "kommun.prev_year": ("Föregående år", "Previous year"),
    "kommun.sort": ("Sortera kolumn", "Sort column"),
    "kommun.group": ("Grupp/lista", "Grouped/list"),
    "kommun.all_areas": ("Alla områden", "Every area"),
    "kommun.reference": ("Byt referens", "Switch reference"),
    "compare.remove": ("Ta bort kommun", "Remove kommun"),
    "compare.add": ("Lägg till kommun", "Add kommun"),
    "whatif.reset": ("Återställ", "Reset"),
    "whatif.save": ("Spara scenario", "Save scenario"),
    "whatif.load": ("Öppna scenario", "Load scenario"),
    "whatif.apply": ("Räkna om", "Recompute"),
    "indicator.open": ("Öppna kommun", "Open kommun"),
    "pick.close": ("Stäng", "Close"),
    "help.close": ("Stäng", "Close"),
    "export.cancel": ("Avbryt", "Cancel"),
    "kommun.tab_overview": ("Flik: översikt", "Tab: overview"),
    "kommun.tab_indicators": ("Flik: indikatorer", "Tab: indicators"),
    "kommun.tab_trend": ("Flik: utveckling", "Tab: trend"),
    "kommun.tab_peers": ("Flik: jämförbara", "Tab: peers"),
    "kommun.tab_priorities": ("Flik: prioriteringar", "Tab: priorities"),
    "kommun.tab_units": ("Flik: enheter", "Tab: units"),
    "whatif.edit": ("Ändra värde", "Edit value"),
    "compare.tab_levels": ("Flik: alla nivåer", "Tab: every level"),
    "compare.tab_gap": ("Flik: vad förklarar skillnaden", "Tab: what explains the gap"),
    "indicator.tab_overview": ("Flik: översikt", "Tab: overview"),
    "indicator.tab_extremes": ("Flik: bäst och sämst", "Tab: best and worst"),
    "indicator.tab_all": ("Flik: alla kommuner", "Tab: every kommun"),
    "plugins.tab_plugins": ("Flik: plugins", "Tab: plugins"),
    "plugins.tab_sources": ("Flik: källor", "Tab: sources"),
    "plugins.tab_notes": ("Flik: datakvalitet", "Tab: data quality"),
}

#: Textual's own bindings (no id) by their English description → svenska; the ones a
#: footer or the help can show (an open Select's "Dismiss menu", the palette's escape)
TEXTUAL_WORDS: dict[str, str] = {
    "Focus Next": "Nästa fält",
    "Focus Previous": "Föregående fält",
    "Copy selected text": "Kopiera markerad text",
    "Quit": "Avsluta",
    "Command palette": "Kommandon",
    "Maximize": "Maximera",
    "Minimize": "Återställ storlek",
    "Dismiss menu": "Stäng menyn",
    "Exit the command palette": "Stäng kommandolistan",
    "Show menu": "Visa menyn",
    "Next page": "Nästa sida",
    "Previous page": "Föregående sida",
    "Next command": "Nästa kommando",
    "Previous command": "Föregående kommando",
    "Go to bottom": "Till slutet",
    "Go to top": "Till början",
    "Previous tab": "Föregående flik",
    "Next tab": "Nästa flik",
    "Select": "Välj",
    "Submit": "Skicka",
    "Toggle": "Växla",
    "Open link": "Öppna länk",
    "Paste text from the clipboard": "Klistra in",
    "Cut selected text": "Klipp ut markerad text",
    "Select all": "Markera allt",
    "Delete character left": "Radera tecknet till vänster",
    "Delete character right": "Radera tecknet till höger",
    "Delete all to the right": "Radera allt till höger",
    "Go to start": "Till början",
    "Go to end": "Till slutet",
    "Unfocus any focused widget": "Lämna fältet",
}
#: the way back, for a switch from svenska to English while the UI is open
_ENGLISH: dict[str, str] = {}
for _en, _sv in TEXTUAL_WORDS.items():
    _ENGLISH.setdefault(_sv, _en)

_language = "sv"


def set_language(language: str) -> None:
    global _language
    _language = language if language in ("sv", "en") else "sv"
    localise_textual()


def language() -> str:
    return _language


def description(text: str) -> str:
    """A Textual binding's description in the user's language (Textual's are English)."""
    return TEXTUAL_WORDS.get(text, text) if _language == "sv" else _ENGLISH.get(text, text)


def words(binding_id: str, fallback: str = "") -> str:
    pair = WORDS.get(binding_id)
    if pair is None:
        return fallback
    return pair[0] if _language == "sv" else pair[1]


def _relabel(binding: Binding) -> Binding:
    text = (words(binding.id, binding.description) if binding.id
            else description(binding.description))
    return binding if text == binding.description else replace(binding, description=text)


def localise(node: DOMNode) -> None:
    """Give a node's bindings their words in the current language (per instance); hti's
    by their id, Textual's own (an open Select's escape, say) by their English text."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_relabel(b) for b in bindings]


def localise_textual() -> None:
    """Textual's widget classes say their bindings in the current language from now on.

    Each widget copies its class's merged bindings when it is made (an open Select's
    overlay, the command palette are made later), so the classes are relabelled too,
    not only the widgets on screen (:func:`localise_tree` does those)."""
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        merged = cls.__dict__.get("_merged_bindings")
        if merged is not None:
            for key, bindings in merged.key_to_bindings.items():
                merged.key_to_bindings[key] = [_relabel(b) for b in bindings]


def localise_tree(root: DOMNode) -> None:
    """``root`` and every node under it in the current language (a switch while open)."""
    localise(root)
    for node in root.walk_children(with_self=False):
        localise(node)


def keymap(remaps: dict[str, str]) -> dict[str, str]:
    """hti.toml [ui.keys] → Textual keymap: short ids (``sort``) match any screen's id."""
    out: dict[str, str] = {}
    for name, key in remaps.items():
        if name in WORDS:
            out[name] = key
            continue
        for binding_id in WORDS:
            if binding_id.split(".", 1)[1] == name:
                out[binding_id] = key
    return out


def unknown_remaps(remaps: dict[str, str]) -> list[str]:
    return [n for n in remaps if n not in WORDS and
            not any(b.split(".", 1)[1] == n for b in WORDS)]


def b(key: str, action: str, binding_id: str, show: bool = True, key_display: str | None = None
      ) -> Binding:
    """A binding with an id; its description comes from WORDS."""
    return Binding(key, action, words(binding_id, binding_id), show=show, id=binding_id,
                   key_display=key_display)
