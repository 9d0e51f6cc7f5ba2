"""The sections of the printed statusudtalelse, each from the report data.
An empty section says so rather than vanish."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from app.documents.blocks import data_table, keep_if_short, key_values, markup, paragraphs
from app.documents.status_phrases import (
    HOW_COUNTED,
    followup_counts,
    followup_detail,
    month_cells,
    opt_percent,
    placement_period,
    totals_sentence,
    trend_sentence,
)
from app.formatting import fmt_date, fmt_hours
from app.services.status_model import MilestoneLine, StatusReport

Styles = dict


def heading(number: int, title: str, st: Styles) -> list[Flowable]:
    """Never alone at the foot of a page."""
    return [CondPageBreak(30 * mm), Paragraph(f"{number}. {markup(title)}", st["h1"])]


def subheading(title: str, st: Styles) -> list[Flowable]:
    return [CondPageBreak(18 * mm), Paragraph(markup(title), st["h2"])]


def none_text(text: str, st: Styles) -> Paragraph:
    return Paragraph(f"<i>{markup(text)}</i>", st["body"])


def placements(r: StatusReport, st: Styles) -> list[Flowable]:
    out = heading(1, "Forløb i perioden", st)
    if not r.placements:
        return out + [none_text("Ingen forløb i perioden.", st)]
    rows = [[p.kind, p.workplace, p.job_title or "–", placement_period(p.start, p.end, p.ended)]
            for p in r.placements]
    return keep_if_short(out + [data_table(["Beskæftigelse", "Arbejdssted", "Jobtitel", "Periode"],
                                           rows, [40, 44, 40, 46], st)], len(rows))


def hours(r: StatusReport, st: Styles) -> list[Flowable]:
    head = ["Måned", "Uger", "Fremmøde", "Effektive", "Ordinære", "Pr. uge", "Intensitet", "Aftalt pr. uge"]
    rows = [month_cells(m, short=True) for m in r.months]
    out = keep_if_short(heading(2, "Timer pr. måned", st)
                        + [data_table(head, rows, [23.5, 13.5, 24.5, 21.5, 22.5, 18, 23, 23.5], st)], len(rows))
    return out + [Spacer(1, 2 * mm), Paragraph(markup(totals_sentence(r)), st["body"]),
                  Paragraph(f"<b>{markup(trend_sentence(r))}</b>", st["body"])]


def intensity(r: StatusReport, st: Styles) -> list[Flowable]:
    out = heading(3, "Arbejdsintensitet", st)
    if not r.intensity_steps:
        return out + [none_text("Ingen lønaftale med arbejdsintensitet i perioden.", st)]
    rows = [[fmt_date(s.valid_from), s.workplace, fmt_hours(s.present), opt_percent(s.intensity),
             fmt_hours(s.effective)] for s in r.intensity_steps]
    table = data_table(["Gælder fra", "Arbejdssted", "Fremmøde pr. uge", "Intensitet", "Effektive pr. uge"],
                       rows, [25, 55, 30, 26, 34], st)
    return keep_if_short(out + [table], len(rows))


def accommodations(r: StatusReport, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    sub = heading(4, "Skånehensyn", st) + subheading(f"Gældende ved periodens slutning ({fmt_date(r.end)})", st)
    if r.accommodations:
        rows = [[a.category, a.text, a.source, fmt_date(a.since) + (f"–{fmt_date(a.until)}" if a.until else "")]
                for a in r.accommodations]
        out += keep_if_short(sub + [data_table(["Område", "Skånehensyn", "Kilde", "Gælder"], rows,
                                               [30, 80, 30, 30], st)], len(rows))
    else:
        out += sub + [none_text("Ingen skånehensyn gældende.", st)]
    sub = subheading("Ændringer i perioden", st)
    if not r.accommodation_changes:
        return out + sub + [none_text("Ingen ændringer i perioden.", st)]
    rows = [[fmt_date(c.day), c.what, c.category, c.text + (f"\n(før: {c.before})" if c.before else "")]
            for c in r.accommodation_changes]
    return out + keep_if_short(sub + [data_table(["Dato", "Ændring", "Område", "Skånehensyn"], rows,
                                                 [24, 21, 30, 95], st)], len(rows))


def measures(r: StatusReport, st: Styles) -> list[Flowable]:
    out = heading(5, "Kompenserende ordninger", st)
    out.append(Paragraph("Hjælpemidler, mentor og anden personlig støtte, som gælder ved periodens slutning.",
                         st["body"]))
    pairs = [(a.category, f"{a.text} (fra {fmt_date(a.since)})") for a in r.compensating]
    if r.support_text.strip():
        pairs.append(("Anden støtte", r.support_text))
    return out + ([key_values(pairs, st)] if pairs else
                  [none_text("Ingen hjælpemidler, mentor eller anden støtte registreret.", st)])


def _milestone_rows(items: list[MilestoneLine]) -> list[list[str]]:
    return [[m.kind, m.text or "–", m.workplace, fmt_date(m.target),
             m.status + (f" {fmt_date(m.achieved_on)}" if m.achieved_on else "")] for m in items]


def milestones(r: StatusReport, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    head = ["Delmål", "Beskrivelse", "Arbejdssted", "Måldato", "Status"]
    widths: list[float] = [26, 56, 36, 24, 28]
    for title, items in (("Nået i perioden", r.milestones_with("Nået")),
                         ("Ikke nået i perioden", r.milestones_with("Ikke nået", "Frist overskredet")),
                         ("Kommende", r.upcoming)):
        sub = [] if out else heading(6, "Delmål", st)  # the heading stays with the first table
        sub += subheading(f"{title} ({len(items)})", st)
        out += (keep_if_short(sub + [data_table(head, _milestone_rows(items), widths, st)], len(items))
                if items else sub + [none_text("Ingen.", st)])
    return out


def followups(r: StatusReport, st: Styles) -> list[Flowable]:
    out = heading(7, "Opfølgning", st) + [Paragraph(markup(followup_counts(r)), st["body"])]
    if not r.followups:
        return out + [none_text("Ingen opfølgning i perioden.", st)]
    rows = [[fmt_date(f.day), f.what, f.channel or "–", followup_detail(f) or "–"] for f in r.followups]
    return keep_if_short(out + [data_table(["Dato", "Opfølgning", "Kontaktform", "Bemærkning"], rows,
                                           [24, 36, 29, 81], st)], len(rows))


def assessment(r: StatusReport, st: Styles) -> list[Flowable]:
    out = heading(8, "Jobcoachens vurdering", st)
    out += paragraphs(r.assessment, st["body"]) or [none_text("Ingen vurdering skrevet.", st)]
    out += heading(9, "Anbefaling", st)
    out += paragraphs(r.recommendation, st["body"]) or [none_text("Ingen anbefaling skrevet.", st)]
    return out + subheading("Sådan er tallene talt", st) + [Paragraph(markup(HOW_COUNTED), st["small"])]


SECTIONS = (placements, hours, intensity, accommodations, measures, milestones, followups, assessment)
