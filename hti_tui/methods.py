"""Names of the method choices hti.toml may make (shared by the config and the engine)."""

from __future__ import annotations

NORMALISATIONS = ("goalposts", "minmax", "zscore", "rank", "target")
AGGREGATIONS = ("arithmetic", "geometric", "harmonic")
MISSING_POLICIES = ("reweight", "penalise", "impute")
IMPUTATIONS = ("mean", "median", "group_median", "p25", "last_year")
PENALTIES = ("zero", "worst", "p10")
OUTLIER_TREATMENTS = ("none", "winsorise")
RESULT_GROUP_METHODS = ("quantiles", "cutoffs", "sd", "interval")

#: Result groups from the lowest to the highest, matching rising boundaries.
RESULT_GROUPS_SV = ("Lågt resultat", "Under medel", "Nära medel", "Över medel", "Högt resultat")
RESULT_GROUPS_EN = ("Low", "Below average", "Near average", "Above average", "High")
