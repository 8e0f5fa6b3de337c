"""Terminal UI timings at 160×50, headless, on the shipped project and on 10,000 units.

First paint is measured in a fresh process (Python start-up, imports, loading the
results, painting the ranking); sort, search and opening a kommun in one running app,
each including the redraw (the pilot waits until the screen has processed the change).
Each figure is the median of several repetitions.

First paint runs with compiled bytecode, as an installed hti starts (pip compiles it;
an editable install writes it on the first start): each fresh process gets the same
``PYTHONPYCACHEPREFIX`` and one untimed start fills it, for hti and for the floor alike.
Without it (``PYTHONDONTWRITEBYTECODE`` set, as on the project's machines) every start
compiles hti's sources again; ``tui.first_paint_compiling_s`` is that figure.

Opening a kommun is timed on three different kommuner (the screen keeps the views it has
shown, so the same kommun again is a second figure, ``tui.reopen_kommun_net_s``). Opening
is CPU-bound, so its CPU time (the process's, all threads, net of a no-op key's:
``tui.open_kommun_cpu_net_s``) reads about what the wall clock says on an idle machine,
and stays readable when the machine is shared.

Beside the wall clock, each fresh process reports the CPU it used up to the paint (user +
system, all threads: ``tui.first_paint_cpu_s``) and how many modules it had imported
(``tui.first_paint_modules_count``): both move far less with the machine's load than the
wall clock, which on a shared 2-core machine moves 2× (the ratio of the CPU figures to the
floor's is ``tui.first_paint_cpu_vs_floor_ratio``; the target is on the wall clock).

Textual's test pilot itself takes time per key (posting the event, waiting for the app to
be idle, a pause): ``tui.pilot_noop_key_s`` measures a key that does nothing. The targets
apply to the ``*_net_s`` figures, which subtract that floor, because a person at a terminal
does not pay it; the raw figures are printed too.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (160, 50)

TARGETS: dict[str, float] = {
    "tui.first_paint_s": 0.6,
    "tui.first_paint_vs_floor_ratio": 1.5,
    "tui.sort_net_s": 0.050,
    "tui.search_keystroke_net_s": 0.050,
    "tui.open_kommun_net_s": 0.150,
    "tui.sort_10000_units_net_s": 0.150,
}

#: the floor for first paint: a bare Textual app (no hti) painting a 290-row DataTable of
#: 11 columns in a fresh process — Python, Textual's import and its first layout
#: the CPU (user + system, every thread) a process has used so far
CPU = """
import resource
def _cpu():
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime
"""

FLOOR_PAINT = CPU + """
import time, sys
t0 = time.perf_counter()
import asyncio
from textual.app import App
from textual.widgets import DataTable, Footer

class Bare(App):
    def compose(self):
        yield DataTable(zebra_stripes=True)
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns(*[f"col{i}" for i in range(11)])
        for r in range(290):
            table.add_row(str(r + 1), f"Kommun {r}", "Västra Götalands län",
                          *[f"{(r * 7 + c) % 100},{c}" for c in range(8)])
        self.painted = True

async def main():
    app = Bare()
    app.painted = False
    async with app.run_test(size=(160, 50)) as pilot:
        while not app.painted:
            await pilot.pause(0.005)
        await pilot.pause()
        print(time.perf_counter() - t0, _cpu(), len(sys.modules))
asyncio.run(main())
"""

FIRST_PAINT = CPU + """
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
        print(time.perf_counter() - t0, _cpu(), len(sys.modules))
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


def first_paint(config: Path | None, repeat: int = 3, script: str = FIRST_PAINT,
                bytecode: Path | None = None) -> float:
    """Median seconds from a fresh process's start to the painted screen; with
    ``bytecode`` (a folder) the processes share compiled bytecode, filled by one untimed run."""
    return first_paint_figures(config, repeat, script, bytecode)[0]


def first_paint_figures(config: Path | None, repeat: int = 3, script: str = FIRST_PAINT,
                        bytecode: Path | None = None) -> tuple[float, float, int]:
    """Medians of (seconds to the paint, CPU seconds used by then, modules imported by
    then) over ``repeat`` fresh processes (see :func:`first_paint`)."""
    env = dict(os.environ)
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    args = [str(config)] if config is not None else []
    runs: list[tuple[float, float, int]] = []
    for i in range(repeat + (bytecode is not None)):
        done = subprocess.run([sys.executable, "-c", script, *args], check=True,
                              capture_output=True, text=True, env=env)
        if bytecode is None or i > 0:
            wall, cpu, modules = done.stdout.strip().splitlines()[-1].split()
            runs.append((float(wall), float(cpu), int(modules)))
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            int(statistics.median(r[2] for r in runs)))


async def _timed(pilot, *keys: str, cpu: list[float] | None = None) -> float:
    t0, c0 = time.perf_counter(), time.process_time()
    await pilot.press(*keys)
    await pilot.pause()
    if cpu is not None:
        cpu.append(time.process_time() - c0)
    return time.perf_counter() - t0


async def interactions(config: Path, *, kommun: bool = True) -> dict[str, float]:
    from hti_tui.tui.app import HtiApp
    from hti_tui.tui.screens.ranking import RankingScreen

    app = HtiApp(config)
    out: dict[str, list[float]] = {"noop": [], "sort": [], "search": [], "open": [],
                                   "noop_cpu": [], "open_cpu": [], "reopen_cpu": []}
    async with app.run_test(size=SIZE) as pilot:
        while not (isinstance(app.screen, RankingScreen) and app.screen.shown):
            await pilot.pause(0.01)
        for _ in range(8):
            out["noop"].append(await _timed(pilot, "z", cpu=out["noop_cpu"]))  # bound to nothing
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
            for name in ("open", "open", "open", "reopen", "reopen"):
                if name == "open":
                    await pilot.press("down")  # another kommun each time
                    await pilot.pause()
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press("enter")
                while getattr(app.screen, "loaded", None) is None:
                    await pilot.pause(0.002)
                await pilot.pause()
                out.setdefault(name, []).append(time.perf_counter() - t0)
                out[f"{name}_cpu"].append(time.process_time() - c0)
                await pilot.press("escape")
                await pilot.pause()
    return {k: statistics.median(v) for k, v in out.items() if v}


def run() -> dict[str, float]:
    from benchmarks.scaled import write_project
    from hti_tui.cli.main import main

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        config = _copy_and_build(Path(tmp))
        bytecode = Path(tmp) / "bytecode"
        wall, cpu, modules = first_paint_figures(config, bytecode=bytecode)
        floor_wall, floor_cpu, floor_modules = first_paint_figures(None, script=FLOOR_PAINT,
                                                                   bytecode=bytecode)
        results["tui.first_paint_s"] = wall
        results["tui.first_paint_floor_s"] = floor_wall
        results["tui.first_paint_vs_floor_ratio"] = wall / floor_wall
        results["tui.first_paint_cpu_s"] = cpu
        results["tui.first_paint_floor_cpu_s"] = floor_cpu
        results["tui.first_paint_cpu_vs_floor_ratio"] = cpu / floor_cpu
        results["tui.first_paint_modules_count"] = modules
        results["tui.first_paint_floor_modules_count"] = floor_modules
        results["tui.first_paint_compiling_s"] = first_paint(config)
        timings = asyncio.run(interactions(config))
        floor = timings["noop"]
        results["tui.pilot_noop_key_s"] = floor
        for key, name in (("sort", "sort"), ("search", "search_keystroke"),
                          ("open", "open_kommun"), ("reopen", "reopen_kommun")):
            results[f"tui.{name}_s"] = timings[key]
            results[f"tui.{name}_net_s"] = max(timings[key] - floor, 0.0)
        for key, name in (("open", "open_kommun"), ("reopen", "reopen_kommun")):
            results[f"tui.{name}_cpu_net_s"] = max(
                timings[f"{key}_cpu"] - timings["noop_cpu"], 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        config = write_project(Path(tmp), 10_000, runs=20)
        if _quiet(main, ["--config", str(config), "build", "--json"]) != 0:
            raise SystemExit("the scaled project does not build")
        results["tui.first_paint_10000_units_s"] = first_paint(config, repeat=1)
        big = asyncio.run(interactions(config, kommun=False))
        results["tui.sort_10000_units_s"] = big["sort"]
        results["tui.sort_10000_units_net_s"] = max(big["sort"] - big["noop"], 0.0)
    return results
