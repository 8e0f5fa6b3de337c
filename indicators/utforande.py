"""Delindex Utförande: how the help is given (weighs twice among the delindex).

Most indicators are the user survey's share of positive answers; overall
satisfaction, continuity and care plans come from Kolada, the named contact person
from Öppna jämförelser.
"""

from __future__ import annotations

from hti_tui import hookimpl, indicator

__version__ = "1.0"

_SURVEY = {"goalposts": (50.0, 100.0)}


def _survey(id: str, name: str, area: str, name_en: str, description: str, **kw):
    """A user-survey share of positive answers (brukarundersökningen)."""
    return indicator(id, name, area=area, measure=f"brukarundersokning:{id}", name_en=name_en,
                     description=f"{description} (brukarundersökningen, andel %).",
                     **{**_SURVEY, **kw})


@hookimpl
def hti_indicators():
    return [
        # 8 Helhet
        indicator("nojd_helhet", "Nöjd med hemtjänsten som helhet", area="helhet",
                  measure="kolada:nojd_helhet", goalposts=(60.0, 100.0),
                  name_en="Satisfied overall",
                  description="Andel som sammantaget är nöjda med sin hemtjänst "
                              "(Kolada U21468, från brukarundersökningen)."),
        # 9 Bemötande och förtroende
        _survey("bu_bemotande", "Gott bemötande", "bemotande", "Treated well",
                "Personalen bemöter dig på ett bra sätt", goalposts=(70.0, 100.0)),
        _survey("bu_fortroende", "Förtroende för personalen", "bemotande", "Trust in staff",
                "Känner förtroende för personalen", goalposts=(60.0, 100.0)),
        _survey("bu_respekt", "Personalen visar respekt", "bemotande", "Staff show respect",
                "Personalen visar respekt för ditt hem och dina saker", goalposts=(70.0, 100.0)),
        # 10 Inflytande
        _survey("bu_asikter", "Hänsyn till åsikter och önskemål", "inflytande",
                "Views and wishes considered",
                "Personalen tar hänsyn till dina åsikter och önskemål"),
        _survey("bu_paverka_tider", "Kan påverka tiderna", "inflytande", "Can influence times",
                "Du kan påverka vid vilka tider du får hjälp", goalposts=(30.0, 100.0)),
        # 11 Tid och pålitlighet
        _survey("bu_tid", "Personalen har tillräckligt med tid", "tid_palitlighet",
                "Staff have enough time", "Personalen har oftast tillräckligt med tid"),
        _survey("bu_avtalad_tid", "Personalen kommer på avtalad tid", "tid_palitlighet",
                "Staff come on time", "Personalen kommer på avtalad tid"),
        _survey("bu_forandringar", "Informeras om tillfälliga förändringar", "tid_palitlighet",
                "Told of changes in advance", "Du informeras i förväg om tillfälliga förändringar",
                goalposts=(30.0, 100.0)),
        # 12 Kontinuitet
        indicator("personalkontinuitet", "Personalkontinuitet, antal personal på 14 dagar",
                  area="kontinuitet", measure="kolada:personalkontinuitet", direction="lower",
                  unit="antal", goalposts=(5.0, 25.0), bounds=(1.0, 100.0),
                  name_en="Staff continuity, staff met in 14 days",
                  description="Medelantal olika personal som en hemtjänsttagare 65+ med minst två "
                              "besök om dagen möter under 14 dagar (kl. 7–22). Färre är bättre "
                              "(Kolada U21401, föregående års mätning; upphörde efter 2024)."),
        indicator("oj_kontaktperson", "Namngiven kontaktperson", area="kontinuitet",
                  measure="oppna_jamforelser:oj_kontaktperson", unit="ja/nej",
                  name_en="Named contact person",
                  description="Hemtjänsten erbjuder en namngiven kontaktperson (Öppna "
                              "jämförelser, rutin ja/nej)."),
        # 13 Trygghet
        _survey("bu_trygg", "Trygg hemma med hemtjänst", "trygghet", "Feels safe at home",
                "Känner dig trygg hemma med stöd från hemtjänsten", goalposts=(60.0, 100.0)),
        _survey("bu_klagomal", "Vet vart man vänder sig med klagomål", "trygghet",
                "Knows where to complain", "Vet vart du ska vända dig med synpunkter eller "
                "klagomål", goalposts=(30.0, 100.0)),
        # 14 Hälsa och gemenskap
        _survey("bu_ensamhet", "Besväras av ensamhet", "halsa_gemenskap", "Troubled by loneliness",
                "Besväras av ensamhet; lägre är bättre", direction="lower",
                goalposts=(20.0, 80.0)),
        _survey("bu_halsa", "Gott allmänt hälsotillstånd", "halsa_gemenskap", "Good health",
                "Bedömer sitt allmänna hälsotillstånd som mycket gott eller gott",
                goalposts=(0.0, 60.0)),
        _survey("bu_angslan", "Besväras av ängslan, oro eller ångest", "halsa_gemenskap",
                "Troubled by anxiety", "Besväras av ängslan, oro eller ångest; lägre är bättre",
                direction="lower", goalposts=(20.0, 80.0)),
        # 15 Genomförandeplan
        indicator("genomforandeplan_aktuell", "Aktuell genomförandeplan", area="genomforandeplan",
                  measure="kolada:genomforandeplan", name_en="Current care plan",
                  description="Andel hemtjänsttagare med en aktuell genomförandeplan (Kolada "
                              "U21452, Enhetsundersökningen)."),
        indicator("oj_genomforandeplan_delaktig", "Delaktig i genomförandeplanen",
                  area="genomforandeplan", measure="oppna_jamforelser:oj_genomforandeplan_delaktig",
                  name_en="Involved in the care plan",
                  description="Andel där den äldre varit delaktig när genomförandeplanen "
                              "upprättades (Öppna jämförelser)."),
    ]
