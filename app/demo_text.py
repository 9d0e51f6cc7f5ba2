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
