"""The statusudtalelse as plain text for the case system's journal: the same
sections and figures as the PDF, as headed lines (no tables, no markup), so
it pastes cleanly into any text field."""
from __future__ import annotations

from app.documents.status_phrases import (
    HOW_COUNTED,
    TITLE,
    followup_counts,
    followup_detail,
    month_cells,
    opt_percent,
    period,
    placement_period,
    totals_sentence,
    trend_sentence,
)
from app.formatting import fmt_date, fmt_hours
from app.services.status_model import MilestoneLine, StatusReport


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", title.upper(), *lines]


def _or_none(lines: list[str], none: str) -> list[str]:
    return lines or [none]


def render_text(r: StatusReport) -> str:
    out = [f"{TITLE} til jobcentret – {r.citizen_name}", f"Periode: {period(r)}",
           f"Jobcoach: {r.coach_name}" + (f" ({r.coach_contact})" if r.coach_contact else ""),
           f"Enhed: {r.unit_name}", f"Udarbejdet: {fmt_date(r.made_on)}"]
    out += _section("Forløb i perioden", _or_none(
        [f"- {p.kind}, {p.workplace or 'arbejdssted ikke angivet'}"
         + (f", {p.job_title}" if p.job_title else "") + f", {placement_period(p.start, p.end, p.ended)}"
         for p in r.placements], "Ingen forløb i perioden."))
    out += _section("Timer pr. måned", _months(r) + [totals_sentence(r), trend_sentence(r)])
    out += _section("Arbejdsintensitet", _intensity(r))
    out += _section("Skånehensyn", _accommodations(r))
    out += _section("Kompenserende ordninger (hjælpemidler, mentor og anden støtte)", _measures(r))
    out += _section("Delmål", _milestones(r))
    out += _section("Opfølgning", [followup_counts(r)] + [
        f"- {fmt_date(f.day)}: {f.what}" + (f", {f.channel.lower()}" if f.channel else "")
        + (f" – {followup_detail(f)}" if followup_detail(f) else "") for f in r.followups])
    out += _section("Jobcoachens vurdering", [r.assessment or "Ingen vurdering skrevet."])
    out += _section("Anbefaling", [r.recommendation or "Ingen anbefaling skrevet."])
    out += _section("Sådan er tallene talt", [HOW_COUNTED])
    return "\n".join(out).strip() + "\n"


def _months(r: StatusReport) -> list[str]:
    lines = []
    for m in r.months:
        name, weeks, present, effective, ordinary, per_week, intensity, agreed = month_cells(m)
        if m.weeks:
            lines.append(f"- {name}: fremmøde {present}, effektive {effective}, ordinære {ordinary} "
                         f"({weeks} uger, {per_week} pr. uge, intensitet {intensity}); aftalt pr. uge {agreed}")
        else:
            lines.append(f"- {name}: ingen timer registreret; aftalt pr. uge {agreed}")
    return lines


def _intensity(r: StatusReport) -> list[str]:
    return _or_none([f"- Fra {fmt_date(s.valid_from)}, {s.workplace}: {opt_percent(s.intensity)} "
                     f"({fmt_hours(s.present)} fremmøde = {fmt_hours(s.effective)} effektive pr. uge)"
                     for s in r.intensity_steps], "Ingen lønaftale med arbejdsintensitet i perioden.")


def _accommodations(r: StatusReport) -> list[str]:
    lines = [f"Gældende ved periodens slutning ({fmt_date(r.end)}):"]
    lines += _or_none([f"- {a.category}: {_one_line(a.text)} (kilde: {a.source.lower()}, fra {fmt_date(a.since)}"
                       + (f" til {fmt_date(a.until)}" if a.until else "") + ")" for a in r.accommodations],
                      "- Ingen.")
    lines.append("Ændringer i perioden:")
    lines += _or_none([f"- {fmt_date(c.day)} {c.what.lower()}: {c.category}: {_one_line(c.text)}"
                       + (f" (før: {_one_line(c.before)})" if c.before else "")
                       for c in r.accommodation_changes], "- Ingen.")
    return lines


def _measures(r: StatusReport) -> list[str]:
    lines = [f"- {a.category}: {_one_line(a.text)} (fra {fmt_date(a.since)})" for a in r.compensating]
    if r.support_text.strip():
        lines.append(f"- Støtte: {_one_line(r.support_text)}")
    return _or_none(lines, "Ingen hjælpemidler, mentor eller anden støtte registreret.")


def _milestones(r: StatusReport) -> list[str]:
    def row(m: MilestoneLine) -> str:
        when = f"nået {fmt_date(m.achieved_on)}" if m.achieved_on else f"måldato {fmt_date(m.target)}"
        return f"- {m.kind}: {_one_line(m.text)} ({m.workplace}, {when})"
    reached = [row(m) for m in r.milestones_with("Nået")]
    missed = [row(m) + f" – {m.status.lower()}" for m in r.milestones_with("Ikke nået", "Frist overskredet")]
    upcoming = [row(m) for m in r.upcoming]
    return (["Nået:"] + _or_none(reached, "- Ingen.") + ["Ikke nået:"] + _or_none(missed, "- Ingen.")
            + ["Kommende:"] + _or_none(upcoming, "- Ingen."))


def _one_line(text: str) -> str:
    return " / ".join(x.strip() for x in text.splitlines() if x.strip())

