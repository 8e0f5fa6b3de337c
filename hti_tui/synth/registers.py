"""Kolada (API JSON and CSV export), Senior Alert (cp1252 counts) and the web review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from hti_tui.synth.latent import Latent, logistic, logit
from hti_tui.synth.survey import MARK, MIN_RESPONDENTS, respondents
from hti_tui.synth.units import Units, fmt_comma, fmt_thousands

#: KPI id, Kolada's title of that KPI, kind, base, delindex, loading. The ids and titles
#: are real Kolada KPIs (checked by `hti validate --kolada`); the values are synthetic.
KOLADA_KPIS: tuple[tuple[str, str, str, float, str, float], ...] = (
    ("U21468", "Brukarbedömning hemtjänst äldreomsorg -  helhetssyn, andel (%)", "survey", 0.88,
     "utforande", 0.45),
    ("U21401", "Personalkontinuitet, antal personal som en hemtjänsttagare med minst 2 besök "
     "dagligen möter under 14 dagar, medelvärde (- 2024)", "count", 15.0, "utforande", -2.2),
    ("U21452", "Enhetsundersökningen, äldreomsorg - Hemtjänsttagare med aktuell "
     "genomförandeplan, äldreomsorg, andel (%)", "share", 0.80, "utforande", 0.7),
    ("N21608", "Enhetsundersökningen, äldreomsorg - Andel omsorgspersonal inom hemtjänsten som "
     "är undersköterskor, vardagar, äldreomsorg, andel (%)", "share", 0.68, "stod", 0.5),
    ("U21200", "Medarbetarengagemang (HME) hemtjänst äldreomsorg - Totalindex", "share", 0.72,
     "stod", 0.4),
    # context, never weighted: a cost, unrelated to the latent quality on purpose
    ("N21006", "Kostnad hemtjänst äldreomsorg, kr/hemtjänsttagare", "cost", 300_000.0, "stod",
     0.0),
)
GENDERS = {"T": "Totalt", "K": "Kvinnor", "M": "Män"}


def kolada_values(rng: np.random.Generator, latent: Latent, year: int
                  ) -> list[tuple[str, str, np.ndarray]]:
    """(kpi, gender, values with NaN = not published) rows, kommun order."""
    u = latent.size.size
    n = respondents(latent, year)  # the survey's own respondents: suppressed exactly as it is
    reports_continuity = rng.random(u) > 0.1
    out = []
    for kpi, _, kind, base, delindex, loading in KOLADA_KPIS:
        f = latent.f(delindex, year)
        noise = rng.standard_normal(u)
        if kind == "survey":
            p = logistic(logit(base) + loading * f + 0.1 * noise)
            for gender, share in (("T", 1.0), ("K", 0.64), ("M", 0.36)):
                m = np.maximum(1, np.round(n * share)).astype(int)
                value = np.round(100 * rng.binomial(m, np.clip(p + (0.01 if gender == "K"
                                                                    else 0.0), 0, 1)) / m)
                out.append((kpi, gender, np.where((m >= MIN_RESPONDENTS) &
                                                  (n >= MIN_RESPONDENTS), value, np.nan)))
        elif kind == "cost":
            value = np.round(base * np.exp(0.25 * noise) / 1000.0) * 1000.0
            out.append((kpi, "T", value))
        elif kind == "count":
            value = np.clip(np.round(base + loading * f + 1.6 * noise, 1), 7.0, 24.0)
            out.append((kpi, "T", np.where(reports_continuity, value, np.inf)))  # inf = absent
        else:
            value = np.round(100 * logistic(logit(base) + loading * f + 0.35 * noise), 1)
            missing = rng.random(u) < 0.02
            out.append((kpi, "T", np.where(missing, np.nan, value)))
    return out


def write_kolada_json(path: Path, rng: np.random.Generator, latent: Latent, units: Units,
                      year: int) -> None:
    values = kolada_values(rng, latent, year)
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for kpi, gender, arr in values:
        for p, v in enumerate(arr):
            if np.isinf(v):
                continue
            entry = {"count": 1, "gender": gender, "status": "" if np.isfinite(v) else "Missing",
                     "value": float(v) if np.isfinite(v) else None}
            by_key.setdefault((kpi, units.ids[p]), []).append(entry)
        finite = arr[np.isfinite(arr)]
        national = {"count": 1, "gender": gender, "status": "",
                    "value": round(float(finite.mean()), 1)}
        by_key.setdefault((kpi, "0000"), []).append(national)
        for code, _, pos in units.lan_groups()[:3]:
            sub = arr[pos][np.isfinite(arr[pos])]
            by_key.setdefault((kpi, "00" + code), []).append(
                {**national, "value": round(float(sub.mean()), 1)})
    rows = [{"kpi": kpi, "municipality": muni, "period": year, "values": vals}
            for (kpi, muni), vals in sorted(by_key.items())]
    doc = {"count": len(rows), "hti_synthetic": True, "hti_note": MARK, "next_page": None,
           "values": rows}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                    encoding="utf-8")


def write_kolada_csv(path: Path, rng: np.random.Generator, latent: Latent, units: Units,
                     year: int) -> None:
    titles = {k[0]: k[1] for k in KOLADA_KPIS}
    lines = [f"# Kolada, export {year}. {MARK}",
             "Kommun-ID;Kommun;Nyckeltal-ID;Nyckeltal;År;Kön;Värde"]
    for kpi, gender, arr in kolada_values(rng, latent, year):
        for p, v in enumerate(arr):
            if np.isinf(v):
                continue
            value = fmt_comma(float(v)) if np.isfinite(v) else ""
            lines.append(f"{units.ids[p]};{units.names[p]};{kpi};{titles[kpi]};{year};"
                         f"{GENDERS[gender]};{value}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))


SA_COLUMNS = ("Antal personer 65+", "Riskbedömda fall", "Riskbedömda trycksår",
              "Riskbedömda undernäring", "Riskbedömda munhälsa", "Personer med risk",
              "Personer med risk och åtgärd")


def write_senior_alert(path: Path, rng: np.random.Generator, latent: Latent, units: Units,
                       year: int) -> None:
    u = len(units)
    f = latent.f("stod", year)
    enrolled = np.maximum(3, np.round(np.exp(np.log(420) + 0.95 * latent.size +
                                             0.1 * rng.standard_normal(u)))).astype(int)
    counts = [enrolled]
    for base in (0.62, 0.55, 0.58, 0.45):
        counts.append(rng.binomial(enrolled, logistic(logit(base) + 0.8 * f +
                                                      0.3 * rng.standard_normal(u))))
    at_risk = rng.binomial(enrolled, 0.5)
    counts += [at_risk, rng.binomial(at_risk, logistic(logit(0.75) + 0.7 * f))]
    takes_part = rng.random(u) > 0.07
    lines = [f"# Senior Alert – riskbedömningar i hemtjänst {year}. {MARK}",
             ";".join(("Kommunkod", "Kommun", *SA_COLUMNS))]
    for p in range(u):
        if not takes_part[p]:
            continue
        code = "1917" if units.ids[p] == "0331" and year <= 2021 else units.ids[p]
        cells = ["*" if c[p] < 5 else fmt_thousands(int(c[p])) for c in counts]
        lines.append(";".join((code, units.names[p], *cells)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


WEB_ITEMS: tuple[tuple[str, str, float], ...] = (
    ("web_beskrivning", "Beskrivning av hemtjänst", 0.95),
    ("web_ansokan", "Hur man ansöker", 0.88),
    ("web_e_tjanst", "E-tjänst för ansökan", 0.45),
    ("web_kontakt", "Kontakt till biståndshandläggare", 0.80),
    ("web_avgifter", "Avgifter förklaras", 0.85),
    ("web_avgiftsexempel", "Räkneexempel avgift", 0.40),
    ("web_utforare", "Lista över utförare", 0.70),
    ("web_utforare_jamforelse", "Jämförelse av utförare", 0.25),
    ("web_kvalitetsresultat", "Kvalitetsresultat publiceras", 0.35),
    ("web_synpunkter", "Synpunkter och klagomål", 0.85),
    ("web_lattlast", "Lättläst svenska", 0.50),
    ("web_sprak", "Andra språk", 0.40),
)


def write_webbgranskning(path: Path, rng: np.random.Generator, latent: Latent, units: Units,
                         year: int) -> None:
    u = len(units)
    f = latent.f("information", year)
    day = rng.integers(0, 61, u)
    answers = []
    for _, _, base in WEB_ITEMS:
        yes = logistic(logit(base) + 1.1 * f)
        draw = rng.random(u)
        answers.append(np.where(draw < yes, "Ja", np.where(draw < yes + 0.08, "Delvis", "Nej")))
    lines = [f"# Granskning av kommunernas webbplatser om hemtjänst {year}. {MARK}",
             ",".join(("Kommunkod", "Kommun", "Granskningsdatum", *[w[1] for w in WEB_ITEMS]))]
    for p in range(u):
        month, dom = (9, day[p] + 1) if day[p] < 30 else (10, day[p] - 29)
        name = f'"{units.names[p]}"' if "," in units.names[p] else units.names[p]
        lines.append(",".join((units.ids[p], name, f"{year}-{month:02d}-{dom:02d}",
                               *[a[p] for a in answers])))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
