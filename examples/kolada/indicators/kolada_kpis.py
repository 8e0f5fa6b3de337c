"""The indicators of the Kolada-only example: one Kolada KPI each, as hti.toml maps them.

Each row is (indicator id, kvalitetsområde, measure, Swedish name, English name,
direction, unit, goalposts). The measure is what hti.toml's ``kpi_measures`` maps a
KPI id to; the KPI ids and Kolada's titles are in hti.toml. Goalposts are fixed so
that years compare (see README.md for why each pair).
"""

from __future__ import annotations

from hti_tui import hookimpl, indicator

__version__ = "1.0"

SURVEY = (50.0, 100.0)  # share of positive answers in the user survey, %
ROWS = (
    ("helhetssyn", "helhet", "helhetssyn", "Nöjd med hemtjänsten som helhet",
     "Satisfied overall", "higher", "%", (60.0, 100.0)),
    ("bra_bemotande", "bemotande", "bemotande", "Alltid eller oftast bra bemötande",
     "Always or mostly treated well", "higher", "%", (60.0, 100.0)),
    ("fortroende", "bemotande", "fortroende", "Förtroende för personalen",
     "Trust in the staff", "higher", "%", SURVEY),
    ("hansyn", "inflytande", "hansyn", "Hänsyn till åsikter och önskemål",
     "Views and wishes taken into account", "higher", "%", SURVEY),
    ("paverka_tider", "inflytande", "paverka_tider", "Möjlighet att påverka tider",
     "Can influence the times", "higher", "%", (30.0, 100.0)),
    ("tillracklig_tid", "tid_palitlighet", "tillracklig_tid", "Tillräckligt med tid",
     "Enough time", "higher", "%", SURVEY),
    ("avtalad_tid", "tid_palitlighet", "avtalad_tid", "Personalen kommer på avtalad tid",
     "Staff come at the agreed time", "higher", "%", SURVEY),
    ("forandringar", "tid_palitlighet", "forandringar", "Information om förändringar",
     "Told of changes", "higher", "%", (30.0, 100.0)),
    ("trygg", "trygghet", "trygghet", "Mycket eller ganska trygg med hemtjänsten",
     "Safe with home care", "higher", "%", (60.0, 100.0)),
    ("klagomal", "trygghet", "klagomal", "Möjlighet att framföra synpunkter och klagomål",
     "Can make complaints", "higher", "%", (30.0, 100.0)),
    ("personalkontinuitet", "kontinuitet", "personalkontinuitet",
     "Personalkontinuitet, antal personal på 14 dagar", "Staff met in 14 days", "lower",
     "antal", (5.0, 25.0)),
    ("genomforandeplan_aktuell", "genomforandeplan", "genomforandeplan", "Aktuell genomförandeplan",
     "Current care plan", "higher", "%", (0.0, 100.0)),
    ("usk_andel", "personal_kompetens", "usk_andel",
     "Omsorgspersonal som är undersköterskor", "Care staff who are assistant nurses",
     "higher", "%", (0.0, 100.0)),
    ("hme", "personal_kompetens", "hme_totalindex", "Medarbetarengagemang (HME)",
     "Staff engagement (HME)", "higher", "index", (50.0, 100.0)),
    ("rutin_forsamring", "rutiner", "rutin_forsamring",
     "Rutin när hemtjänsttagaren plötsligt blir sämre", "Routine for sudden deterioration",
     "higher", "%", (0.0, 100.0)),
    ("rutin_vardplanering", "rutiner", "rutin_vardplanering",
     "Rutin för vårdplanering i samverkan", "Routine for joint care planning", "higher", "%",
     (0.0, 100.0)),
)


#: context, never weighted: cost beside quality (id, measure, name, name_en, goalposts, bounds)
COST = (
    ("kostnad_per_brukare", "kostnad_per_brukare", "Kostnad per hemtjänsttagare, kr",
     "Cost per home-care user, SEK", (100_000.0, 600_000.0), (0.0, 3_000_000.0)),
    ("kostnad_per_inv80", "kostnad_per_inv80", "Kostnad per invånare 80+, kr",
     "Cost per resident 80+, SEK", (0.0, 100_000.0), (0.0, 1_000_000.0)),
)


@hookimpl
def hti_indicators():
    out = [indicator(ident, name, area="kostnad", measure=f"kolada:{measure}", direction="lower",
                     unit="kr", goalposts=goalposts, bounds=bounds, name_en=name_en,
                     role="context",
                     description=f"{name} (Kolada; föregående års räkenskaper). Sammanhang, "
                                 "vägs aldrig in: en lägre kostnad ger en högre poäng i "
                                 "kolumnen, men kostnaden säger inget om kvaliteten.")
           for ident, measure, name, name_en, goalposts, bounds in COST]
    for ident, area, measure, name, name_en, direction, unit, goalposts in ROWS:
        bounds = (1.0, 100.0) if unit == "antal" else (0.0, 100.0)
        out.append(indicator(ident, name, area=area,
                             measure=f"kolada:{measure}", direction=direction, unit=unit,
                             goalposts=goalposts, bounds=bounds, name_en=name_en,
                             description=f"{name} (Kolada; KPI-id i hti.toml)."))
    return out
