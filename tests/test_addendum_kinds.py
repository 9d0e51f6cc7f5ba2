"""For every kind of placement: print the tillægsaftale, read it back with
pypdf and check the kind's terms, the standard clauses, the citizen's first
page and the parties; render every page with pdftoppm to look at."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.services import addenda
from db.enums import PlacementType as PT
from tests.addendum_kinds_support import GOAL, TODAY, make_kind
from tests.test_addendum_helpers import flat, pdf_text, render_pngs

CLAUSE_TITLES = ("Sygdom og fravær", "Sådan ophører aftalen", "Forsikring", "Tavshedspligt", "Retsgrundlag",
                 "Borgerens ydelse og løn")
# What each kind must say, and what it must not.
MUST = {
    PT.INTERNSHIP: ["Løn Ingen løn", "beholder sin ydelse under praktikken: Kontanthjælp",
                    "Formål Afprøve køkkenarbejde", "kapitel 11", "Du får ikke løn i praktikken"],
    PT.WAGE_SUBSIDY: ["Løntilskud 25,00 kr. pr. løntime, betalt af kommunen til virksomheden", "kapitel 12",
                      "Virksomheden betaler løn til borgeren"],
    PT.FLEX_JOB: ["Fleksløntilskud udbetales af kommunen til borgeren", "Effektive timer pr. uge 4 t",
                  "kapitel 13", "fleksløntilskud fra kommunen"],
    PT.EXTERNAL_EMPLOYMENT: ["Faktura til virksomheden Virksomheden faktureres hver måned",
                             "Virksomheden betaler til enheden, som betaler borgeren"],
    PT.EXTERNAL_LEARNING: ["Gratis: enheden betaler borgerens løn", "Højst 3 måneder",
                           "Enheden betaler løn til borgeren"],
    PT.INTERNAL_LEARNING: ["ikke en selvstændig part", "Intern arbejdsplads Støttecenterets køkken"],
    PT.INTERNAL_EMPLOYMENT: ["ikke en selvstændig part", "Intern arbejdsplads Støttecenterets køkken"],
    PT.SMALL_JOB: ["Arbejdsintensitet Gælder ikke", "Aftalte ordinære timer 8 t pr. uge",
                   "Småjob er ordinære timer"],
}
MUST_NOT = {
    PT.INTERNSHIP: ["Timeløn", "Anslået løn", "Virksomheden betaler løn"],
    PT.SMALL_JOB: ["Arbejdsintensitet 50 %", "Løntimer pr. uge"],
    PT.INTERNAL_LEARNING: ["For virksomheden", "Virksomheden CVR"],
    PT.INTERNAL_EMPLOYMENT: ["For virksomheden", "Virksomheden CVR"],
    PT.FLEX_JOB: ["Intet tilskud"], PT.WAGE_SUBSIDY: ["Intet tilskud"],
}


@pytest.mark.parametrize("kind", list(PT))
def test_each_kind_prints_its_terms_and_clauses(ctx, kind):
    placement_id = make_kind(ctx, kind)
    _, pdf, _ = addenda.print_addendum(ctx, placement_id)
    pages = pdf_text(pdf)
    text = flat("\n".join(pages))
    assert flat(pages[0]).count("Din aftale – kort fortalt") == 1  # the citizen's page comes first
    for phrase in ("Mandag kl. 09:00–13:00", "Torsdag kl. 09:00–13:00", "I alt 8 t om ugen",
                   "din jobcoach Lise Holm Jørgensen på +45 76 94 10 10", f"»{GOAL}«", "Næste møde Senest"):
        assert phrase in flat(pages[0]), phrase
    for phrase in ("10. Vilkår", "11. Underskrifter", *CLAUSE_TITLES, "Gælder fra",
                   "Erstatter Første version af aftalen", "Mindst 30 ordinære timer om måneden",
                   "Jobcoach Lise Holm Jørgensen", "Fremmødetimer pr. uge 8 t", *MUST[kind]):
        assert phrase in text, phrase
    for phrase in MUST_NOT.get(kind, []):
        assert phrase not in text, phrase
    signature_page = flat(next(p for p in pages if "11. Underskrifter" in p))
    parties = 2 if kind in (PT.INTERNAL_LEARNING, PT.INTERNAL_EMPLOYMENT) else 3
    assert signature_page.count("Dato") == parties
    assert "Underskrift – Lise Holm Jørgensen" in signature_page
    pngs = render_pngs(pdf, f"addendum-{kind.value}")
    assert len(pngs) == len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_health_source_is_printed_only_with_the_citizens_consent(ctx):
    from app.services import accommodations, placements

    placement_id = make_kind(ctx, PT.FLEX_JOB)
    citizen_id = placements.get_placement(ctx, placement_id).citizen_id
    for text, consent in (("Ingen løft over 10 kg.", False), ("Skriftlig dagsplan ved mødetid.", True)):
        accommodations.add_accommodation(ctx, citizen_id, category="fysisk", text=text, source="laegeerklaering",
                                         start_date=TODAY, share_consent=consent)
    _, pdf, _ = addenda.print_addendum(ctx, placement_id)
    text = flat("\n".join(pdf_text(pdf)))
    assert "Ingen løft over 10 kg. Ikke oplyst: borgeren har ikke givet samtykke" in text
    assert "Skriftlig dagsplan ved mødetid. Lægeerklæring (borgeren har givet samtykke til at dele)" in text
    assert text.count("Lægeerklæring") == 1
