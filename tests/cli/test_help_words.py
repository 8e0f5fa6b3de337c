"""``hti --help`` and every subcommand's help in Swedish in a Swedish project (every help
text has a Swedish one), in English with language = "en"."""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.cli.help_sv import untranslated
from hti_tui.cli.main import COMMANDS, main, parser


def test_every_help_text_has_a_swedish_one() -> None:
    assert untranslated(parser()) == []


def _help(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main(args)
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_swedish_in_a_swedish_project(command: str, capsys, tmp_path: Path) -> None:
    config = tmp_path / "hti.toml"
    config.write_text('[ui]\nlanguage = "sv"\n', encoding="utf-8")
    text = _help(["--config", str(config), *([command] if command else []), "--help"],
                 capsys)
    assert text.startswith("användning: hti")
    assert "flaggor:" in text and "visa den här hjälpen" in text
    assert "show this help" not in text and "options:" not in text
    english = config.with_name("en.toml")
    english.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    text = _help(["--config", str(english), *([command] if command else []), "--help"],
                 capsys)
    assert text.startswith("usage: hti") and "visa den här hjälpen" not in text
