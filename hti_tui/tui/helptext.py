"""What each key does, in a sentence, and the glossary the ``?`` screen shows.

The footer has room for a word per key ("Sortera kolumn"); the help screen says what
happens ("Sorterar på kolumnen under markören; igen vänder ordningen"). The glossary
explains the words every screen uses, in the user's language.
"""

from __future__ import annotations

#: binding id → (svenska, English): what pressing the key does
EXPLAIN: dict[str, tuple[str, str]] = {
    "app.quit": ("Avslutar hti.", "Quits hti."),
    "app.help": ("Visar den här hjälpen: tangenter och ordlista.",
                 "Shows this help: keys and glossary."),
    "app.plugins": ("Öppnar plugins, källfiler och datakvalitet.",
                    "Opens plugins, source files and data-quality notes."),
    "app.copy": ("Kopierar cellen under markören som ett värde (decimalkomma, utan pilar).",
                 "Copies the cell under the cursor as a plain value (no arrows or marks)."),
    "app.copy_row": ("Kopierar raden med en rubrikrad, tabbseparerad för kalkylark.",
                     "Copies the row with a header row, tab-separated for spreadsheets."),
    "app.export": ("Exporterar vyn som den visas till CSV, Excel eller Parquet.",
                   "Exports the view as shown to CSV, Excel or Parquet."),
    "app.back": ("Tillbaka till föregående vy.", "Back to the previous view."),
    "app.reload": ("Läser om resultaten när de byggts om medan hti var öppet (hti säger till).",
                   "Reloads the results when they were rebuilt while hti was open (hti says so)."),
    "app.palette": ("Kommandopaletten: sök kommuner, indikatorer och åtgärder.",
                    "The command palette: find kommuner, indicators and actions."),
    "ranking.open": ("Öppnar kommunen på raden: poäng, bidrag, utveckling, jämförbara.",
                     "Opens the kommun on the row: scores, contributions, trend, peers."),
    "ranking.search": ("Söker kommun medan du skriver (å ä ö behövs inte). Enter: tabellen.",
                       "Searches kommuner as you type (accents optional). Enter: the table."),
    "ranking.sort": ("Sorterar på kolumnen under markören; igen vänder ordningen.",
                     "Sorts by the column under the cursor; again reverses it."),
    "ranking.sort_rank": ("Sorterar på rang.", "Sorts by rank."),
    "ranking.sort_name": ("Sorterar på namn (svensk ordning, Å Ä Ö sist).",
                          "Sorts by name (Swedish order)."),
    "ranking.next_year": ("Visar nästa indexår.", "Shows the next index year."),
    "ranking.prev_year": ("Visar föregående indexår.", "Shows the previous index year."),
    "ranking.filter": ("Går till filtren: län, kommungrupp, resultatgrupp.",
                       "Moves to the filters: län, kommungrupp, result group."),
    "ranking.clear": ("Tar bort sökning och alla filter.", "Clears the search and filters."),
    "ranking.table": ("Tillbaka till tabellen.", "Back to the table."),
    "ranking.mark": ("Markerar kommunen (●) för jämförelse, högst fem.",
                     "Marks the kommun (●) for comparison, at most five."),
    "ranking.compare": ("Jämför de markerade kommunerna på alla nivåer.",
                        "Compares the marked kommuner at every level."),
    "ranking.whatif": ("Tänk om: ändra indikatorvärden och se ny rang.",
                       "What if: change indicator values and see the new rank."),
    "ranking.indicators": ("Väljer en indikator: fördelning, bäst och sämst.",
                           "Picks an indicator: distribution, best and worst."),
    "kommun.indicator": ("Öppnar indikatorn på raden.", "Opens the indicator on the row."),
    "kommun.whatif": ("Tänk om för den här kommunen.", "What if for this kommun."),
    "kommun.compare": ("Jämför med en annan kommun.", "Compares with another kommun."),
    "kommun.next_year": ("Samma kommun, nästa indexår.", "Same kommun, next index year."),
    "kommun.prev_year": ("Samma kommun, föregående indexår.",
                         "Same kommun, previous index year."),
    "kommun.sort": ("Sorterar indikatorerna på kolumnen under markören; igen vänder.",
                    "Sorts the indicators by the column under the cursor; again reverses."),
    "kommun.group": ("Växlar mellan indikatorer per kvalitetsområde och en enda lista.",
                     "Switches between indicators by quality area and one list."),
    "kommun.reference": ("Byter vad gapen tas mot: median (riket), liknande kommuner eller "
                         "bästa kvartilen; som hti show --reference.",
                         "Switches what the gaps are taken against: the national median, "
                         "the peers or the best quartile; as hti show --reference."),
    "kommun.all_areas": ("Visar alla kvalitetsområden igen efter Enter på ett område.",
                         "Shows every quality area again after Enter on one."),
    "compare.remove": ("Tar bort kommunen i kolumnen under markören.",
                       "Removes the kommun in the cursor's column."),
    "compare.add": ("Lägger till en kommun (högst fem).", "Adds a kommun (at most five)."),
    "whatif.save": ("Sparar de ändrade värdena under ett namn i projektets "
                    "scenarios/whatif.json.",
                    "Saves the changed values under a name in the project's "
                    "scenarios/whatif.json."),
    "whatif.load": ("Öppnar ett sparat scenario och räknar om.",
                    "Loads a saved scenario and recomputes."),
    "whatif.reset": ("Återställer alla ändrade värden.", "Resets every changed value."),
    "whatif.apply": ("Räknar om index och rang med de nya värdena.",
                     "Recomputes index and rank with the new values."),
    "whatif.edit": ("Ändrar värdet på raden.", "Edits the value on the row."),
    "indicator.open": ("Öppnar kommunen på raden.", "Opens the kommun on the row."),
}

#: (term, svenska, English)
GLOSSARY: list[tuple[str, str, str]] = [
    ("Poäng", "Indikatorns eller nodens värde omräknat till 0–100 (100 bäst), så att olika "
     "mått kan vägas ihop.",
     "An indicator's or node's value rescaled to 0–100 (100 best), so that different "
     "measures can be combined."),
    ("Bidrag", "Hur många indexpoäng en indikator ger kommunens index: poängen gånger "
     "indikatorns samlade vikt. Bidragen summerar till index.",
     "How many index points an indicator adds to the kommun's index: its score times its "
     "overall weight. The contributions add up to the index."),
    ("Mot median", "Poängen minus alla kommuners median för samma nod: plus är bättre än "
     "mittenkommunen.",
     "The score minus the median of every kommun for the same node: plus is better than "
     "the middle kommun."),
    ("Del av gapet", "En indikators del av indexets gap mot referensen (median, "
     "jämförbara eller bästa kvartil), i indexpoäng: delarna summerar exakt till indexets "
     "gap. Det är inte indikatorns poäng minus dess median (se docs/MODEL.md).",
     "An indicator's part of the index's gap to the reference (median, peers or best "
     "quartile), in index points: the parts add up exactly to the index's gap. It is not "
     "the indicator's score minus its median (see docs/MODEL.md)."),
    ("Resultatgrupp", "Femtedelar av kommunerna efter index (Lågt resultat … Högt resultat), "
     "enligt hti.toml [method.result_groups].",
     "Fifths of the kommuner by index (Low … High), as set in hti.toml "
     "[method.result_groups]."),
    ("Rangintervall", "Rangen kommunen får i 90 % av osäkerhetskörningarna (vikter, "
     "normalisering, aggregering, bortfall varierade): ett smalt intervall är en säker "
     "rang.",
     "The rank interval: the ranks a kommun gets in 90 % of the uncertainty runs (weights, "
     "normalisation, aggregation and missing data varied); a narrow interval is a safe "
     "rank."),
    ("Täckning", "Andel av indikatorernas vikt som har data för kommunen. Låg täckning: "
     "index vilar på färre mått; under gränsen rangordnas kommunen inte.",
     "Coverage: the share of the indicators' weight with data for the kommun. Low "
     "coverage: the index rests on fewer measures; below the threshold it is not ranked."),
]


#: Textual's own bindings (no id), by action: what they do, for the ``?`` screen
TEXTUAL_EXPLAIN: dict[str, tuple[str, str]] = {
    "app.focus_next": ("Flyttar markören till nästa fält (sökruta, filter, tabell).",
                       "Moves the focus to the next field (search, filters, table)."),
    "app.focus_previous": ("Flyttar markören till föregående fält.",
                           "Moves the focus to the previous field."),
    "screen.copy_text": ("Kopierar text du markerat med musen.",
                         "Copies the text you selected with the mouse."),
    "quit": ("Avslutar hti.", "Quits hti."),
    "app.quit": ("Avslutar hti.", "Quits hti."),
    "command_palette": ("Kommandopaletten: sök kommuner, indikatorer och åtgärder.",
                        "The command palette: search kommuner, indicators and actions."),
}


def explain(binding_id: str | None, language: str, action: str = "") -> str:
    """What the binding does, in a sentence; Textual's own bindings by their ``action``."""
    pair = EXPLAIN.get(binding_id or "") or (None if binding_id else TEXTUAL_EXPLAIN.get(action))
    if pair is None and binding_id and ".tab_" in binding_id:  # 1, 2, 3 …: named by the key
        pair = ("Byter till fliken (som att klicka på den).",
                "Switches to the tab (as clicking it does).")
    if pair is None:
        return ""
    return pair[0] if language == "sv" else pair[1]
