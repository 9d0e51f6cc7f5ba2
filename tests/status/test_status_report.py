"""The statusudtalelse of the hand-made citizen (tests/status/citizen.py):
the figures in the data object, in the PDF read back with pypdf and in the
plain text; every page rendered; the access log."""
from __future__ import annotations

import io
from collections import defaultdict
from datetime import date

import pytest
from pypdf import PdfReader

from app.rules.errors import ValidationError
from app.services import access_log, citizens, status_report
from app.services.crud import NotFound
from tests.status.citizen import COACH, COMPANY, END, NAME, START, SUPPORT, UNIT, WEEKS, make_citizen
from tests.test_addendum_helpers import flat, pdf_text, render_pngs

ASSESSMENT = "Karen har fået mere overskud.\n\nHun arbejder nu selvstændigt ved kassen."
RECOMMENDATION = "Skånejobbet fortsætter; timetallet øges til 18 t fra 1. oktober."


def t(hours: float) -> str:
    """Hours the Danish way, as a reader expects them: 12,5 t."""
    return f"{hours:g} t".replace(".", ",")


def expected_months() -> dict[tuple[int, int], tuple[int, float, float, float]]:
    """Weeks, present, effective, ordinary per month, counted from WEEKS."""
    out: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for monday, (present, pct, ordinary) in WEEKS.items():
        if START <= monday <= END:
            acc = out[(monday.year, monday.month)]
            acc[0] += 1
            acc[1] += present
            acc[2] += present * pct / 100
            acc[3] += ordinary
    return {k: (int(v[0]), v[1], v[2], v[3]) for k, v in out.items()}


@pytest.fixture
def report(ctx):
    made = make_citizen(ctx)
    return status_report.build(ctx, made.citizen_id, START, END, ASSESSMENT, RECOMMENDATION)


def test_hours_by_month_trend_and_intensity(report):
    months = {(m.month.year, m.month.month): m for m in report.months}
    assert list(months) == [(2026, m) for m in range(3, 9)]
    for key, (weeks, present, effective, ordinary) in expected_months().items():
        m = months[key]
        assert (m.weeks, m.present, m.effective, m.ordinary) == (weeks, present, effective, ordinary)
    assert months[(2026, 4)].weeks == 0 and months[(2026, 4)].agreed_present == 10  # wage v1 only
    assert months[(2026, 6)].agreed_present == 12 + 3   # wage v2 + the course's Friday 9-12
    assert months[(2026, 7)].agreed_present == 15 + 3 and months[(2026, 7)].agreed_intensity == 60
    assert months[(2026, 8)].agreed_present == 15       # the course ended 31.07
    assert report.totals() == (195, 105, 25)
    trend = report.trend
    assert (trend.first, trend.last, trend.direction, trend.source) == (10, 15, "stigende", "timer")
    assert [(s.valid_from, s.intensity, s.present, s.effective) for s in report.intensity_steps] == [
        (date(2026, 2, 2), 40, 10, 4), (date(2026, 5, 1), 50, 12, 6), (date(2026, 7, 1), 60, 15, 9)]
    assert [(p.kind, p.workplace) for p in report.placements] == [
        ("Job med løntilskud (skånejob)", COMPANY), ("Internt læringsforløb", UNIT)]


def test_skaanehensyn_measures_milestones_and_followups(report):
    assert [(a.category, a.text) for a in report.accommodations] == [
        ("Fysiske skånehensyn", "Ingen løft over 15 kg."),
        ("Hjælpemidler", "Hæve-sænkebord og ergonomisk stol."),
        ("Pauser", "Pause hver time, 10 minutter.")]
    assert [(c.day, c.what, c.category, c.before) for c in report.accommodation_changes] == [
        (date(2026, 3, 1), "Indført", "Social støtte", ""),
        (date(2026, 3, 15), "Ophørt", "Tempo og intensitet", ""),
        (date(2026, 4, 15), "Indført", "Hjælpemidler", ""),
        (date(2026, 6, 1), "Ændret", "Pauser", "Pause hver anden time."),
        (date(2026, 7, 31), "Ophørt", "Social støtte", "")]
    assert [a.category for a in report.compensating] == ["Hjælpemidler"]
    assert report.support_text == SUPPORT
    assert [(m.text, m.achieved_on) for m in report.milestones_with("Nået")] == [
        ("Op på 12 timer om ugen", date(2026, 4, 28)), ("Intensitet 60 %", date(2026, 7, 1))]
    assert [(m.text, m.status) for m in report.milestones_with("Ikke nået", "Frist overskredet")] == [
        ("30 ordinære timer på en måned", "Ikke nået"), ("Betjene kassen", "Frist overskredet")]
    assert [m.text for m in report.upcoming] == ["Selvstændig planlægning af dagen"]
    assert [(f.day, f.what, f.due) for f in report.followups] == [
        (date(2026, 3, 20), "Afholdt", date(2026, 3, 25)),
        (date(2026, 4, 15), "Afholdt", date(2026, 4, 20)),
        (date(2026, 5, 10), "Aflyst", None),
        (date(2026, 6, 1), "Afholdt for sent", date(2026, 5, 15)),
        (date(2026, 7, 1), "Frist uden kontakt", date(2026, 7, 1)),
        (date(2026, 7, 15), "Planlagt, ikke afholdt", None),
        (date(2026, 8, 20), "Afholdt for sent", date(2026, 8, 1))]


def test_pdf_reads_back_with_the_figures(ctx, report, tmp_path):
    pdf = status_report.pdf(ctx, report)
    pages = pdf_text(pdf)
    text = flat("\n".join(pages))
    short = {3: "mar.", 5: "maj", 6: "jun.", 7: "jul.", 8: "aug."}
    for (year, month), (weeks, present, effective, ordinary) in expected_months().items():
        row = f"{short[month]} {year} {weeks} {t(present)} {t(effective)} {t(ordinary)} {t(present / weeks)}"
        assert row in text, row
    assert "apr. 2026 0 – – – – – 10 t (40 %)" in text
    assert "fremmøde 195 t, effektive 105 t, ordinære 25 t, gennemsnitlig intensitet 53,8 %" in text
    assert "Udvikling: stigende. Fremmøde pr. uge 10 t i marts 2026 og 15 t i august 2026 (+5 t)" in text
    for needle in ("01.05.2026 " + COMPANY + " 12 t 50 % 6 t", "Pause hver time, 10 minutter. (før: Pause hver "
                   "anden time.)", "Hæve-sænkebord og ergonomisk stol.", SUPPORT, "Afholdte opfølgninger: 4 "
                   "(heraf for sent: 2). Frister uden kontakt: 1.", "01.07.2026 Frist uden kontakt",
                   "Hun arbejder nu selvstændigt ved kassen.", RECOMMENDATION, NAME,
                   f"Jobcoach {COACH[0]} ({COACH[1]}, {COACH[2]})"):
        assert needle in text, needle
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} af {len(pages)}" in page and "Statusudtalelse – " + NAME in page
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title.startswith("Statusudtalelse – " + NAME)
    fonts = {f.get_object()["/BaseFont"].split("+")[-1] for p in reader.pages
             for f in p["/Resources"]["/Font"].values()}
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} and "DejaVuSans" in fonts
    pngs = render_pngs(pdf, "statusudtalelse")
    assert len(pngs) == len(pages) >= 2


def test_text_has_the_same_figures(ctx, report):
    text = status_report.text_version(ctx, report)
    assert text.startswith(f"Statusudtalelse til jobcentret – {NAME}\nPeriode: 01.03.2026–31.08.2026")
    assert ("- maj 2026: fremmøde 36 t, effektive 18 t, ordinære 0 t (3 uger, 12 t pr. uge, intensitet 50 %); "
            "aftalt pr. uge 12 t (50 %)") in text
    assert "- april 2026: ingen timer registreret; aftalt pr. uge 10 t (40 %)" in text
    assert "- 01.06.2026 ændret: Pauser: Pause hver time, 10 minutter. (før: Pause hver anden time.)" in text
    assert "- 31.07.2026 ophørt: Social støtte: Mentor to timer om ugen." in text
    assert "- 20.08.2026: Afholdt for sent, på stedet – frist 01.08.2026" in text
    assert "Karen har fået mere overskud.\n\nHun arbejder" in text and "<" not in text


def test_each_report_made_is_in_the_access_log(ctx, report):
    before = [e for e in access_log.query(ctx, citizen_id=report.citizen_id) if e.entity == "status_report"]
    assert before == []  # gathering writes nothing
    status_report.pdf(ctx, report)
    status_report.text_version(ctx, report)
    made = [e for e in access_log.query(ctx, citizen_id=report.citizen_id) if e.entity == "status_report"]
    assert [e.detail for e in made] == ["Tekst, periode 01.03.2026–31.08.2026", "PDF, periode 01.03.2026–31.08.2026"]
    assert {(e.action_label, e.entity_label, e.user) for e in made} == {("Udskrevet", "Statusudtalelse", ctx.username)}


def test_bad_period_and_unknown_citizen(ctx):
    made = make_citizen(ctx)
    with pytest.raises(ValidationError) as wrong_order:
        status_report.build(ctx, made.citizen_id, END, START)
    assert wrong_order.value.errors == {"end": "Slutdatoen ligger før startdatoen."}
    with pytest.raises(ValidationError) as too_long:
        status_report.build(ctx, made.citizen_id, date(2020, 1, 1), date(2024, 1, 1))
    assert too_long.value.errors == {"end": "Perioden kan højst være 3 år."}
    with pytest.raises(ValidationError) as missing:
        status_report.check_period(None, date(1800, 1, 1))
    assert set(missing.value.errors) == {"start", "end"}
    with pytest.raises(NotFound):
        status_report.build(ctx, "ikke-et-id", START, END)
    citizens.delete_citizen(ctx, made.citizen_id)
    with pytest.raises(NotFound):
        status_report.build(ctx, made.citizen_id, START, END)


def test_a_citizen_with_nothing_recorded_still_gets_a_report(ctx):
    bare = citizens.create_citizen(ctx, name="Ib Ingenting")
    report = status_report.build(ctx, bare.id, START, END)
    text = flat("\n".join(pdf_text(status_report.pdf(ctx, report))))
    for needle in ("Ingen forløb i perioden.", "Der er ikke registreret timer i perioden.",
                   "For få registreringer", "Ingen skånehensyn gældende.", "Ingen vurdering skrevet."):
        assert needle in text, needle
