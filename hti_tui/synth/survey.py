"""Socialstyrelsen's two spreadsheets: the user survey and Öppna jämförelser (.xlsx).

Shares come from binomial draws on synthetic respondent counts, so small kommuner
are noisier, and cells are suppressed exactly where a publisher would suppress them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from hti_tui.synth.latent import Latent, logistic, logit
from hti_tui.synth.units import Row, Units, fmt_comma, ordered_rows
from hti_tui.synth.xlsx import write_xlsx

MARK = "SYNTETISKA DATA – genererade av hti (hti synth), inte publicerade värden."

#: measure, header 2022/2023, header 2024, base share, delindex, loading (− = lower better)
QUESTIONS: tuple[tuple[str, str, str, float, str, float], ...] = (
    ("bu_handlaggare_kontakt", "Lätt att få kontakt med biståndshandläggaren",
     "Lätt att kontakta biståndshandläggaren", 0.72, "bistand", 0.35),
    ("bu_handlaggare_hansyn", "Handläggaren tog hänsyn till dina synpunkter",
     "Biståndshandläggaren tog hänsyn till synpunkter", 0.76, "bistand", 0.35),
    ("bu_bemotande", "Personalen bemöter dig på ett bra sätt", "Gott bemötande från personalen",
     0.95, "utforande", 0.35),
    ("bu_fortroende", "Förtroende för personalen", "Känner förtroende för personalen", 0.85,
     "utforande", 0.4),
    ("bu_respekt", "Personalen visar respekt för ditt hem", "Personalen respekterar ditt hem",
     0.93, "utforande", 0.35),
    ("bu_asikter", "Personalen tar hänsyn till dina åsikter och önskemål",
     "Hänsyn till åsikter och önskemål", 0.83, "utforande", 0.4),
    ("bu_paverka_tider", "Möjlighet att påverka tiderna", "Kan påverka tiderna för hjälpen",
     0.55, "utforande", 0.45),
    ("bu_tid", "Personalen har tillräckligt med tid",
     "Personalen har tillräckligt med tid för att utföra arbetet", 0.80, "utforande", 0.4),
    ("bu_avtalad_tid", "Personalen kommer på avtalad tid",
     "Personalen kommer på den tid som avtalats", 0.78, "utforande", 0.4),
    ("bu_forandringar", "Informeras om tillfälliga förändringar",
     "Får information om tillfälliga förändringar", 0.62, "utforande", 0.45),
    ("bu_trygg", "Trygg att bo hemma med stöd från hemtjänsten",
     "Känner sig trygg hemma med hemtjänst", 0.84, "utforande", 0.35),
    ("bu_klagomal", "Vet vart man vänder sig med synpunkter och klagomål",
     "Vet vart man vänder sig med klagomål", 0.56, "information", 0.3),
    ("bu_ensamhet", "Besväras av ensamhet", "Besvär av ensamhet", 0.52, "utforande", -0.15),
    ("bu_halsa", "Mycket gott eller gott allmänt hälsotillstånd",
     "Gott eller mycket gott hälsotillstånd", 0.28, "utforande", 0.1),
    ("bu_angslan", "Besväras av ängslan, oro eller ångest", "Besvär av ängslan, oro eller ångest",
     0.50, "utforande", -0.12),
)
ORDER_2024 = ("bu_bemotande", "bu_fortroende", "bu_respekt", "bu_asikter", "bu_paverka_tider",
              "bu_tid", "bu_avtalad_tid", "bu_forandringar", "bu_trygg", "bu_klagomal",
              "bu_handlaggare_kontakt", "bu_handlaggare_hansyn", "bu_ensamhet", "bu_angslan",
              "bu_halsa")
MIN_RESPONDENTS = 30
MIN_ANSWERS = 25
#: survey items react more strongly to the latent factor than register items: kommuner's
#: shares of positive answers differ by several points, far beyond binomial noise
SURVEY_GAIN = 2.5


def respondents(latent: Latent, year: int) -> np.ndarray:
    """Respondents per kommun in ``year`` (``Latent.n``: grows with the real population 80+)."""
    return latent.n(year)


def survey_counts(rng: np.random.Generator, latent: Latent, year: int
                  ) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """(respondents, measure → (answers, positive answers)) for every kommun."""
    n = respondents(latent, year)
    out = {}
    for measure, _, _, base, delindex, loading in QUESTIONS:
        answers = rng.binomial(n, rng.uniform(0.86, 0.98, n.size))
        p = logistic(logit(base) + SURVEY_GAIN * loading * latent.f(delindex, year) +
                     0.06 * rng.standard_normal(n.size))
        out[measure] = (answers, rng.binomial(answers, p))
    return n, out


def write_brukarundersokning(path: Path, rng: np.random.Generator, latent: Latent,
                             units: Units, year: int, layout: str = "2022") -> None:
    """``layout`` "2022" (also used in 2023) or "2024" (renamed, reordered columns)."""
    n, counts = survey_counts(rng, latent, year)
    new = layout == "2024"
    order = ORDER_2024 if new else tuple(q[0] for q in QUESTIONS)
    headers = {q[0]: q[2] if new else q[1] for q in QUESTIONS}

    def share(measure: str, pos: np.ndarray) -> object:
        answers, positive = counts[measure]
        ok = pos[n[pos] >= MIN_RESPONDENTS]
        total = answers[ok].sum()
        if len(pos) == 1:
            if n[pos[0]] < MIN_RESPONDENTS:
                return ".."
            if answers[pos[0]] < MIN_ANSWERS:
                return "-"
        if total == 0:
            return ".."
        value = round(100.0 * positive[ok].sum() / total, 1)
        return fmt_comma(value) if new else value

    def row(code: str, name: str, lan: str, pos: np.ndarray) -> Row:
        shares = [share(m, pos) for m in order]
        count = int(n[pos].sum())
        return [lan, name, code, count, *shares] if new else [code, name, lan, count, *shares]

    def kommun(p: int) -> Row:
        return row(units.ids[p], units.names[p], units.regions[p], np.array([p]))

    def aggregate(code: str, name: str, pos: np.ndarray) -> Row:
        return row(code, name, "" if code == "00" else name, pos)

    title = [[f"Vad tycker de äldre om äldreomsorgen? {year}"],
             ["Hemtjänst – resultat per kommun. Andel positiva svar (%)"],
             [f"Källa: Socialstyrelsen (format). {MARK}"]]
    if new:
        title = [[f"Vad tycker de äldre om äldreomsorgen? Undersökningen {year}"],
                 ["Resultat för hemtjänst i ordinärt boende, 65 år och äldre"], *title[1:],
                 ["Publicerad oktober " + str(year)]]
    header = (["Län", "Kommun", "Kod", "Antal svar"] if new else
              ["Kommunkod", "Kommun", "Län", "Antal svarande"]) + [headers[m] for m in order]
    rows: list[Sequence[object]] = [
        *title, [], header, *ordered_rows(units, kommun, aggregate), [],
        [f".. = färre än {MIN_RESPONDENTS} svarande; kommunens resultat redovisas inte."],
        ["- = för få svar på frågan."], [MARK]]
    write_xlsx(path, "Hemtjänst", rows, header_row=len(title) + 2, title_rows=1)


#: Öppna jämförelser: measure, header, base, delindex, loading, kind
OJ_COLUMNS: tuple[tuple[str, str, float, str, float, str], ...] = (
    ("oj_handlaggningstid", "Handläggningstid, median antal dagar", 18.0, "bistand", -0.3,
     "days"),
    ("oj_ibic", "Beslut enligt IBIC, andel (%)", 0.62, "bistand", 0.9, "share"),
    ("oj_mal", "Beslut med tydliga mål, andel (%)", 0.70, "bistand", 0.8, "share"),
    ("oj_uppfoljning", "Beslut uppföljda inom 12 månader, andel (%)", 0.66, "bistand", 0.8,
     "share"),
    ("oj_genomforandeplan_delaktig", "Brukaren delaktig i genomförandeplanen, andel (%)", 0.74,
     "utforande", 0.7, "share"),
    ("oj_kontaktperson", "Namngiven kontaktperson", 0.80, "utforande", 0.9, "yesno"),
    ("oj_kompetensplan", "Plan för kompetensutveckling", 0.70, "stod", 1.0, "yesno"),
    ("oj_nattillsyn", "Digital nattillsyn", 0.65, "stod", 1.0, "yesno"),
    ("oj_trygghetslarm", "Digitala trygghetslarm", 0.88, "stod", 0.8, "yesno"),
    ("oj_sip", "Rutin för SIP med regionen", 0.82, "stod", 0.9, "yesno"),
    ("oj_kvalitetsuppfoljning", "Systematisk kvalitetsuppföljning", 0.72, "stod", 1.0, "yesno"),
    ("oj_valfardsteknik_plan", "Plan för välfärdsteknik", 0.60, "stod", 1.0, "yesno"),
)


def oj_values(rng: np.random.Generator, latent: Latent, year: int) -> dict[str, np.ndarray]:
    """measure → (U,) values: days, shares (%) or 1/0 answers."""
    u = latent.size.size
    out = {}
    for measure, _, base, delindex, loading, kind in OJ_COLUMNS:
        f = latent.f(delindex, year)
        noise = rng.standard_normal(u)
        if kind == "days":
            out[measure] = np.clip(np.round(np.exp(np.log(base) + loading * f + 0.3 * noise)),
                                   3, 120)
        elif kind == "share":
            out[measure] = np.round(100 * logistic(logit(base) + loading * f + 0.5 * noise), 1)
        else:
            out[measure] = (rng.random(u) < logistic(logit(base) + loading * f)).astype(float)
    return out


def write_oppna_jamforelser(path: Path, rng: np.random.Generator, latent: Latent,
                            units: Units, year: int) -> None:
    values = oj_values(rng, latent, year)
    answered = rng.random(len(units)) > 0.03
    suppressed = rng.random((len(units), len(OJ_COLUMNS))) < 0.015

    def kommun(p: int) -> Row:
        cells: list[object] = []
        for j, (measure, _, _, _, _, kind) in enumerate(OJ_COLUMNS):
            v = values[measure][p]
            if not answered[p]:
                cells.append("-")
            elif kind == "yesno":
                cells.append("Ja" if v == 1 else "Nej")
            elif suppressed[p, j] and kind == "share":
                cells.append("x")
            else:
                cells.append(int(v) if kind == "days" else float(v))
        return [units.names[p], units.ids[p], units.regions[p], *cells]

    def aggregate(code: str, name: str, pos: np.ndarray) -> Row:
        ok = pos[answered[pos]]
        cells: list[object] = []
        for measure, _, _, _, _, kind in OJ_COLUMNS:
            v = values[measure][ok]
            if v.size == 0:  # no kommun of this län answered (Gotland is a län of one)
                cells.append("-")
            elif kind == "days":
                cells.append(float(np.median(v)))
            elif kind == "share":
                cells.append(round(float(v.mean()), 1))
            else:
                cells.append(f"{round(100 * float(v.mean()))} % ja")
        return [name, code, "" if code == "00" else name, *cells]

    title = [[f"Öppna jämförelser – vård och omsorg om äldre {year}"],
             ["Kommunernas svar och resultat, hemtjänst"],
             [f"Källa: Socialstyrelsen (format). {MARK}"]]
    header = ["Kommun", "Kommunkod", "Län", *[c[1] for c in OJ_COLUMNS]]
    rows: list[Sequence[object]] = [
        *title, [], header, *ordered_rows(units, kommun, aggregate, lan_first=False), [],
        ["- = kommunen har inte besvarat enkäten.  x = för få beslut för att redovisa."],
        [MARK]]
    write_xlsx(path, "Hemtjänst", rows, header_row=len(title) + 2, title_rows=1)
