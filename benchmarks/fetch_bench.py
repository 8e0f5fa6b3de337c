"""``hti fetch kolada`` against a local Kolada (127.0.0.1): the examples/kolada KPIs for
290 kommuner, pages of 1,000 values, three data years; then the build of what was saved.

The server is the test suite's (tests/kolada): real HTTP over loopback, so the figures are
hti's own cost (requests, checks, hashing, atomic writes), not the internet's.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
YEARS = (2022, 2023, 2024)

TARGETS: dict[str, float] = {
    "fetch.kolada_3_years_s": 5.0,
    "fetch.kolada_again_nothing_new_s": 5.0,
}


def run() -> dict[str, float]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    from hti_tui.kolada.client import KoladaClient
    from hti_tui.kolada.fetch import fetch_data
    from hti_tui.pipeline import build
    from hti_tui.project import Project
    from tests.kolada.fake_kolada import kommuner, serve_data
    from tests.kolada.server import KoladaServer

    out: dict[str, float] = {}
    server = KoladaServer().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            shutil.copytree(REPO / "examples/kolada", root / "examples/kolada",
                            ignore=shutil.ignore_patterns("__pycache__", "datasets", "build"))
            shutil.copytree(REPO / "plugins", root / "plugins",
                            ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copytree(REPO / "datasets/reference", root / "datasets/reference")
            config = root / "examples/kolada/hti.toml"
            options = tomllib.loads(config.read_text(encoding="utf-8"))["sources"]["kolada"][
                "options"]
            kpis = list(options["kpi_measures"])
            codes = [c for c, _ in kommuner(root / "datasets/reference/kommuner.csv")]
            for y in YEARS:  # 5 pages a year: 16 KPIs in 2 chunks, 1,000 values a page
                serve_data(server, "data", kpis, y, codes, per_page=1000)
            raw = config.parent / "datasets/raw"
            with KoladaClient() as client:
                t0 = time.perf_counter()
                fetch_data(client, raw, server.base, YEARS[-1], kpis)
                out["fetch.kolada_1_year_s"] = time.perf_counter() - t0
                shutil.rmtree(raw)
                t0 = time.perf_counter()
                for y in YEARS:
                    fetch_data(client, raw, server.base, y, kpis)
                out["fetch.kolada_3_years_s"] = time.perf_counter() - t0
                t0 = time.perf_counter()
                for y in YEARS:
                    assert not fetch_data(client, raw, server.base, y, kpis).changed
                out["fetch.kolada_again_nothing_new_s"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            summary = build(Project.load(config, environ={}))
            assert not summary.errors, summary.errors
            out["fetch.build_after_fetch_s"] = time.perf_counter() - t0
    finally:
        server.stop()
    return out
