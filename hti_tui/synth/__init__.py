"""``hti synth``: the seeded synthetic data set, in the shapes the publishers use.

The values are generated, never published ones, and every file says so (a title row,
a ``#`` line, a JSON key) and is listed in ``SYNTHETIC.json``. The same seed gives
byte-identical files, so the shipped data set can be checked and regenerated.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import numpy as np

from hti_tui.data.registry import load_registry
from hti_tui.project.config import Config
from hti_tui.synth import registers, survey
from hti_tui.synth.latent import draw
from hti_tui.synth.units import Units

GENERATOR_VERSION = "1.0"
MANIFEST = "SYNTHETIC.json"

Writer = Callable[..., None]

#: adapter id (as in hti.toml) → (writer, path template under the raw directory)
FORMATS: dict[str, tuple[Writer, str]] = {
    "brukarundersokning_2022": (partial(survey.write_brukarundersokning, layout="2022"),
                                "{year}/brukarundersokning_hemtjanst_{year}.xlsx"),
    "brukarundersokning_2024": (partial(survey.write_brukarundersokning, layout="2024"),
                                "{year}/brukarundersokning_hemtjanst_{year}.xlsx"),
    "oppna_jamforelser_xlsx": (survey.write_oppna_jamforelser,
                               "{year}/oppna_jamforelser_aldreomsorg_{year}.xlsx"),
    "kolada_json_v3": (registers.write_kolada_json, "{year}/kolada_{year}.json"),
    "kolada_csv_export": (registers.write_kolada_csv, "{year}/kolada_export_{year}.csv"),
    "senior_alert_csv": (registers.write_senior_alert, "{year}/senior_alert_{year}.csv"),
    "webbgranskning_csv": (registers.write_webbgranskning, "{year}/webbgranskning_{year}.csv"),
}


def _units(config: Config) -> Units:
    reg = load_registry(config.units.registry, config.units.columns, config.units.code_changes)
    t = reg.table
    return Units(reg.ids, reg.names, [r or "" for r in t.column("region_id").to_pylist()],
                 [r or "" for r in t.column("region").to_pylist()])


def plan(config: Config, years: Iterable[int]) -> list[tuple[str, int, str]]:
    """(source, data year, adapter id) of every file the generator knows how to write."""
    wanted = set(years)
    return [(source, year, adapter) for source, cfg in config.sources.items()
            for year, adapter in sorted(cfg.adapters.items())
            if year in wanted and adapter in FORMATS]


def generate(config: Config, out_dir: Path | None = None, seed: int | None = None,
             years: Iterable[int] | None = None) -> list[Path]:
    """Write the raw files and ``SYNTHETIC.json``; returns the files written."""
    out = out_dir or config.paths.raw
    seed = config.synthetic.seed if seed is None else seed
    years = tuple(sorted(years or config.synthetic.years or config.index.years))
    units = _units(config)
    span = tuple(range(min(years), max(years) + 1))
    latent = draw(np.random.default_rng([seed, 0]), span, len(units))
    written: list[Path] = []
    for source, year, adapter in plan(config, years):
        writer, template = FORMATS[adapter]
        path = out / template.format(year=year)
        rng = np.random.default_rng([seed, zlib.crc32(source.encode()), year])
        writer(path, rng, latent, units, year)
        written.append(path)
    files = [{"path": p.relative_to(out).as_posix(), "synthetic": True,
              "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in written]
    manifest = {"generator": "hti synth", "generator_version": GENERATOR_VERSION, "seed": seed,
                "synthetic": True, "years": list(years), "files": files,
                "note": "SYNTETISKA DATA: every file listed here holds generated values, not "
                        "published ones."}
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                encoding="utf-8")
    return written
