"""Delindex Biståndshandläggning: how the needs assessment works.

Handläggningstid and the IBIC, goal and follow-up shares come from Öppna
jämförelser; delaktighet from the user survey.
"""

from __future__ import annotations

from hti_tui import hookimpl, indicator

__version__ = "1.0"


@hookimpl
def hti_indicators():
    return [
        indicator("oj_handlaggningstid", "Handläggningstid, median antal dagar",
                  area="handlaggningstid", measure="oppna_jamforelser:oj_handlaggningstid",
                  direction="lower", unit="dagar", goalposts=(5.0, 60.0), bounds=(0.0, 365.0),
                  name_en="Processing time, median days",
                  description="Median antal dagar från ansökan om hemtjänst till beslut. "
                              "Kortare är bättre."),
        indicator("oj_ibic", "Beslut enligt IBIC", area="behov_i_centrum",
                  measure="oppna_jamforelser:oj_ibic", name_en="Decisions using IBIC",
                  description="Andel beslut där behoven beskrivits enligt Individens behov i "
                              "centrum (IBIC)."),
        indicator("oj_mal", "Beslut med tydliga mål", area="behov_i_centrum",
                  measure="oppna_jamforelser:oj_mal", name_en="Decisions with stated goals",
                  description="Andel beslut om hemtjänst med angivna mål för insatsen."),
        indicator("bu_handlaggare_kontakt", "Lätt att få kontakt med biståndshandläggaren",
                  area="delaktighet_beslut", measure="brukarundersokning:bu_handlaggare_kontakt",
                  goalposts=(40.0, 100.0), name_en="Easy to reach the case officer",
                  description="Andel som tycker att det är lätt att få kontakt med "
                              "biståndshandläggaren (brukarundersökningen)."),
        indicator("bu_handlaggare_hansyn", "Hänsyn till synpunkter vid beslutet",
                  area="delaktighet_beslut", measure="brukarundersokning:bu_handlaggare_hansyn",
                  goalposts=(40.0, 100.0), name_en="Views considered at decision",
                  description="Andel som anser att handläggaren tog hänsyn till deras "
                              "synpunkter när beslutet fattades."),
        indicator("oj_uppfoljning", "Beslut uppföljda inom 12 månader", area="uppfoljning",
                  measure="oppna_jamforelser:oj_uppfoljning",
                  name_en="Decisions followed up within 12 months",
                  description="Andel beslut om hemtjänst som följts upp inom 12 månader."),
    ]
