"""Terminal UI timings at 160×50, headless, on the shipped project and on 10,000 units.

First paint is measured in a fresh process (Python start-up, imports, loading the
results, painting the ranking); sort, search and opening a kommun in one running app,
each including the redraw (the pilot waits until the screen has processed the change).
Each figure is the median of several repetitions.

Textual's test pilot itself takes time per key (posting the event, waiting for the app to
be idle, a pause): ``tui.pilot_noop_key_s`` measures a key that does nothing. The targets
apply to the ``*_net_s`` figures, which subtract that floor, because a person at a terminal
does not pay it; the raw figures are printed too.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (160, 50)

TARGETS: dict[str, float] = {
    "tui.first_paint_s": 1.0,
    "tui.sort_net_s": 0.150,
    "tui.search_keystroke_net_s": 0.150,
    "tui.open_kommun_net_s": 0.250,
    "tui.sort_10000_units_net_s": 0.300,
}

FIRST_PAINT = """
import time, sys
t0 = time.perf_counter()
import asyncio
from pathlib import Path
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.ranking import RankingScreen

async def main():
    app = HtiApp(Path(sys.argv[1]))
    async with app.run_test(size=(160, 50)) as pilot:
        while not (isinstance(app.screen, RankingScreen) and app.screen.shown):
            await pilot.pause(0.005)
        await pilot.pause()
        print(time.perf_counter() - t0)
asyncio.run(main())
"""


def _quiet(fn, argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(argv)


def _copy_and_build(dest: Path) -> Path:
    from benchmarks.pipeline_bench import _copy_project
    from hti_tui.cli.main import main

    config = _copy_project(dest)
    if _quiet(main, ["--config", str(config), "build", "--json"]) != 0:
        raise SystemExit("the shipped project does not build")
    return config


def first_paint(config: Path, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(config)], check=True,
                              capture_output=True, text=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


async def _timed(pilot, *keys: str) -> float:
    t0 = time.perf_counter()
    await pilot.press(*keys)
    await pilot.pause()
    return time.perf_counter() - t0


async def interactions(config: Path, *, kommun: bool = True) -> dict[str, float]:
    from hti_tui.tui.app import HtiApp
    from hti_tui.tui.screens.ranking import RankingScreen

    app = HtiApp(config)
    out: dict[str, list[float]] = {"noop": [], "sort": [], "search": [], "open": []}
    async with app.run_test(size=SIZE) as pilot:
        while not (isinstance(app.screen, RankingScreen) and app.screen.shown):
            await pilot.pause(0.01)
        for _ in range(8):
            out["noop"].append(await _timed(pilot, "z"))  # bound to nothing
        for _ in range(5):
            out["sort"].append(await _timed(pilot, "n"))
            out["sort"].append(await _timed(pilot, "r"))
        if kommun:
            await pilot.press("slash")
            for key in "orebro":
                out["search"].append(await _timed(pilot, key))
            for _ in range(6):
                out["search"].append(await _timed(pilot, "backspace"))
            await pilot.press("enter")  # back to the table
            await pilot.pause()
            for _ in range(3):
                t0 = time.perf_counter()
                await pilot.press("enter")
                while getattr(app.screen, "loaded", None) is None:
                    await pilot.pause(0.002)
                await pilot.pause()
                out["open"].append(time.perf_counter() - t0)
                await pilot.press("escape")
                await pilot.pause()
    return {k: statistics.median(v) for k, v in out.items() if v}


def run() -> dict[str, float]:
    from benchmarks.scaled import write_project
    from hti_tui.cli.main import main

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        config = _copy_and_build(Path(tmp))
        results["tui.first_paint_s"] = first_paint(config)
        timings = asyncio.run(interactions(config))
        floor = timings["noop"]
        results["tui.pilot_noop_key_s"] = floor
        for key, name in (("sort", "sort"), ("search", "search_keystroke"),
                          ("open", "open_kommun")):
            results[f"tui.{name}_s"] = timings[key]
            results[f"tui.{name}_net_s"] = max(timings[key] - floor, 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        config = write_project(Path(tmp), 10_000, runs=20)
        if _quiet(main, ["--config", str(config), "build", "--json"]) != 0:
            raise SystemExit("the scaled project does not build")
        results["tui.first_paint_10000_units_s"] = first_paint(config, repeat=1)
        big = asyncio.run(interactions(config, kommun=False))
        results["tui.sort_10000_units_s"] = big["sort"]
        results["tui.sort_10000_units_net_s"] = max(big["sort"] - big["noop"], 0.0)
    return results
