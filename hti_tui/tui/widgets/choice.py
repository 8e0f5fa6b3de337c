"""What a ``Select`` holds, as hti's screens want it: the chosen value or ``None``.

Textual's "no selection" sentinel is ``Select.NULL`` (a ``NoSelection`` object); the
class's BLANK attribute is only a plain ``False`` flag for the constructor. Testing a value
against that flag is never true, so a cleared filter used to be taken as the literal value
"Select.NULL". Every screen asks here instead of comparing sentinels itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from textual.widgets import Select
from textual.widgets._select import NoSelection

T = TypeVar("T")


def chosen(value: object) -> object | None:
    """The value a ``Select.Changed`` carries, or ``None`` when nothing is selected."""
    if value is Select.NULL or isinstance(value, NoSelection):
        return None
    return value


def picked(value: T | None, options: Iterable[T]) -> T | NoSelection:
    """The ``value=`` for a new Select: ``value`` when it offers it, else "no selection"
    (a screen built again in another language starts with the user's filters)."""
    return value if value is not None and value in list(options) else Select.NULL
