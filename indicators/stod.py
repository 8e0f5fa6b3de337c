"""Delindex Stöd och utveckling: prevention, staff, welfare technology and cooperation.

The prevention indicators are *computed*: Senior Alert publishes counts, and the
indicator is the share of registered persons risk-assessed (or, of those at risk,
given an action). A count of zero makes the share undefined, never 0 %.
"""

from __future__ import annotations

import numpy as np

from hti_tui import hookimpl, indicator

__version__ = "1.0"


def share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """100 · part / whole, NaN where the whole is missing or zero."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * part / whole
    out[~(whole > 0)] = np.nan
    return np.clip(out, 0.0, 100.0)


def _risk(id: str, name: str, name_en: str, measure: str, what: str):
    return indicator(id, name, area="forebyggande", measures=(f"senior_alert:{measure}",
                                                              "senior_alert:inskrivna"),
                     compute=share, name_en=name_en,
                     description=f"Andel registrerade hemtjänsttagare 65+ som riskbedömts för "
                                 f"{what} (Senior Alert, beräknad ur antal).")


_ROUTINE = {"unit": "ja/nej"}


@hookimpl
def hti_indicators():
    return [
        # 16 Förebyggande arbete (Senior Alert)
        _risk("sa_fall", "Riskbedömda för fall", "Risk-assessed for falls", "riskbed_fall",
              "fall"),
        _risk("sa_trycksar", "Riskbedömda för trycksår", "Risk-assessed for pressure ulcers",
              "riskbed_trycksar", "trycksår"),
        _risk("sa_undernaring", "Riskbedömda för undernäring", "Risk-assessed for malnutrition",
              "riskbed_undernaring", "undernäring"),
        _risk("sa_munhalsa", "Riskbedömda för ohälsa i munnen", "Risk-assessed for oral health",
              "riskbed_munhalsa", "ohälsa i munnen"),
        indicator("sa_atgard", "Personer med risk som fått åtgärd", area="forebyggande",
                  measures=("senior_alert:med_risk_atgard", "senior_alert:med_risk"),
                  compute=share, name_en="At risk and given an action",
                  description="Andel av personerna med risk som fått minst en förebyggande "
                              "åtgärd (Senior Alert, beräknad ur antal)."),
        # 17 Personal och kompetens
        indicator("usk_andel", "Omsorgspersonal som är undersköterskor",
                  area="personal_kompetens", measure="kolada:usk_andel",
                  name_en="Care staff who are assistant nurses",
                  description="Andel av omsorgspersonalen i hemtjänsten som är undersköterskor, "
                              "vardagar (Kolada N21608, Enhetsundersökningen)."),
        indicator("hme_totalindex", "Medarbetarengagemang i hemtjänsten (HME)",
                  area="personal_kompetens", measure="kolada:hme_totalindex", unit="index",
                  bounds=(0.0, 100.0), goalposts=(50.0, 100.0),
                  name_en="Staff engagement in home care (HME)",
                  description="Hållbart medarbetarengagemang (HME), totalindex 0–100, för "
                              "hemtjänstens medarbetare (Kolada U21200; föregående års "
                              "medarbetarenkät)."),
        # context, never weighted: the resources beside the quality
        indicator("kostnad_per_brukare", "Kostnad per hemtjänsttagare, kr",
                  area="personal_kompetens", measure="kolada:kostnad_per_brukare", unit="kr",
                  direction="lower", goalposts=(100_000.0, 600_000.0),
                  bounds=(0.0, 3_000_000.0), role="context",
                  name_en="Cost per home-care user, SEK",
                  description="Kostnad för hemtjänst i äldreomsorgen per hemtjänsttagare "
                              "(Kolada N21006, föregående års räkenskaper). Sammanhang – vägs "
                              "aldrig in; en högre kostnad säger inget om sämre omsorg."),
        indicator("oj_kompetensplan", "Plan för personalens kompetensutveckling",
                  area="personal_kompetens", measure="oppna_jamforelser:oj_kompetensplan",
                  name_en="Staff development plan",
                  description="Det finns en plan för omsorgspersonalens kompetensutveckling "
                              "(Öppna jämförelser, ja/nej).", **_ROUTINE),
        # 18 Välfärdsteknik och samverkan
        indicator("oj_nattillsyn", "Digital nattillsyn erbjuds", area="valfardsteknik",
                  measure="oppna_jamforelser:oj_nattillsyn", name_en="Digital night checks",
                  description="Kommunen erbjuder nattillsyn med digital teknik (ja/nej).",
                  **_ROUTINE),
        indicator("oj_trygghetslarm", "Digitala trygghetslarm", area="valfardsteknik",
                  measure="oppna_jamforelser:oj_trygghetslarm", name_en="Digital safety alarms",
                  description="Trygghetslarmen är digitala (ja/nej).", **_ROUTINE),
        indicator("oj_sip", "Rutin för SIP med regionen", area="valfardsteknik",
                  measure="oppna_jamforelser:oj_sip", name_en="Coordinated care plan routine",
                  description="Rutin för samordnad individuell plan (SIP) med regionen "
                              "(ja/nej).", **_ROUTINE),
        indicator("oj_kvalitetsuppfoljning", "Systematisk uppföljning av kvalitet",
                  area="valfardsteknik", measure="oppna_jamforelser:oj_kvalitetsuppfoljning",
                  name_en="Systematic quality follow-up",
                  description="Hemtjänstens kvalitet följs upp systematiskt (ja/nej).",
                  **_ROUTINE),
        indicator("oj_valfardsteknik_plan", "Plan för välfärdsteknik", area="valfardsteknik",
                  measure="oppna_jamforelser:oj_valfardsteknik_plan",
                  name_en="Welfare technology plan",
                  description="Det finns en plan för att införa välfärdsteknik (ja/nej).",
                  **_ROUTINE),
    ]
