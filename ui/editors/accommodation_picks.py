"""Typical skånehensyn per category, offered as one-click texts (the
catalogue in DESIGN.md); the coach can always write their own."""
from __future__ import annotations

from db.enums import AccommodationCategory as AC

QUICK_PICKS: dict[str, tuple[str, ...]] = {
    AC.WORKING_TIME: ("Fast mødetid kl. 9", "Højst 4 timer om dagen", "Fri om fredagen",
                      "Fleksibel start om morgenen"),
    AC.BREAKS: ("Pause hver time", "Mulighed for at trække sig tilbage i pauser", "Ekstra pauser efter behov"),
    AC.PACE: ("Lavt tempo i opstarten", "Ingen tidspres eller akkord", "Arbejdsintensitet på 50 %"),
    AC.TASKS: ("Én opgave ad gangen", "Kun faste, genkendelige opgaver", "Ingen kundekontakt",
               "Ingen telefonpasning"),
    AC.PHYSICAL: ("Ingen løft over 10 kg", "Mulighed for at sidde ned", "Ingen arbejde over skulderhøjde",
                  "Begrænset gang og stående arbejde"),
    AC.SURROUNDINGS: ("Rolig arbejdsplads med få mennesker", "Egen arbejdsplads, ikke storrum",
                      "Mulighed for høreværn mod støj"),
    AC.AIDS: ("Hæve-sænkebord", "Skriftlig dagsplan", "Høreværn"),
    AC.COGNITIVE: ("Fast person at spørge", "Klare, korte instruktioner", "Skriftlige beskeder frem for mundtlige",
                   "Én opgave ad gangen"),
    AC.SOCIAL: ("Fast mentor på arbejdspladsen", "Fast kollega at spise frokost med",
                "Ugentlig samtale med kontaktpersonen"),
    AC.OTHER: (),
}
