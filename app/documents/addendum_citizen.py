"""The first page of the tillægsaftale: the agreement in plain Danish for
the citizen – days and times, pay or benefit, whom to call when ill, the
next meeting and the citizen's own goal."""
from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph

from app.documents.addendum_kinds import PRINTED_ON, pay_for_citizen
from app.documents.blocks import iso_date, key_values, markup
from app.formatting import fmt_hours


def coming_followups(snap: dict[str, Any], count: int) -> list[str]:
    """The next planned contacts after the print date; none once it has ended."""
    if snap["placement"].get("end"):
        return []
    day = snap[PRINTED_ON]
    return [d for d in snap["followup"]["dates"] if d >= day][:count]


def sick_call(snap: dict[str, Any]) -> str:
    coach, contact = snap["coach"], snap["contact"]
    coach_text = f"din jobcoach {coach['name'] or '(navn mangler)'}"
    if coach["phone"]:
        coach_text += f" på {coach['phone']}"
    if contact and not snap["placement"].get("end"):
        who = contact["name"] + (f" på {contact['phone']}" if contact.get("phone") else "")
        return f"Ring til {who} på arbejdspladsen og til {coach_text}, før du skal møde."
    return f"Ring til {coach_text}, før du skal møde."


def first_page(snap: dict[str, Any], st: dict) -> list[Flowable]:
    p = snap["placement"]
    plain = st["plain"]
    out: list[Flowable] = [Paragraph("Din aftale – kort fortalt", st["title"]),
                           Paragraph(f"Til {markup(snap['citizen']['name'])}", st["subtitle"])]
    if p.get("end"):
        out.append(Paragraph(f"<b>Afsluttet</b> {iso_date(p['end'])}. Forløbet er slut; "
                             "siden her viser, hvad der var aftalt.", st["warning"]))
    until = iso_date(p.get("end") or p.get("planned_end"))
    out.append(Paragraph(f"Du er i {markup(p['type'].lower())} hos <b>{markup(p['workplace'])}</b>"
                         + (f" som {markup(p['job_title'])}" if p["job_title"] else "")
                         + f", fra {iso_date(p['start'])}" + (f" til {until}." if until else "."), plain))
    out.append(key_values(_rows(snap), st))
    return out


def _rows(snap: dict[str, Any]) -> list[tuple[str, str]]:
    slots = snap["schedule"]
    days = "\n".join(f"{s['weekday']} kl. {s['start']}–{s['end']}" for s in slots)
    if slots:
        days += f"\nI alt {fmt_hours(sum(s['hours'] for s in slots))} om ugen."
    coming = coming_followups(snap, 1)
    meeting = (f"Senest {iso_date(coming[0])}. Din jobcoach aftaler tid og sted med dig." if coming
               else "Der er ikke flere møder i dette forløb." if snap["placement"].get("end")
               else "Din jobcoach aftaler det næste møde med dig.")
    goal = snap["placement"].get("citizen_goal") or ""
    coach = snap["coach"]
    coach_line = ", ".join(x for x in (coach["name"], coach["phone"], coach["email"]) if x)
    return [("Dage og tider", days or "Ikke aftalt endnu."),
            ("Løn eller ydelse", pay_for_citizen(snap)),
            ("Hvis du bliver syg", sick_call(snap)),
            ("Næste møde", meeting),
            ("Dit eget mål", f"»{goal}«" if goal else "Ikke skrevet ned endnu. Tal med din jobcoach om det."),
            ("Din jobcoach", coach_line or "Ikke angivet.")]
