"""Delindex Information: what the kommun's web site tells about hemtjänst.

Every indicator is a yes/no item of the web-site review (Ja = 1, Delvis = 0,5,
Nej = 0), read straight from the ``webbgranskning`` source.
"""

from __future__ import annotations

from hti_tui import hookimpl, indicator

__version__ = "1.0"

_YES_NO = {"unit": "ja/nej", "goalposts": (0.0, 1.0)}


@hookimpl
def hti_indicators():
    return [
        # 1 Hur man får hemtjänst
        indicator("web_beskrivning", "Hemtjänsten beskrivs på webbplatsen", area="info_ansokan",
                  measure="webbgranskning:web_beskrivning", name_en="Home care described",
                  description="Webbplatsen beskriver vad hemtjänst är och vem den är till för.",
                  **_YES_NO),
        indicator("web_ansokan", "Det framgår hur man ansöker", area="info_ansokan",
                  measure="webbgranskning:web_ansokan", name_en="How to apply",
                  description="Webbplatsen förklarar hur man ansöker om hemtjänst.", **_YES_NO),
        indicator("web_e_tjanst", "E-tjänst för att ansöka", area="info_ansokan",
                  measure="webbgranskning:web_e_tjanst", name_en="E-service for applying",
                  description="Det går att ansöka om hemtjänst via en e-tjänst.", **_YES_NO),
        indicator("web_kontakt", "Kontaktuppgifter till biståndshandläggare", area="info_ansokan",
                  measure="webbgranskning:web_kontakt", name_en="Contact to case officer",
                  description="Telefon eller e-post till biståndshandläggare finns.", **_YES_NO),
        # 2 Avgifter och utförare
        indicator("web_avgifter", "Avgifterna förklaras", area="info_avgifter",
                  measure="webbgranskning:web_avgifter", name_en="Fees explained",
                  description="Avgifterna för hemtjänst och hur de beräknas förklaras.", **_YES_NO),
        indicator("web_avgiftsexempel", "Räkneexempel för avgiften", area="info_avgifter",
                  measure="webbgranskning:web_avgiftsexempel", name_en="Fee examples",
                  description="Webbplatsen visar räkneexempel för avgiften.", **_YES_NO),
        indicator("web_utforare", "Lista över utförare", area="info_avgifter",
                  measure="webbgranskning:web_utforare", name_en="List of providers",
                  description="Det finns en lista över hemtjänstens utförare.", **_YES_NO),
        indicator("web_utforare_jamforelse", "Jämförelse av utförare", area="info_avgifter",
                  measure="webbgranskning:web_utforare_jamforelse",
                  name_en="Providers compared",
                  description="Utförarna kan jämföras, t.ex. i kvalitet och inriktning.",
                  **_YES_NO),
        # 3 Kvalitet och synpunkter
        indicator("web_kvalitetsresultat", "Kvalitetsresultat publiceras", area="info_kvalitet",
                  measure="webbgranskning:web_kvalitetsresultat",
                  name_en="Quality results published",
                  description="Resultat från brukarundersökning eller uppföljning publiceras.",
                  **_YES_NO),
        indicator("web_synpunkter", "Hur man lämnar synpunkter och klagomål",
                  area="info_kvalitet", measure="webbgranskning:web_synpunkter",
                  name_en="How to complain",
                  description="Det framgår hur man lämnar synpunkter eller klagar.", **_YES_NO),
        indicator("web_lattlast", "Information på lättläst svenska", area="info_kvalitet",
                  measure="webbgranskning:web_lattlast", name_en="Easy-to-read Swedish",
                  description="Informationen om hemtjänst finns på lättläst svenska.", **_YES_NO),
        indicator("web_sprak", "Information på andra språk", area="info_kvalitet",
                  measure="webbgranskning:web_sprak", name_en="Other languages",
                  description="Informationen finns på andra språk än svenska.", **_YES_NO),
    ]
