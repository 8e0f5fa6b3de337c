"""After a failed build, the UI says so above the results it still shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from hti_tui.tui.widgets.banner import SyntheticBanner
from tests.tui.conftest import wait_for_ranking


@pytest.mark.asyncio
async def test_failed_build_and_stale_results_show_in_the_ui_banner(built: Path) -> None:
    (built.parent / "indicators" / "broken.py").write_text("raise ImportError('oops')\n",
                                                            encoding="utf-8")
    assert main(["--config", str(built), "build"]) == 1
    plugin = built.parent / "indicators" / "stod.py"
    plugin.write_text(plugin.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    app = HtiApp(built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        text = str(screen.query_one(SyntheticBanner).content)
        assert "senaste bygget misslyckades" in text and "broken" in text
        assert "visar resultaten från" in text
        assert "inaktuella" in text and "stod" in text
        assert "SYNTETISKA DATA" in text
