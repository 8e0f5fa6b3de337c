"""Write a synthetic project of N units × K indicators for scaling benchmarks.

It is a generic index (not HTI): a wide CSV of units × indicators, a registry, a
metadata tree (indicators → 10 areas → 4 groups → index) and an hti.toml using the
built-in generic table adapter. Values are random with ~3 % missing cells, written
with decimal commas and semicolons as a Swedish export would be.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

AREAS = 10
GROUPS = 4

TOML = """\
# SYNTHETIC scaling benchmark: {units} units × {indicators} indicators (benchmarks/scaled.py)
schema = 1
[index]
id = "scaled"
name = "Scaled synthetic index"
years = [2024]
unit_label = "unit"
unit_label_plural = "units"
[units]
registry = "units.csv"
[paths]
raw = "."
observations = "build/observations"
results = "build/results"
quality = "build/quality"
[plugins]
directories = []
entry_points = false
[sources.scaled]
adapters = {{ 2024 = "generic_table" }}
paths = {{ 2024 = "data.csv" }}
[sources.scaled.options]
unit_column = "code"
skip_columns = ["name"]
[tree]
root = "index"
root_name = "Scaled index"
metadata = "meta.csv"
metadata_source = "scaled"
[method]
normalisation = "minmax"
penalise_statuses = []
[sensitivity]
runs = {runs}
normalisations = ["minmax", "zscore", "rank"]
[ui]
language = "en"
"""


def write_project(dest: Path, units: int, indicators: int = 70, seed: int = 7,
                  runs: int = 20) -> Path:
    """Write the project into ``dest``; returns its hti.toml."""
    rng = np.random.default_rng(seed)
    dest.mkdir(parents=True, exist_ok=True)
    codes = [f"U{i:07d}" for i in range(units)]
    (dest / "units.csv").write_text(
        "kommun_kod,kommun_namn\n" + "".join(f"{c},Unit {c}\n" for c in codes), encoding="utf-8")
    latent = rng.normal(size=(units, 1))
    values = 50 + 15 * (0.6 * latent + 0.8 * rng.normal(size=(units, indicators)))
    text = np.char.replace(np.char.mod("%.1f", values), ".", ",")
    text[rng.random(size=text.shape) < 0.03] = ".."
    ids = [f"i{j:03d}" for j in range(indicators)]
    lines = [";".join(["code", "name", *ids])]
    lines += [";".join([c, f"Unit {c}", *row]) for c, row in zip(codes, text.tolist())]
    (dest / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = ["Level,iCode,iName,Direction,Weight,Parent"]
    meta += [f"1,{i},Indicator {i},{1 if j % 5 else -1},1,area{j % AREAS}"
             for j, i in enumerate(ids)]
    meta += [f"2,area{a},Area {a},1,1,group{a % GROUPS}" for a in range(AREAS)]
    meta += [f"3,group{g},Group {g},1,{2 if g == 2 else 1},index" for g in range(GROUPS)]
    meta += ["4,index,Index,1,1,"]
    (dest / "meta.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    config = dest / "hti.toml"
    config.write_text(TOML.format(units=units, indicators=indicators, runs=runs),
                      encoding="utf-8")
    return config
