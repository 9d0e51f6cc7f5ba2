"""Sections 1-5 of the tillægsaftale, each built from the snapshot.
An empty section says so rather than vanish."""
from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from app.documents import addendum_kinds as kinds
from app.documents.blocks import data_table, iso_date, keep_if_short, key_values, markup, paragraphs
from app.formatting import fmt_hours, fmt_percent

Snapshot = dict[str, Any]
Styles = dict


def heading(number: int, title: str, st: Styles) -> list[Flowable]:
    """A section heading; never alone at the foot of a page, yet long text
    after it may start on the same page (unlike keepWithNext)."""
    return [CondPageBreak(30 * mm), Paragraph(f"{number}. {markup(title)}", st["h1"])]


def subheading(title: str, st: Styles) -> list[Flowable]:
    return [CondPageBreak(18 * mm), Paragraph(markup(title), st["h2"])]


def none_agreed(text: str, st: Styles) -> Paragraph:
    return Paragraph(f"<i>{markup(text)}</i>", st["body"])


def _address(d: dict[str, str]) -> str:
    town = " ".join(x for x in (d.get("postal_code", ""), d.get("city", "")) if x)
    return ", ".join(x for x in (d.get("address", ""), town) if x)


def parties(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(1, "Parter", st)]
    company, contact = snap["company"], snap["contact"]
    if company:
        out += [*subheading("Virksomheden", st),
                key_values([("Navn", company["name"]), ("CVR-nummer", company["cvr"]),
                            ("P-nummer", company["p_number"]), ("Adresse", _address(company))], st)]
    else:
        out += [*subheading("Arbejdsstedet", st),
                key_values([("Intern arbejdsplads", snap["placement"]["internal_unit"]),
                            ("Forhold", f"En del af {snap['unit_name']} – ikke en selvstændig part "
                                        "i aftalen.")], st)]
    out += subheading("Fast kontaktperson på arbejdspladsen", st)
    if contact:
        phone_mail = ", ".join(x for x in (contact["phone"], contact["email"]) if x)
        out.append(key_values([("Navn", contact["name"]), ("Stilling", contact["title"]),
                               ("Telefon / e-mail", phone_mail)], st))
    else:
        out.append(none_agreed("Ingen fast kontaktperson angivet.", st))
    citizen = snap["citizen"]
    out += [*subheading("Borgeren", st),
            key_values([("Navn", citizen["name"]), ("Adresse", _address(citizen)),
                        ("Telefon", citizen["phone"])], st),
            *subheading("Den kommunale enhed", st)]
    coach = snap["coach"]
    out.append(key_values([("Enhed", snap["unit_name"]),
                           ("Jobcoach", coach["name"] or "Navn ikke angivet (Indstillinger)"),
                           ("Telefon", coach["phone"]), ("E-mail", coach["email"])], st))
    return out


def placement(snap: Snapshot, st: Styles) -> list[Flowable]:
    p = snap["placement"]
    if p["end"]:
        period = f"{iso_date(p['start'])} – {iso_date(p['end'])}. Afsluttet."
    elif p["planned_end"]:
        period = f"{iso_date(p['start'])} – {iso_date(p['planned_end'])} (planlagt slutdato)"
    else:
        period = f"Fra {iso_date(p['start'])}, ingen planlagt slutdato"
    rows = [("Beskæftigelsestype", p["type"]), ("Arbejdssted", p["workplace"]),
            ("Jobtitel", p["job_title"]), ("Periode", period)]
    if p.get("status"):
        rows.append(("Status", p["status"]))
    if p.get("type_code") == "praktik" or p.get("purpose"):
        rows.append(("Formål", p.get("purpose") or "Intet formål beskrevet."))
    if p.get("limit"):
        rows.append(("Varighed", f"Højst 3 måneder, senest til {iso_date(p['limit'])}."))
    out: list[Flowable] = [*heading(2, "Forløbet", st), key_values(rows, st)]
    out += _limit_warning(snap, st)
    out += [*subheading("Borgerens eget mål", st)]
    goal = p.get("citizen_goal") or ""
    out.append(Paragraph(f"»{markup(goal)}«", st["body"]) if goal
               else none_agreed("Borgerens eget mål er ikke skrevet ned.", st))
    return out


def _limit_warning(snap: Snapshot, st: Styles) -> list[Flowable]:
    """A læringsforløb running past its 3 months, on the day of printing."""
    p, limit = snap["placement"], snap["placement"].get("limit")
    last = p.get("end") or max(p.get("planned_end") or "", snap.get(kinds.PRINTED_ON, ""))
    over = bool(limit) and last > limit
    if not over:
        return []
    return [Paragraph(f"<b>Advarsel:</b> Et eksternt læringsforløb varer højst 3 måneder. Fristen var "
                      f"{iso_date(limit)}; det skal nu afklares, om borgeren kan komme i ekstern "
                      "beskæftigelse, eller forløbet skal afsluttes.", st["warning"])]


def tasks(snap: Snapshot, st: Styles) -> list[Flowable]:
    p = snap["placement"]
    out: list[Flowable] = [*heading(3, "Arbejdsopgaver", st), *subheading("Aftalte arbejdsopgaver", st)]
    out += paragraphs(p["tasks"], st["body"]) or [none_agreed("Ingen arbejdsopgaver beskrevet.", st)]
    out += subheading("Opgaver borgeren ikke skal udføre", st)
    out += paragraphs(p["tasks_not_to_do"], st["body"]) or [none_agreed("Ingen begrænsninger aftalt.", st)]
    return out


def working_hours(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(4, "Arbejdstid", st), *subheading("Ugeskema", st)]
    slots = snap["schedule"]
    if slots:
        rows = [[s["weekday"], s["start"], s["end"], fmt_hours(s["hours"])] for s in slots]
        rows.append(["I alt", "", "", fmt_hours(sum(s["hours"] for s in slots))])
        out.append(data_table(["Ugedag", "Fra", "Til", "Timer"], rows, [50, 30, 30, 30], st))
        out = keep_if_short(out, len(rows))
    else:
        out.append(none_agreed("Intet ugeskema aftalt.", st))
    wage = snap["wage"]
    out += subheading("Timer", st)
    if not wage:
        return out + [none_agreed("Ingen timer aftalt endnu.", st)]
    rows2 = [("Fremmødetimer pr. uge", fmt_hours(wage["attendance_hours"]))]
    if kinds.has_intensity(snap):
        rows2 += [("Arbejdsintensitet", fmt_percent(wage["work_intensity"])),
                  (kinds.paid_label(snap),
                   f"{fmt_hours(wage['paid_hours'])} (fremmødetimer × arbejdsintensitet)")]
    else:
        rows2.append(("Arbejdsintensitet", "Gælder ikke: alle timer er ordinære timer og betales fuldt."))
    out.append(key_values(rows2, st))
    return out + ordinary_hours(snap, wage, st)


def ordinary_hours(snap: Snapshot, wage: dict, st: Styles) -> list[Flowable]:
    """Ordinary (paid, ordinary-terms) hours and the goal of 30 a month (seeds/001)."""
    week = kinds.ordinary_hours(snap, wage)
    month = week * kinds.WEEKS_PER_MONTH
    status = "Målet er nået." if month >= 30 else "Målet er ikke nået endnu."
    return [*subheading("Ordinære timer", st), key_values([
        ("Aftalte ordinære timer", f"{fmt_hours(week)} pr. uge (ca. {fmt_hours(round(month, 1))} pr. måned)"
         + ("; i praktikken er der ingen ordinære timer – de aftales som småjob ved siden af."
            if not kinds.has_wage(snap) else "")),
        ("Mål", f"Mindst 30 ordinære timer om måneden (ca. 7 om ugen). {status}"),
        ("Intensitet", "Arbejdsintensitet gælder aldrig ordinære timer."),
    ], st)]
