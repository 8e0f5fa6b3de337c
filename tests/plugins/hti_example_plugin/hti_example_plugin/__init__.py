"""An example third-party hti plugin: one computed indicator, one validation check and
one normalisation method (``logistic``) a model can choose in hti.toml."""

from __future__ import annotations

import numpy as np

from hti_tui import Normalisation, NormInput, Note, hookimpl, indicator


def mean_of_two(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a + b) / 2.0


@hookimpl
def hti_indicators():
    return [indicator(
        "ext_trygg_och_nojd", "Trygg och nöjd (exempelplugin)", area="trygghet",
        measures=("brukarundersokning:bu_trygg", "kolada:nojd_helhet"), compute=mean_of_two,
        goalposts=(50.0, 100.0), name_en="Safe and satisfied (example plugin)",
        description="Medelvärdet av två befintliga mått; visar hur en tredje part lägger till "
                    "en indikator utan att ändra hti.")]


@hookimpl
def hti_validate(config):
    return [Note("hti_example_plugin", None, None,
                 f"example plugin checked {len(config.index.years)} index years", "info",
                 "example")]


def logistic(inp: NormInput) -> np.ndarray:
    """100 / (1 + e^(−z)), z standardised per indicator and mirrored for lower-is-better."""
    x = inp.x
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nanmean(x, axis=0)
        sd = np.nanstd(x, axis=0, ddof=1)
        z = (x - mean) / np.where(sd > 0, sd, 1.0) * inp.direction
    return 100.0 / (1.0 + np.exp(-z))


@hookimpl
def hti_methods():
    return [Normalisation("logistic", logistic,
                          about="logistic of the z-score (example plugin), 0–100 open")]
