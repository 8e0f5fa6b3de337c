"""Issue 8 on the shipped project: the ranking rule, imputation, penalties, result groups,
context indicators — and every bad config named with its hti.toml key and line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from hti_tui.errors import ConfigError, HtiError
from hti_tui.pipeline import build
from hti_tui.pipeline.model import assemble
from hti_tui.pipeline.validate import validate
from hti_tui.project import Project
from hti_tui.query import flags as q_flags
from hti_tui.query import kommun as q_kommun
from hti_tui.query import ranking as q_ranking
from hti_tui.query.context import Index
from hti_tui.query.ranking import RankQuery
from tests.conftest import copy_project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return k
    raise AssertionError(needle)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Index:
    toml = copy_project(tmp_path_factory.mktemp("fair"))
    ix = Index.open(toml)
    summary = build(ix.project)
    assert not summary.errors, summary.errors
    return ix


def _survey_observed(ix: Index, year: int) -> np.ndarray:
    data = ix.data(year)
    return data.observed[:, data.node("utforande")]


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_no_kommun_without_observed_utforande_is_ranked(shipped: Index, year: int) -> None:
    rows = q_ranking.rank(shipped, RankQuery(year=year))
    data = shipped.data(year)
    need = shipped.model.methods.min_coverage
    for r in rows:
        u = data.unit(r.kommun_kod)
        share = data.observed[u, data.node("utforande")]
        if share < need:
            assert not r.ranked and r.rank is None and r.resultatgrupp is None
            assert r.unranked_reason and r.unranked_reason.startswith("ej rankad — ")
        assert r.ranked == (r.rank is not None)
    unranked = [r for r in rows if not r.ranked]
    assert unranked, "the shipped data have suppressed surveys"
    assert all(r.index is not None or r.unranked_reason for r in unranked)


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_top_29_hold_no_more_gap_filled_kommuner_than_their_share(shipped: Index,
                                                                  year: int) -> None:
    """Re-weighted or imputed delindex must not crowd the top (their share predicts)."""
    rows = q_ranking.rank(shipped, RankQuery(year=year))
    # a delindex re-weighted away (no score: the index is the mean of the others) or imputed
    filled = [any(v is None for v in r.delindex.values()) or bool(r.imputed) for r in rows]
    share = sum(filled) / len(rows)
    top = [f for r, f in zip(rows, filled) if r.rank is not None and r.rank <= 29]
    assert len(top) == 29
    assert sum(top) <= share * 29 + 1e-9


def test_survey_reason_and_json_fields(shipped: Index, tmp_path: Path) -> None:

    rows = [r.as_dict() for r in q_ranking.rank(shipped, RankQuery(year=2024))]
    for key in ("ranked", "unranked_reason", "coverage", "observed_share", "imputed"):
        assert all(key in r for r in rows)
    reasons = {r["unranked_reason"] for r in rows if not r["ranked"]}
    assert "ej rankad — för få svar i brukarundersökningen" in reasons
    view = q_kommun.kommun(shipped, next(r["kommun_kod"] for r in rows if not r["ranked"]), 2024)
    assert not view.is_ranked and view.rank is None and view.index is not None
    assert view.unranked_reason in reasons


def test_context_indicators_are_shown_never_weighted(shipped: Index) -> None:
    model = shipped.model
    assert {"bu_halsa", "bu_ensamhet", "bu_angslan", "halsa_gemenskap"} <= model.context
    view = q_kommun.kommun(shipped, "Stockholm", 2024)
    ctx = [i for i in view.indicators if i.id in ("bu_halsa", "bu_ensamhet", "bu_angslan")]
    assert len(ctx) == 3 and all(i.role == "context" and i.weight == 0 for i in ctx)
    assert all(i.contribution in (0.0, None) for i in ctx)
    assert any(i.score is not None for i in ctx)  # shown: they still have scores


def test_result_groups_are_sd_and_only_ranked_kommuner_get_one(shipped: Index) -> None:
    rows = q_ranking.rank(shipped, RankQuery(year=2024))
    groups = [r.group for r in rows if r.ranked]
    assert all(r.group == -1 for r in rows if not r.ranked)
    sizes = np.bincount(groups, minlength=5)
    assert sizes[4] < 40 and sizes[2] == sizes.max()  # not quintiles
    assert shipped.model.methods.groups.method == "sd"


def test_impute_method_flags_every_imputed_cell(tmp_path: Path) -> None:
    toml = copy_project(tmp_path)
    _edit(toml, 'missing = "reweight"', 'missing = "impute"')
    _edit(toml, 'statuses = {}', 'statuses = { not_applicable = "none" }')
    f = Index.open(toml)
    assert not build(f.project).errors
    data = f.data(2024)
    imputed = data.status == "imputed"
    assert imputed.any()
    assert (data.imputation[imputed] == "median").all()
    assert np.isnan(data.raw[imputed]).all() and ~np.isnan(data.input[imputed]).all()
    rows = q_ranking.rank(f, RankQuery(year=2024))
    assert any(r.imputed for r in rows)
    # imputed cells are not observed: the ranking rule still holds
    assert all(not r.ranked for r in rows if "utforande" in r.imputed
               and r.observed_share < 1 and r.delindex["utforande"] is not None
               and data.observed[data.unit(r.kommun_kod), data.node("utforande")] < 0.5)
    # what the query layer recomputes is what the build wrote
    c = f.computed(2024)
    np.testing.assert_allclose(c.index, data.index, equal_nan=True)


def test_penalties_per_source_and_status(tmp_path: Path) -> None:
    toml = copy_project(tmp_path)
    _edit(toml, "[method.penalties]\n", "[method.penalties]\noppna_jamforelser = "
          '{ not_reported = "worst" }\n')
    f = Index.open(toml)
    assert not build(f.project).errors
    data = f.data(2024)
    pen = data.penalty[:, : f.model.tree.n_indicators]
    names = set(pen[pen != None].tolist())  # noqa: E711
    assert names <= {"worst", "p10"}
    c = f.computed(2024)
    np.testing.assert_allclose(c.index, data.index, equal_nan=True)


@pytest.mark.parametrize("old,new,key,needle", [
    ('method = "median"', 'method = "mode"', "method.impute.method", 'method = "mode"'),
    ('sd_k = [0.5, 1.5]', 'sd_k = [0.0, 1.5]', "method.result_groups.sd_k", "sd_k ="),
    ('penalty = "p10"', 'penalty = "half"', "method.penalty", 'penalty = "half"'),
])
def test_bad_method_config_names_key_and_line(tmp_path: Path, old: str, new: str, key: str,
                                              needle: str) -> None:
    toml = copy_project(tmp_path, with_raw=False)
    _edit(toml, old, new)
    with pytest.raises(ConfigError) as info:
        Project.load(toml)
    assert info.value.key == key and info.value.line == _line(toml, needle)


def test_group_column_missing_from_registry(tmp_path: Path) -> None:
    toml = copy_project(tmp_path)
    _edit(toml, 'missing = "reweight"', 'missing = "impute"')
    _edit(toml, 'method = "median"', 'method = "group_median"')
    _edit(toml, 'group = "kommungrupp"', 'group = "landskap"')
    project = Project.load(toml)
    notes = [n for n in validate(project) if n.severity == "error"]
    assert any("group column 'landskap'" in n.message for n in notes)
    summary = build(project)
    err = summary.errors[0]
    assert isinstance(err, ConfigError) and err.key == "method.impute.group"
    assert err.line == _line(toml, 'group = "landskap"')


def test_required_node_that_does_not_exist(tmp_path: Path) -> None:
    toml = copy_project(tmp_path, with_raw=False)
    _edit(toml, "[tree]\n", '[tree]\nrequired = ["utforandet"]\n')
    with pytest.raises(ConfigError) as info:
        assemble(Project.load(toml))
    assert info.value.key == "tree.required" and "utforandet" in str(info.value)
    assert info.value.line == _line(toml, 'required = ["utforandet"]')


def test_required_context_node_is_refused(tmp_path: Path) -> None:
    toml = copy_project(tmp_path, with_raw=False)
    _edit(toml, "[tree]\n", '[tree]\nrequired = ["halsa_gemenskap"]\n')
    with pytest.raises(HtiError, match="context"):
        assemble(Project.load(toml))


def test_cli_rank_json_rows(shipped: Index, capsys: pytest.CaptureFixture[str]) -> None:
    from hti_tui.cli.main import main

    code = main(["--config", str(shipped.config.path), "rank", "--year", "2024",
                 "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"ranked", "unranked_reason", "coverage", "observed_share", "imputed"} <= set(rows[0])
    assert any(not r["ranked"] for r in rows)


def test_penalised_values_and_their_cost_are_stated(shipped: Index,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from hti_tui.cli.main import main

    data = shipped.data(2024)
    n_ind = shipped.model.tree.n_indicators
    hit = [u for u in range(len(data.unit_ids))
           if any(p is not None for p in data.penalty[u, :n_ind])]
    assert hit, "the shipped data have kommuner that did not report"
    code = data.unit_ids[hit[0]]
    view = q_kommun.kommun(shipped, code, 2024)
    assert view.penalty_cost is not None and view.penalised
    assert any(r.penalty == "p10" for r in view.indicators)
    free = q_flags.penalty_costs(shipped, 2024)
    assert free[hit[0]] == pytest.approx(view.penalty_cost)
    assert main(["--config", str(shipped.config.path), "show", code, "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "straffade värden" in out and "indexpoäng mot omviktning" in out
    assert main(["--config", str(shipped.config.path), "notes", "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert any("penalised (did not report)" in str(n) and code in str(n) for n in notes)


def test_interval_result_groups_from_the_rank_intervals(tmp_path: Path) -> None:
    from hti_tui.data.parquet_store import read_table
    from hti_tui.pipeline import layout

    toml = copy_project(tmp_path)
    _edit(toml, 'method = "sd"', 'method = "interval"')
    _edit(toml, "runs = 1000", "runs = 60")
    f = Index.open(toml)
    assert not build(f.project).errors
    rows = q_ranking.rank(f, RankQuery(year=2024))
    unc = read_table(layout.uncertainty_path(f.config, 2024)).to_pylist()
    interval = {u["unit_id"]: (u["low"], u["high"]) for u in unc}
    n = sum(r.ranked for r in rows)
    assert all(r.group == -1 for r in rows if not r.ranked)
    groups = [r.group for r in rows if r.ranked]
    assert set(groups) <= {0, 1, 2, 3, 4} and 2 in groups
    for r in (r for r in rows if r.ranked):
        lo, hi = interval[r.kommun_kod]
        if r.group == 4:
            assert hi <= 0.2 * n + 1e-6  # the whole interval in the top fifth
        if r.group == 0:
            assert lo > 0.8 * n - 1e-6
        if r.group in (3, 4):
            assert hi < (n + 1) / 2
        if r.group in (0, 1):
            assert lo > (n + 1) / 2
