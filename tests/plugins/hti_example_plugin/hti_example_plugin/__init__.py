"""An example third-party hti plugin: one computed indicator and one validation check."""

from __future__ import annotations

import numpy as np

from hti_tui import Note, hookimpl, indicator


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
