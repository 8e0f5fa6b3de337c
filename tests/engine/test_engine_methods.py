"""Methods / GroupRule / IndicatorParams: validation and construction from hti.toml."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from hti_tui.engine.model import GroupRule, IndicatorParams, Methods
from hti_tui.errors import ModelError


def test_defaults_are_hti_toml_defaults() -> None:
    m = Methods()
    assert (m.normalisation, m.aggregation, m.missing) == ("goalposts", "arithmetic", "reweight")
    assert m.min_coverage == 0.5 and m.outliers == "none" and m.zero_floor is None
    assert m.groups == GroupRule("quantiles", (0.2, 0.4, 0.6, 0.8))


@pytest.mark.parametrize(("field", "valid_one"), [
    ("normalisation", "goalposts"), ("aggregation", "geometric"), ("missing", "penalise"),
    ("outliers", "winsorise")])
def test_unknown_method_lists_the_valid_ones(field: str, valid_one: str) -> None:
    with pytest.raises(ModelError) as info:
        Methods(**{field: "bogus"})
    text = str(info.value)
    assert "'bogus'" in text and valid_one in text


def test_bad_numbers_and_groups() -> None:
    with pytest.raises(ModelError, match="min_coverage"):
        Methods(min_coverage=1.5)
    with pytest.raises(ModelError, match="zero_floor"):
        Methods(zero_floor=0.0)
    with pytest.raises(ModelError, match="quantiles"):
        GroupRule("quantiles", (0.5, 1.0))
    with pytest.raises(ModelError, match="rise"):
        GroupRule("cutoffs", (60.0, 50.0))
    with pytest.raises(ModelError, match="cutoffs"):
        GroupRule("deciles", (0.5,))


def test_from_config_duck_typed() -> None:
    cfg = SimpleNamespace(
        normalisation="minmax", aggregation="geometric", missing="penalise", min_coverage=0.7,
        outliers="winsorise", winsor_skew=2.25, winsor_kurtosis=3.5, winsor_max_share=0.1,
        result_groups=SimpleNamespace(method="cutoffs", quantiles=(0.2, 0.4, 0.6, 0.8),
                                      cutoffs=(55.0, 60.0, 65.0, 70.0)))
    m = Methods.from_config(cfg)
    assert (m.normalisation, m.aggregation, m.missing, m.outliers) == (
        "minmax", "geometric", "penalise", "winsorise")
    assert m.min_coverage == 0.7 and m.winsor_skew == 2.25 and m.winsor_max_share == 0.1
    assert m.groups == GroupRule("cutoffs", (55.0, 60.0, 65.0, 70.0))


def test_from_the_real_hti_toml(repo: Path) -> None:
    from hti_tui.project.config import load_config

    m = Methods.from_config(load_config(repo / "hti.toml").method)
    assert m.normalisation == "goalposts" and m.groups == GroupRule("sd", (0.5, 1.5))
    assert m.penalty == "p10"


def test_params_shapes_checked() -> None:
    p = IndicatorParams.empty(3)
    p.check(3)
    with pytest.raises(ModelError, match="goalposts"):
        p.check(4)
    assert np.isinf(p.bounds).all()
