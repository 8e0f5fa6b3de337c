"""``hti synth``: the seeded synthetic data set, in the shapes the publishers use.

The values are generated, never published ones, and every file says so (a title row,
a ``#`` line, a JSON key) and is listed in ``SYNTHETIC.json``. The same seed gives
byte-identical files, so the shipped data set can be checked and regenerated.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from hti_tui.data.registry import load_registry
from hti_tui.errors import UsageError
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
    pop80 = None
    if "folkmangd_80plus" in t.column_names:
        try:
            counts: list[Any] = t.column("folkmangd_80plus").to_pylist()  # a CSV column
            pop80 = np.asarray([float(v) for v in counts])
        except (TypeError, ValueError):  # a registry without the real counts: drawn sizes
            pop80 = None
    return Units(reg.ids, reg.names, [r or "" for r in t.column("region_id").to_pylist()],
                 [r or "" for r in t.column("region").to_pylist()], pop80)


def plan(config: Config, years: Iterable[int]) -> list[tuple[str, int, str]]:
    """(source, data year, adapter id) of every file the generator knows how to write."""
    wanted = set(years)
    return [(source, year, adapter) for source, cfg in config.sources.items()
            for year, adapter in sorted(cfg.adapters.items())
            if year in wanted and adapter in FORMATS]


def manifest_problems(raw_dir: Path, language: str = "en") -> list[tuple[str, str]]:
    """(path, problem) for every file ``SYNTHETIC.json`` lists that is missing or differs
    from its recorded sha256 — a raw file someone edited or a half-written data set. The
    problem is said in ``language``."""
    sv = language == "sv"
    manifest = raw_dir / MANIFEST
    if not manifest.is_file():
        return []
    try:
        files = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except ValueError as exc:
        return [(MANIFEST, f"inte giltig JSON ({exc})" if sv else f"not valid JSON ({exc})")]
    out = []
    for entry in files:
        path = raw_dir / str(entry.get("path", ""))
        if not path.is_file():
            out.append((str(entry.get("path")), "finns i SYNTHETIC.json men saknas" if sv else
                        "listed in SYNTHETIC.json but missing"))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
            out.append((str(entry.get("path")), "skiljer sig från sha256 i SYNTHETIC.json: "
                        "ändrad, ersatt eller halvskriven sedan `hti synth` skrev den" if sv else
                        "differs from the sha256 SYNTHETIC.json "
                        "records: edited, replaced or half-written since `hti synth` wrote it"))
    return out


def generate(config: Config, out_dir: Path | None = None, seed: int | None = None,
             years: Iterable[int] | None = None, force: bool = False) -> list[Path]:
    """Write the raw files and ``SYNTHETIC.json``; returns the files written.

    Atomic in effect: everything is generated into a temporary directory beside the target
    first, so a failure leaves the target untouched; then each file is moved into place
    (``os.replace``, atomic per file) and the manifest last. Writing into the project's raw
    directory (no ``out_dir``) refuses to overwrite files that differ from what
    ``SYNTHETIC.json`` records (real or edited data) unless ``force``.
    """
    out = out_dir or config.paths.raw
    seed = config.synthetic.seed if seed is None else seed
    years = tuple(sorted(years or config.synthetic.years or config.index.years))
    units = _units(config)
    span = tuple(range(min(years), max(years) + 1))
    targets = [(source, year, adapter, FORMATS[adapter][1].format(year=year))
               for source, year, adapter in plan(config, years)]
    if out_dir is None and not force:
        _refuse_overwrite(out, [t[3] for t in targets])
    latent = draw(np.random.default_rng([seed, 0]), span, len(units), units.population_80)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".hti-synth-", dir=out.parent) as tmp_name:
        tmp = Path(tmp_name)
        for source, year, adapter, rel in targets:
            writer = FORMATS[adapter][0]
            rng = np.random.default_rng([seed, zlib.crc32(source.encode()), year])
            writer(tmp / rel, rng, latent, units, year)
        files = [{"path": rel, "synthetic": True,
                  "sha256": hashlib.sha256((tmp / rel).read_bytes()).hexdigest()}
                 for *_, rel in targets]
        manifest = {"generator": "hti synth", "generator_version": GENERATOR_VERSION,
                    "seed": seed, "synthetic": True, "years": list(years), "files": files,
                    "calibration": CALIBRATION,
                    "note": "SYNTETISKA DATA: every file listed here holds generated values, "
                            "not published ones."}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
        written = []
        for *_, rel in targets:
            dest = out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp / rel, dest)
            written.append(dest)
        os.replace(tmp / MANIFEST, out / MANIFEST)
    return written


def _refuse_overwrite(out: Path, rels: list[str]) -> None:
    """A UsageError when a file about to be overwritten is not the generator's own."""
    known: dict[str, str] = {}
    manifest = out / MANIFEST
    if manifest.is_file():
        try:
            known = {str(f["path"]): str(f["sha256"]) for f in
                     json.loads(manifest.read_text(encoding="utf-8")).get("files", [])}
        except (ValueError, KeyError, TypeError):
            known = {}
    foreign = [rel for rel in rels if (out / rel).is_file() and
               hashlib.sha256((out / rel).read_bytes()).hexdigest() != known.get(rel)]
    if foreign:
        raise UsageError(f"{len(foreign)} raw file(s) differ from what SYNTHETIC.json records "
                         f"(e.g. {foreign[0]}): they may be real or edited data",
                         hint="use --out DIR to write elsewhere, or --force to overwrite",
                         sv=f"{len(foreign)} råfil(er) skiljer sig från det SYNTHETIC.json "
                            f"anger (t.ex. {foreign[0]}): de kan vara verkliga eller ändrade data",
                         sv_hint="skriv någon annanstans med --out KATALOG, eller skriv över "
                                 "med --force")


#: What the generator is calibrated to (stated in SYNTHETIC.json; docs/FORMATS.md explains).
CALIBRATION = {
    "respondents": "grow with the real population aged 80+ (datasets/reference/kommuner.csv, "
                   "folkmangd_80plus): users ≈ 0.24 × population 80+ (±15 % per kommun), "
                   "response rate 45–55 % a year; fewer than 30 respondents (suppressed, "
                   "also in Kolada U21468) only in the smallest kommuner",
    "spread": "latent factors with SD 0.32 around a level of 0.5 (survey items react 2.5 "
              "times as strongly as register items), so the index spans about "
              "the published 55–84 with SD ≈ 4–5; no kommun's published result is imitated",
    "blind": "the latent quality is drawn by position from the seed alone: blind to names, "
             "codes, population and kommungrupp",
    "seed": "chosen among candidate seeds so that the synthetic ranks correlate as little as "
            "possible with population, kommungrupp and code order (they resemble no real "
            "ranking)",
}
