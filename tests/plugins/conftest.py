"""Make the example third-party plugin discoverable as an installed distribution.

Instead of ``pip install`` (slow, and it would leak into every other test), the test
writes the ``.dist-info`` metadata an installer writes, on a temporary ``sys.path``
entry, so ``importlib.metadata`` finds the entry point exactly as for an installed one.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

PLUGIN_ROOT = Path(__file__).parent / "hti_example_plugin"


@pytest.fixture
def installed_example_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    site = tmp_path / "site"
    info = site / "hti_example_plugin-0.3.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: hti-example-plugin\nVersion: 0.3.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[hti]\nexample = hti_example_plugin\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(PLUGIN_ROOT))
    importlib.invalidate_caches()
    yield "example"
    sys.modules.pop("hti_example_plugin", None)
