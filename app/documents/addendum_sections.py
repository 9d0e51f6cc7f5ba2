"""The ten sections of the tillægsaftale, each built from the snapshot.
An empty section says so rather than vanish."""
from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from app.documents.blocks import data_table, iso_date, keep_if_short, key_values, markup, paragraphs
from app.formatting import fmt_hours, fmt_kr, fmt_percent

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
    out: list[Flowable] = [*heading(1, "Parter", st), *subheading("Virksomheden", st)]
    company, contact = snap["company"], snap["contact"]
    if company:
        out.append(key_values([("Navn", company["name"]), ("CVR-nummer", company["cvr"]),
                               ("P-nummer", company["p_number"]), ("Adresse", _address(company))], st))
    else:
        out.append(key_values([("Intern arbejdsplads", snap["placement"]["internal_unit"])], st))
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
    coach_contact = ", ".join(x for x in (coach["phone"], coach["email"]) if x)
    out.append(key_values([("Enhed", snap["unit_name"]), ("Jobcoach", coach["name"]),
                           ("Telefon / e-mail", coach_contact)], st))
    return out


def placement(snap: Snapshot, st: Styles) -> list[Flowable]:
    p = snap["placement"]
    if p["end"]:
        period = f"{iso_date(p['start'])} – {iso_date(p['end'])} (afsluttet)"
    elif p["planned_end"]:
        period = f"{iso_date(p['start'])} – {iso_date(p['planned_end'])} (planlagt slutdato)"
    else:
        period = f"Fra {iso_date(p['start'])}, ingen planlagt slutdato"
    return [*heading(2, "Forløbet", st),
            key_values([("Beskæftigelsestype", p["type"]), ("Arbejdssted", p["workplace"]),
                        ("Jobtitel", p["job_title"]), ("Periode", period)], st)]


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
    out += subheading("Timer og arbejdsintensitet", st)
    if wage:
        out.append(key_values([
            ("Fremmødetimer pr. uge", fmt_hours(wage["attendance_hours"])),
            ("Arbejdsintensitet", fmt_percent(wage["work_intensity"])),
            ("Løntimer pr. uge", f"{fmt_hours(wage['paid_hours'])} (fremmødetimer × arbejdsintensitet)"),
        ], st))
    else:
        out.append(none_agreed("Ingen timer aftalt endnu.", st))
    return out


def wage_terms(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(5, "Løn og betaling", st)]
    wage = snap["wage"]
    if not wage:
        return out + [none_agreed("Ingen lønaftale registreret.", st)]
    subsidy = wage["subsidy_per_hour_ore"]
    rows = [("Timeløn", fmt_kr(wage["hourly_wage_ore"])),
            ("Overenskomst", wage["overenskomst"] or "Ingen overenskomst"),
            ("Hvem betaler hvem", wage["payer"]),
            ("Tilskud", f"{fmt_kr(subsidy)} pr. time" if subsidy else "Intet tilskud"),
            ("Anslået løn pr. måned", f"{fmt_kr(wage['monthly_wage_ore'])} (løntimer × timeløn × 52/12)"),
            ("Lønaftalen gælder fra", f"{iso_date(wage['valid_from'])} (lønaftale version {wage['version_no']})")]
    if wage["note"]:
        rows.append(("Bemærkning", wage["note"]))
    return out + [key_values(rows, st)]
