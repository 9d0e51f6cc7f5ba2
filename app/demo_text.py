"""Phrase bank for demo notes and tasks (fast to compose in bulk)."""
from __future__ import annotations

import random

_SENTENCES = [
    "Borgeren møder stabilt og til tiden.",
    "Kontaktpersonen fortæller, at samarbejdet går godt.",
    "Vi aftalte at øge tiden med en time om ugen fra næste måned.",
    "Borgeren oplever træthed efter frokost; pauserne overholdes.",
    "Løftebegrænsningen bliver respekteret på lageret.",
    "Der er behov for en fast person at spørge, når der kommer nye opgaver.",
    "Borgeren har selv sorteret varemodtagelsen i dag.",
    "Opgaverne skal gives én ad gangen med klare instruktioner.",
    "Virksomheden er interesseret i at fortsætte efter læringsforløbet.",
    "Vi talte om mulighed for ordinære timer om lørdagen.",
    "Kollegaerne er gode til at inddrage borgeren i frokostpausen.",
    "Støj i kantinen er svær; borgeren sidder nu i det lille rum.",
    "Intensiteten vurderes at være omkring halvdelen af normal ydelse.",
    "Ærø-turen med holdet gik fint, og borgeren deltog hele dagen.",
    "Næste opfølgning bliver et telefonmøde med mester.",
]
_TASKS = ["Varemodtagelse og opfyldning af hylder", "Rengøring af køkken og kantine",
          "Pakning af ordrer", "Pasning af udearealer", "Opvask og klargøring",
          "Sortering af returvarer", "Enkle kontoropgaver og arkivering"]


def note_text(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(_SENTENCES) for _ in range(sentences))


def task_text(rng: random.Random) -> str:
    return "\n".join(f"- {t}" for t in rng.sample(_TASKS, rng.randint(2, 4)))


# Skånehensyn that are skånehensyn, per category (db.enums.AccommodationCategory values).
_ACCOMMODATIONS = {
    "arbejdstid": ["Højst 4 timer om dagen, ikke før kl. 9.", "Fri om onsdagen til behandling."],
    "pauser": ["Pause på 10 minutter hver time.", "Mulighed for at hvile sig i frokostpausen."],
    "tempo": ["Arbejder i eget tempo; ingen akkord eller tidspres.", "Én opgave ad gangen."],
    "opgaver": ["Faste, genkendelige opgaver; nye opgaver introduceres af kontaktpersonen.",
                "Ingen kundekontakt i kassen."],
    "fysisk": ["Ingen løft over 10 kg.", "Ingen arbejde over skulderhøjde.",
               "Skiftevis siddende og stående arbejde."],
    "omgivelser": ["Et roligt sted at arbejde uden meget støj.", "Ingen arbejde i kølerum."],
    "hjaelpemidler": ["Hæve-sænkebord ved pakkebordet.", "Høreværn ved opvasken."],
    "kognitiv": ["Skriftlig dagsplan ved mødetid.", "Instruktioner gives én ad gangen og gentages."],
    "social": ["Fast kontaktperson at spørge, når noget er uklart.",
               "Mentor fra Støttecentret en gang om ugen."],
    "andet": ["Må tage telefonen ved opkald fra bostøtten."],
}
_GOALS = ["Jeg vil gerne have et rigtigt job i et køkken med fast løn.",
          "Jeg vil have flere timer og kunne klare mig selv uden kontanthjælp.",
          "Jeg vil lære at køre truck og arbejde på lager.",
          "Jeg vil gerne arbejde med planter og være udenfor.",
          "Jeg vil have nogle kolleger og komme ud hver dag.",
          "Jeg vil gerne blive ansat i butikken, hvor jeg er nu."]
_PURPOSES = ["Afklare om borgeren kan arbejde på lager 10 timer om ugen.",
             "Afprøve køkkenarbejde og borgerens skånebehov i praksis.",
             "Opbygge arbejdsrutiner og mødestabilitet med henblik på ordinære timer."]
BENEFITS = ["Kontanthjælp", "Ressourceforløbsydelse", "Ledighedsydelse", "Førtidspension"]


def accommodation_text(rng: random.Random, category: str) -> str:
    return rng.choice(_ACCOMMODATIONS.get(category) or _ACCOMMODATIONS["andet"])


def citizen_goal(rng: random.Random) -> str:
    return rng.choice(_GOALS)


def praktik_purpose(rng: random.Random) -> str:
    return rng.choice(_PURPOSES)
