"""The 2024 adapter on a file whose shares changed from percent to 0–1 (headers
unchanged): before, exit 0 and every survey indicator near 0 (Örebro 75,0 → 56,0)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from tests.adapters.helpers import rewrite_xlsx
from tests.loud.conftest import digest

SHARE = re.compile(r"^\d+(,\d+)?$")


def _as_proportions(rows: list[list[object]]) -> list[list[object]]:
    out = []
    for row in rows:
        new = []
        for v in row:
            if isinstance(v, str) and SHARE.match(v) and "," in v:
                v = f"{float(v.replace(',', '.')) / 100:.3f}".replace(".", ",")
            new.append(v)
        out.append(new)
    return out


def test_percent_to_proportion_is_an_error_naming_file_and_column(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = built.parent / "datasets" / "raw" / "2024" / "brukarundersokning_hemtjanst_2024.xlsx"
    results = built.parent / "datasets" / "results"
    before = digest(results)
    rewrite_xlsx(raw, raw, _as_proportions)
    capsys.readouterr()
    assert main(["--config", str(built), "build"]) == 1
    out = capsys.readouterr().out
    assert "brukarundersokning_hemtjanst_2024.xlsx" in out and "ligger i 0–1" in out
    assert "kolumn '" in out
    assert digest(results) == before  # the 2024 index kept its last good results
    assert main(["--config", str(built), "validate"]) == 1
    assert "ligger i 0–1" in capsys.readouterr().out
    text = built.read_text(encoding="utf-8")  # the maintainer declares the new scale
    built.write_text(text.replace('[sources.webbgranskning]', '[sources.brukarundersokning.'
                                  'options]\nscale_changed = ["bu_trygg"]\n\n'
                                  '[sources.webbgranskning]'), encoding="utf-8")
    capsys.readouterr()
    main(["--config", str(built), "build"])
    out = capsys.readouterr().out
    assert "'bu_trygg' ligger i 0–1" not in out and "ligger i 0–1" in out
