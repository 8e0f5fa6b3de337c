"""hti.toml's ``[method]`` and ``[sensitivity]``: every method choice, checked with its line.

Each choice is one step of the JRC/OECD construction sequence (docs/MODEL.md says why each
default was chosen).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hti_tui import methods
from hti_tui.project.toml_reader import Reader

MAX_RUNS = 1_000_000  # Monte Carlo runs; more would exhaust memory, not sharpen intervals


@dataclass(frozen=True)
class ResultGroupConfig:
    method: str
    quantiles: tuple[float, ...]
    cutoffs: tuple[float, ...]
    labels: tuple[str, ...]
    labels_en: tuple[str, ...]
    sd_k: tuple[float, ...] = (0.5, 1.5)  # method "sd": cut at mean ± k·SD


@dataclass(frozen=True)
class ImputeConfig:
    """``[method.impute]``: how a missing value is imputed when ``missing = "impute"``.

    ``sources`` / ``statuses`` override ``method`` per source id / per status ("none": not
    imputed, re-weighted); a status override wins over a source override.
    """

    method: str = "median"
    group: str = "kommungrupp"
    sources: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MethodConfig:
    normalisation: str
    aggregation: str
    missing: str
    min_coverage: float
    penalise_statuses: tuple[str, ...]
    outliers: str
    winsor_skew: float
    winsor_kurtosis: float
    winsor_max_share: float
    result_groups: ResultGroupConfig
    penalty: str = "zero"  # the score of a penalised cell: zero | worst | p10
    penalties: dict[str, dict[str, str]] = field(default_factory=dict)  # source → status → …
    impute: ImputeConfig = field(default_factory=ImputeConfig)


@dataclass(frozen=True)
class SensitivityConfig:
    runs: int
    seed: int
    weight_spread: float
    normalisations: tuple[str, ...]
    aggregations: tuple[str, ...]
    missing: tuple[str, ...]  # the missing-data scenarios, run side by side (not drawn)
    interval: float
    weight_levels: tuple[str, ...] = ("delindex", "areas")
    geometric_floor: float = 10.0
    sampling_error: bool = True
    saltelli_n: int = 1000

    @property
    def scenarios(self) -> tuple[str, ...]:
        return self.missing


def method_names(kind: str, unchecked: bool) -> tuple[str, ...] | None:
    """The registered names of a kind of method, or None: not checked yet, because plugins
    not loaded yet may register more (``Project.load`` checks them with ``check_methods``)."""
    from hti_tui.engine.registry import REGISTRY

    return None if unchecked else REGISTRY.names(kind)


def parse_method(m: Reader, plugin_methods: bool = False) -> MethodConfig:
    rg = m.table("result_groups")
    rg_method = rg.get("method", str, "quantiles", choices=methods.RESULT_GROUP_METHODS)
    quantiles = rg.get_list("quantiles", float, (0.2, 0.4, 0.6, 0.8))
    cutoffs = rg.get_list("cutoffs", float, ())
    labels = rg.get_list("labels", str, methods.RESULT_GROUPS_SV)
    labels_en = rg.get_list("labels_en", str, methods.RESULT_GROUPS_EN)
    if list(quantiles) != sorted(quantiles) or not all(0 < q < 1 for q in quantiles):
        raise rg.error("quantiles", "quantiles must rise and lie strictly between 0 and 1",
                       sv="kvantilerna måste stiga och ligga strikt mellan 0 och 1")
    if list(cutoffs) != sorted(cutoffs):
        raise rg.error("cutoffs", "cutoffs must be listed from lowest to highest",
                       sv="gränserna måste stå från lägsta till högsta")
    if rg_method == "cutoffs" and not cutoffs:
        raise rg.error("cutoffs", "method 'cutoffs' needs a list of cutoffs",
                       sv="metoden 'cutoffs' behöver en lista med gränser")
    sd_k = rg.get_list("sd_k", float, (0.5, 1.5))
    if any(k <= 0 for k in sd_k) or list(sd_k) != sorted(set(sd_k)):
        raise rg.error("sd_k", f"every k must be > 0 and the list must rise (got "
                       f"{list(sd_k)}); cut-offs are mean ± k·SD",
                       sv=f"varje k måste vara > 0 och listan måste stiga (fick {list(sd_k)}); "
                          "gränserna är medel ± k·SD")
    if rg_method == "interval" and len(labels) != 5:
        raise rg.error("labels", "method 'interval' makes five groups (low, below, near, "
                       "above, high): give five labels",
                       sv="metoden 'interval' ger fem grupper (låg, under, nära, över, hög): "
                          "ange fem etiketter")
    bounds = cutoffs if rg_method == "cutoffs" else [*sd_k, *sd_k] if rg_method == "sd" \
        else quantiles
    if len(labels) != len(bounds) + 1:
        raise rg.error("labels", f"{len(bounds)} boundaries make {len(bounds) + 1} groups, "
                       f"but {len(labels)} labels are given",
                       sv=f"{len(bounds)} gränser ger {len(bounds) + 1} grupper, men "
                          f"{len(labels)} etiketter anges")
    if len(labels_en) != len(labels):
        raise rg.error("labels_en", "needs as many labels as 'labels'",
                       sv="behöver lika många etiketter som 'labels'")
    groups = ResultGroupConfig(rg_method, quantiles, cutoffs, labels, labels_en, sd_k)
    rg.finish()
    statuses = ("suppressed", "not_reported", "not_applicable", "invalid")
    pen_tab = m.table("penalties")
    penalties: dict[str, dict[str, str]] = {}
    for source in list(pen_tab.data):
        per = pen_tab.table(source)
        penalties[source] = {}
        for status in list(per.data):
            if status not in statuses:
                raise per.error(status, f"unknown status '{status}'",
                                hint=f"choose from: {', '.join(statuses)}",
                                sv=f"okänd status '{status}'",
                                sv_hint=f"välj bland: {', '.join(statuses)}")
            penalties[source][status] = per.get(status, str,
                                                choices=(*methods.PENALTIES, "none"))
        per.finish()
    pen_tab.finish()
    im = m.table("impute")
    imp_names = method_names("imputation", plugin_methods)
    imp_choices = None if imp_names is None else (*imp_names, "none")
    src_tab, st_tab = im.table("sources"), im.table("statuses")
    impute = ImputeConfig(
        method=im.get("method", str, "median", choices=imp_names),
        group=im.get("group", str, "kommungrupp"),
        sources={k: src_tab.get(k, str, choices=imp_choices) for k in list(src_tab.data)},
        statuses={k: st_tab.get(k, str, choices=imp_choices) for k in list(st_tab.data)})
    for k in impute.statuses:
        if k not in statuses:
            raise st_tab.error(k, f"unknown status '{k}'", hint=f"choose from: "
                               f"{', '.join(statuses)}", sv=f"okänd status '{k}'",
                               sv_hint=f"välj bland: {', '.join(statuses)}")
    src_tab.finish()
    st_tab.finish()
    im.finish()
    cfg = MethodConfig(
        normalisation=m.get("normalisation", str, "goalposts",
                            choices=method_names("normalisation", plugin_methods)),
        aggregation=m.get("aggregation", str, "arithmetic",
                          choices=method_names("aggregation", plugin_methods)),
        missing=m.get("missing", str, "reweight", choices=methods.MISSING_POLICIES),
        min_coverage=m.get("min_coverage", float, 0.5),
        penalise_statuses=m.get_list("penalise_statuses", str, ("not_reported",),
                                     choices=("suppressed", "not_reported", "not_applicable",
                                              "invalid")),
        outliers=m.get("outliers", str, "none", choices=methods.OUTLIER_TREATMENTS),
        winsor_skew=m.get("winsor_skew", float, 2.0),
        winsor_kurtosis=m.get("winsor_kurtosis", float, 3.5),
        winsor_max_share=m.get("winsor_max_share", float, 0.05),
        result_groups=groups, penalty=m.get("penalty", str, "zero", choices=methods.PENALTIES),
        penalties=penalties, impute=impute)
    if not 0 <= cfg.min_coverage <= 1:
        raise m.error("min_coverage", "must lie between 0 and 1",
                      sv="måste ligga mellan 0 och 1")
    m.finish()
    return cfg


def parse_sensitivity(s: Reader, plugin_methods: bool = False) -> SensitivityConfig:
    cfg = SensitivityConfig(
        runs=s.get("runs", int, 1000), seed=s.get("seed", int, 1),
        weight_spread=s.get("weight_spread", float, 0.25),
        normalisations=s.get_list("normalisations", str, ("goalposts", "minmax", "zscore", "rank"),
                                  choices=method_names("normalisation", plugin_methods)),
        aggregations=s.get_list("aggregations", str, ("arithmetic", "geometric"),
                                choices=method_names("aggregation", plugin_methods)),
        missing=s.get_list("scenarios", str, ("reweight", "penalise"),
                           choices=methods.MISSING_POLICIES) if s.has("scenarios") else
        s.get_list("missing", str, ("reweight", "penalise"), choices=methods.MISSING_POLICIES),
        interval=s.get("interval", float, 0.9),
        weight_levels=s.get_list("weight_levels", str, ("delindex", "areas"),
                                 choices=("delindex", "areas", "indicators")),
        geometric_floor=s.get("geometric_floor", float, 10.0),
        sampling_error=s.get("sampling_error", bool, True),
        saltelli_n=s.get("saltelli_n", int, 1000))
    if s.has("scenarios") and s.has("missing"):
        raise s.error("missing", "give the missing-data scenarios once, as 'scenarios'",
                      sv="ange scenarierna för saknade data en gång, som 'scenarios'")
    if not 0 < cfg.geometric_floor <= 100:
        raise s.error("geometric_floor", "must lie in (0, 100]", sv="måste ligga i (0, 100]")
    if cfg.saltelli_n < 0:
        raise s.error("saltelli_n", "must be 0 (off) or a number of base runs",
                      sv="måste vara 0 (av) eller ett antal baskörningar")
    if cfg.runs < 1:
        raise s.error("runs", "needs at least one run", sv="behöver minst en körning")
    if cfg.runs > MAX_RUNS:
        raise s.error("runs", f"{cfg.runs} runs is more than hti allows ({MAX_RUNS:,})",
                      hint="1 000 to 10 000 runs give stable rank intervals",
                      sv=f"{cfg.runs} körningar är fler än hti tillåter ({MAX_RUNS:,})"
                         .replace(",", " "),
                      sv_hint="1 000 till 10 000 körningar ger stabila rangintervall")
    if not 0 <= cfg.seed < 2**32:
        raise s.error("seed", f"the seed must be a whole number from 0 to {2**32 - 1}",
                      sv=f"fröet måste vara ett heltal från 0 till {2**32 - 1}")
    if not 0 <= cfg.weight_spread < 1:
        raise s.error("weight_spread", "must lie in [0, 1)", sv="måste ligga i [0, 1)")
    if not 0 < cfg.interval < 1:
        raise s.error("interval", "must lie strictly between 0 and 1",
                      sv="måste ligga strikt mellan 0 och 1")
    s.finish()
    return cfg
