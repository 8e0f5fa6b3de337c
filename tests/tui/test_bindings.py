"""Every binding of every screen has an id (so hti.toml can remap it) and words in both
languages, and no binding is a chord that terminals swallow."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.binding import Binding
from textual.screen import Screen

import hti_tui.tui.screens as screens
from hti_tui.tui import keys
from hti_tui.tui.app import HtiApp


def all_bindings() -> list[tuple[str, Binding]]:
    found: list[tuple[str, Binding]] = [("HtiApp", b) for b in HtiApp.BINDINGS
                                        if isinstance(b, Binding)]
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"hti_tui.tui.screens.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Screen) and \
                    obj.__module__ == module.__name__ and "BINDINGS" in vars(obj):
                found += [(obj.__name__, b) for b in obj.BINDINGS if isinstance(b, Binding)]
    return found


@pytest.mark.parametrize(("owner", "binding"), all_bindings(),
                         ids=lambda x: x if isinstance(x, str) else x.key)
def test_binding_has_id_words_and_a_plain_key(owner: str, binding: Binding) -> None:
    assert binding.id, f"{owner}: binding {binding.key} has no id"
    if binding.id != "app.palette":
        assert binding.id in keys.WORDS, f"{binding.id} has no words"
    assert "ctrl+enter" not in binding.key and "shift+enter" not in binding.key
