"""Theme and language are remembered across starts in the user's config directory
(``$XDG_CONFIG_HOME/hti/ui.toml``), never in the project's hti.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.tui import keys, user_config
from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking


def test_saved_settings_round_trip_and_a_broken_file_is_ignored(user_config_dir: Path) -> None:
    assert user_config.load() == ({}, None)
    file = user_config.save(theme="nord", language="en")
    assert file == user_config_dir / "hti" / "ui.toml"
    assert user_config.load() == ({"theme": "nord", "language": "en"}, None)
    file.write_text("theme = [", encoding="utf-8")
    settings, warning = user_config.load()
    assert settings == {} and warning and "ui.toml" in warning


@pytest.mark.asyncio
async def test_theme_and_language_survive_a_restart(hti_built: Path, user_config_dir: Path
                                                    ) -> None:
    toml_before = hti_built.read_bytes()
    app = HtiApp(hti_built)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_ranking(app, pilot)
        assert app.theme != "textual-light"
        app.theme = "textual-light"  # as the palette's "Tema" does
        await pilot.pause()
        app.action_switch_language()
        await pilot.pause()
    assert user_config.load()[0] == {"theme": "textual-light", "language": "en"}
    assert hti_built.read_bytes() == toml_before  # the project is not touched

    app = HtiApp(hti_built)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        assert app.theme == "textual-light"
        assert keys.language() == "en"
        assert app.index.language == "en"
        headers = [str(c.label) for c in screen.query_one("DataTable").columns.values()]
        assert "Rank" in headers and "Municipality" in headers
    keys.set_language("sv")
