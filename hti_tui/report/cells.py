"""Table cells the CLI and the terminal UI show alike.

A gain or loss is written with an arrow and a sign as well as a colour, so it reads in a
monochrome terminal, in a pipe and for a colour-blind user; names are plain text, never
Rich markup, so a kommun called "[bold]" is shown as written.
"""

from __future__ import annotations

from rich.text import Text

from hti_tui.i18n import number


def signed(value: float | None, lang: str, decimals: int = 2) -> Text:
    """Points with ▲/▼/= and a sign (right-justified); '–' when there is no value."""
    if value is None:
        return Text("–", justify="right")
    arrow = "▲" if value > 0 else "▼" if value < 0 else "="
    style = "green" if value > 0 else "red" if value < 0 else ""
    return Text(f"{arrow} {number(value, decimals, lang, sign=True)}", style=style,
                justify="right")


def right(value: str, style: str = "") -> Text:
    return Text(value, justify="right", style=style)


#: indicator units whose values are published as words (1 = Ja, 0,5 = Delvis, 0 = Nej)
WORD_UNITS = frozenset({"ja/nej", "ja/delvis/nej"})
_ANSWERS = {1.0: ("Ja", "Yes"), 0.5: ("Delvis", "Partly"), 0.0: ("Nej", "No")}


def answer_word(raw: float | None, unit: str, lang: str,
                raw_text: str | None = None) -> str | None:
    """The published word of a ja/nej item's value ('Ja', 'Delvis', 'Nej'); None for an
    indicator measured in numbers (the ``raw_word`` beside ``raw`` in JSON and CSV)."""
    if unit.casefold() not in WORD_UNITS:
        return None
    return raw_words(raw, unit, lang, raw_text)


def answer_value(text: str) -> float | None:
    """'Ja' → 1, 'Delvis' → 0,5, 'Nej' → 0 (and Yes/Partly/No), any case; else None."""
    folded = text.strip().casefold()
    for value, pair in _ANSWERS.items():
        if folded in (w.casefold() for w in pair):
            return value
    return None


def raw_words(raw: float | None, unit: str, lang: str, raw_text: str | None = None,
              decimals: int = 1) -> str:
    """An indicator's raw value as published: 'Ja', 'Delvis', 'Nej' for a yes/no item
    (not 1,0 / 0,5 / 0,0), else the number; the source's own text when there is none."""
    if raw is None:
        return raw_text or "–"
    if unit.casefold() in WORD_UNITS and float(raw) in _ANSWERS:
        sv, en = _ANSWERS[float(raw)]
        return sv if lang == "sv" else en
    return number(raw, decimals, lang)


def name_text(name: str) -> Text:
    """A name as written (never markup), cut with … when its column is narrow."""
    return Text(name, overflow="ellipsis", no_wrap=True)


def bar(score: float | None, median: float | None, width: int) -> Text:
    """A 0–100 score as a text bar with the median marked '│' (shape, not colour, carries it)."""
    if score is None:
        return Text("–")
    filled = max(0, min(width, round(score / 100 * width)))
    chars = ["█"] * filled + ["·"] * (width - filled)
    if median is not None:
        chars[max(0, min(width - 1, int(median / 100 * width)))] = "│"
    line = "".join(chars)
    text = Text(line)
    mark = line.find("│")
    if mark >= 0:  # one span for the median mark, not one per character
        text.stylize("bold", mark, mark + 1)
    return text


#: glyphs that carry meaning on screen but are noise in a spreadsheet
_GLYPHS = "●▲▼█·│✓"


def plain(text: str) -> str:
    """A cell as a value for the clipboard or a spreadsheet: no marks, arrows or bars.

    '▲ +5,4' → '+5,4', '●' → '', a bar → '', '−3,1' → '-3,1' (the real minus sign reads
    better on screen, a hyphen-minus is what a spreadsheet parses). The decimal comma of
    Swedish mode stays: the value is pasted into a Swedish spreadsheet as a number.
    """
    text = text.strip()
    if text == "=" or text.startswith("= "):  # signed(): no change
        text = text[1:]
    text = "".join(ch for ch in text if ch not in _GLYPHS).strip()
    return text.replace("−", "-")
