from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from hti_tui.project.config import load_config
from hti_tui.synth import MANIFEST, generate
from hti_tui.synth.latent import draw

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def config():
    return load_config(REPO / "hti.toml")


@pytest.fixture(scope="module")
def generated(config, tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("raw")
    return out, generate(config, out)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_is_byte_identical(config, generated, tmp_path: Path) -> None:
    out, _ = generated
    again = tmp_path / "again"
    generate(config, again)
    assert _digest(out) == _digest(again)


def test_shipped_raw_files_are_the_seeded_output(generated) -> None:
    """datasets/raw/ is exactly what `hti synth` writes with hti.toml's seed."""
    out, _ = generated
    shipped = {k: v for k, v in _digest(REPO / "datasets" / "raw").items() if k != "FORMATS.md"}
    assert shipped == _digest(out)


def test_another_seed_differs(config, tmp_path: Path) -> None:
    a = generate(config, tmp_path / "a", seed=1, years=[2024])
    b = generate(config, tmp_path / "b", seed=2, years=[2024])
    assert [p.name for p in a] == [p.name for p in b]
    assert any(x.read_bytes() != y.read_bytes() for x, y in zip(a, b))


def test_every_file_is_marked_and_listed(generated) -> None:
    out, files = generated
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    listed = {f["path"]: f for f in manifest["files"]}
    assert len(files) == 17  # Kolada and Senior Alert also write 2021 (lagged measures)
    for path in files:
        entry = listed[path.relative_to(out).as_posix()]
        assert entry["synthetic"] is True
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        if path.suffix == ".xlsx":
            rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(
                values_only=True))
            text = " ".join(str(c) for r in rows[:6] for c in r if c)
        elif path.suffix == ".json":
            assert json.loads(path.read_text(encoding="utf-8"))["hti_synthetic"] is True
            continue
        else:
            text = path.read_bytes()[:300].decode("cp1252" if "senior" in path.name
                                                  else "utf-8-sig")
        assert "SYNTETISKA DATA" in text, path


def _sheet(path: Path) -> list[tuple]:
    return list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))


def test_survey_2024_renames_and_reorders(generated) -> None:
    out, _ = generated
    old = _sheet(out / "2022/brukarundersokning_hemtjanst_2022.xlsx")
    new = _sheet(out / "2024/brukarundersokning_hemtjanst_2024.xlsx")
    h_old = next(r for r in old if r[0] == "Kommunkod")
    h_new = next(r for r in new if r[0] == "Län")
    assert "Kommunkod" not in h_new and "Kod" in h_new
    assert h_old[4] != h_new[4]
    assert set(h_old) != set(h_new)


def test_suppression_and_values_in_range(generated) -> None:
    out, _ = generated
    rows = _sheet(out / "2023/brukarundersokning_hemtjanst_2023.xlsx")
    kommuner = [r for r in rows if isinstance(r[0], str) and len(r[0]) == 4 and r[0].isdigit()]
    assert len(kommuner) == 290
    cells = [c for r in kommuner for c in r[4:]]
    assert ".." in cells, "some kommuner have fewer than 30 respondents"
    numbers = [c for c in cells if isinstance(c, (int, float))]
    assert numbers and all(0 <= c <= 100 for c in numbers)
    small = [r for r in kommuner if r[3] < 30]
    assert small and all(c == ".." for r in small for c in r[4:])
    sa = (out / "2022/senior_alert_2022.csv").read_bytes().decode("cp1252")
    assert "\u00a0" in sa, "thousands separated by non-breaking spaces"
    assert "1917;Heby" not in sa and "1917;Heby" in (
        out / "2021/senior_alert_2021.csv").read_bytes().decode("cp1252")


def test_latent_quality_persists_and_correlates() -> None:
    latent = draw(np.random.default_rng(1), (2021, 2022, 2023, 2024), 290)
    q = latent.quality
    assert np.corrcoef(q[0], q[1])[0, 1] > 0.7
    assert np.corrcoef(latent.f("utforande", 2024), latent.f("stod", 2024))[0, 1] > 0.2


def test_indicators_of_one_area_correlate(generated) -> None:
    out, _ = generated
    rows = _sheet(out / "2022/brukarundersokning_hemtjanst_2022.xlsx")
    header = next(r for r in rows if r[0] == "Kommunkod")
    kommuner = [r for r in rows if isinstance(r[0], str) and len(r[0]) == 4
                and isinstance(r[6], float) and isinstance(r[7], float)]
    a = [r[header.index("Personalen bemöter dig på ett bra sätt")] for r in kommuner]
    b = [r[header.index("Förtroende för personalen")] for r in kommuner]
    assert np.corrcoef(a, b)[0, 1] > 0.3


@pytest.mark.parametrize("seed", [19, 25, 29, 33, 34, *range(100, 112)])
def test_many_seeds_never_crash_and_match_their_manifest(config, tmp_path: Path,
                                                          seed: int) -> None:
    from hti_tui.synth import manifest_problems

    files = generate(config, tmp_path, seed=seed)
    assert files and manifest_problems(tmp_path) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hti-synth-")]
    assert not [p for p in tmp_path.parent.iterdir() if p.name.startswith(".hti-synth-")]


def test_respondents_grow_with_the_real_population_80_plus(config) -> None:
    from hti_tui.synth import _units

    units = _units(config)
    assert units.population_80 is not None and (units.population_80 > 0).all()
    latent = draw(np.random.default_rng([config.synthetic.seed, 0]), (2022, 2023, 2024),
                  len(units), units.population_80)
    n = latent.n(2024)
    stockholm = units.ids.index("0180")
    assert n[stockholm] > 2000  # thousands, as in the real survey
    small = n < 30
    assert 0 < small.sum() <= 20  # only a few, and only the smallest kommuner
    assert units.population_80[small].max() < np.quantile(units.population_80, 0.1)
    order = np.argsort(units.population_80)
    assert np.corrcoef(np.log(units.population_80), np.log(n))[0, 1] > 0.9
    assert order.size == len(units)


def test_kolada_u21468_is_suppressed_exactly_when_the_survey_is(config) -> None:
    from hti_tui.synth import _units
    from hti_tui.synth.registers import kolada_values
    from hti_tui.synth.survey import MIN_RESPONDENTS

    units = _units(config)
    latent = draw(np.random.default_rng([7, 0]), (2023, 2024), len(units), units.population_80)
    for year in (2023, 2024):
        rows = kolada_values(np.random.default_rng(year), latent, year)
        total = next(v for kpi, g, v in rows if kpi == "U21468" and g == "T")
        assert (np.isnan(total) == (latent.n(year) < MIN_RESPONDENTS)).all()


def test_latent_quality_is_blind_to_population(config) -> None:
    from hti_tui.synth import _units

    units = _units(config)
    latent = draw(np.random.default_rng([config.synthetic.seed, 0]), (2024,), len(units),
                  units.population_80)
    r = np.corrcoef(latent.quality[0], np.log(units.population_80))[0, 1]
    assert abs(r) < 0.2
    same = draw(np.random.default_rng([config.synthetic.seed, 0]), (2024,), len(units),
                units.population_80[::-1].copy())
    np.testing.assert_array_equal(latent.quality, same.quality)  # sizes never move quality


def test_synth_refuses_to_overwrite_changed_raw_files(tmp_path: Path) -> None:
    from hti_tui.errors import UsageError
    from hti_tui.pipeline.validate import validate
    from hti_tui.project import Project
    from tests.conftest import copy_project

    toml = copy_project(tmp_path)
    cfg = load_config(toml)
    target = cfg.paths.raw / "2024/webbgranskning_2024.csv"
    target.write_bytes(target.read_bytes() + b"0180,Stockholm,2024-09-01\n")
    notes = [n for n in validate(Project.load(toml)) if n.code == "manifest"]
    assert notes and notes[0].severity == "error" and "webbgranskning_2024" in notes[0].file
    with pytest.raises(UsageError, match=r"differ from what SYNTHETIC\.json records"):
        generate(cfg)
    assert b"2024-09-01\n" in target.read_bytes()[-30:]  # untouched
    generate(cfg, force=True)
    assert not [n for n in validate(Project.load(toml)) if n.code == "manifest"]
