"""Reading one published cell: numbers with Swedish decimal commas, and the tokens
publishers write instead of a number.

A cell becomes ``(value, status, raw)``: ``value`` is a float or ``None``; ``status``
says why a value is missing; ``raw`` keeps the token exactly as published so that
nothing is lost between the source file and the Parquet store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

OK = "ok"
SUPPRESSED = "suppressed"
NOT_REPORTED = "not_reported"
NOT_APPLICABLE = "not_applicable"
INVALID = "invalid"

STATUSES: tuple[str, ...] = (OK, SUPPRESSED, NOT_REPORTED, NOT_APPLICABLE, INVALID)

#: What each publisher token means when it stands where a number should be.
#: ".." is SCB's and Socialstyrelsen's "too uncertain / too few to show";
#: "x" and "*" mark suppression for confidentiality or too few respondents;
#: "-" and "–" are used by Socialstyrelsen and Öppna jämförelser for "too few answers";
#: "." means "cannot occur" (for example a question not asked in that kommun).
DEFAULT_TOKENS: Mapping[str, str] = {
    "..": SUPPRESSED,
    "…": SUPPRESSED,
    "-": SUPPRESSED,
    "–": SUPPRESSED,
    "—": SUPPRESSED,
    "x": SUPPRESSED,
    "X": SUPPRESSED,
    "*": SUPPRESSED,
    ".": NOT_APPLICABLE,
    "": NOT_REPORTED,
}

_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007\t"), None)
_MINUS = str.maketrans({"\u2212": "-"})
# 1234 · 1234,5 · 1234.5 · -12,5 · +3 · ,5 · 1.234,5 · 1,234.5 · 1e3
_PLAIN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")


@dataclass(frozen=True)
class Cell:
    value: float | None
    status: str
    raw: str
    problem: str = ""  # why an invalid cell is invalid, for the note (else "not a number")
    problem_sv: str = ""  # the same in Swedish

    @property
    def ok(self) -> bool:
        return self.status == OK


def _number(text: str) -> float | None:
    """Parse a numeric token in Swedish or English notation; None if it is not one."""
    t = text.translate(_SPACES).translate(_MINUS)
    if t.endswith("%"):
        t = t[:-1]
    if not t:
        return None
    if _PLAIN.match(t):
        return float(t.replace(",", "."))
    if _DOT_THOUSANDS.match(t):
        return float(t.replace(".", "").replace(",", "."))
    if _COMMA_THOUSANDS.match(t):
        return float(t.replace(",", ""))
    return None


def parse_cell(cell: object, tokens: Mapping[str, str] = DEFAULT_TOKENS) -> Cell:
    """Read one cell as published.

    Accepts numbers already typed by a spreadsheet, decimal commas, thousands
    separators written as spaces or non-breaking spaces, a trailing ``%`` and the
    publisher tokens in ``tokens``. Anything else is ``invalid`` with its text kept,
    so the caller can record a note naming the file, row and column.
    """
    if cell is None:
        return Cell(None, tokens.get("", NOT_REPORTED), "")
    if isinstance(cell, bool):
        return Cell(float(cell), OK, str(cell))
    if isinstance(cell, (int, float)):
        value = float(cell)
        raw = repr(cell) if isinstance(cell, float) else str(cell)
        if math.isnan(value):
            return Cell(None, tokens.get("", NOT_REPORTED), raw)
        if math.isinf(value):
            return Cell(None, INVALID, raw)
        return Cell(value, OK, raw)
    raw = str(cell)
    key = raw.strip(" \u00a0\u202f\t\r\n")
    if key in tokens:
        return Cell(None, tokens[key], raw)
    number = _number(key)
    if number is None or math.isinf(number) or math.isnan(number):
        return Cell(None, INVALID, raw)
    return Cell(number, OK, raw)


_AMBIGUOUS_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,.]\d{3})+$")


def parse_count(cell: object, tokens: Mapping[str, str] = DEFAULT_TOKENS) -> Cell:
    """Read a count (persons, decisions): a whole number, never negative.

    ``1,024`` is ambiguous in a Swedish file — a thousands separator (1024) or a decimal
    comma (1.024)? Either way it is not a count hti can trust, so it is invalid with the
    reason, not read as 1.024 (which silently made a share of 100 %).
    """
    parsed = parse_cell(cell, tokens)
    if not parsed.ok or parsed.value is None:
        return parsed
    key = parsed.raw.strip(" \u00a0\u202f\t\r\n")
    if isinstance(cell, str) and _AMBIGUOUS_THOUSANDS.match(key):
        return Cell(None, INVALID, parsed.raw, f"count '{parsed.raw}' is ambiguous: a thousands "
                    "separator or a decimal comma? write it without a separator",
                    f"antalet '{parsed.raw}' är tvetydigt: tusentalsavgränsare eller "
                    "decimalkomma? skriv det utan avgränsare")
    if parsed.value < 0:
        return Cell(None, INVALID, parsed.raw, f"count '{parsed.raw}' is negative",
                    f"antalet '{parsed.raw}' är negativt")
    if not float(parsed.value).is_integer():
        return Cell(None, INVALID, parsed.raw, f"count '{parsed.raw}' is not a whole number",
                    f"antalet '{parsed.raw}' är inget heltal")
    return parsed


YES = frozenset({"ja", "j", "yes", "y", "1", "sant", "true"})
NO = frozenset({"nej", "n", "no", "0", "falskt", "false"})
PARTLY = frozenset({"delvis", "partly"})


def parse_yes_no(cell: object, tokens: Mapping[str, str] = DEFAULT_TOKENS) -> Cell:
    """Read a yes/no routine answer ("Ja"/"Nej"/"Delvis") as 1 / 0 / 0.5."""
    if isinstance(cell, str):
        key = cell.strip(" \u00a0\u202f\t\r\n").lower()
        if key in YES:
            return Cell(1.0, OK, cell)
        if key in NO:
            return Cell(0.0, OK, cell)
        if key in PARTLY:
            return Cell(0.5, OK, cell)
    parsed = parse_cell(cell, tokens)
    if parsed.ok and parsed.value not in (0.0, 0.5, 1.0):
        return Cell(None, INVALID, parsed.raw)
    return parsed
