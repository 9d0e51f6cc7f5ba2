"""The terms each kind of placement allows (seeds/000, 001, 003).

Who pays whom, whether there is a wage, a subsidy, an intensity, and the
limits of its duration. Every check raises a Danish message at the field
the user typed the contradicting value in.
"""
from __future__ import annotations

from datetime import date

from app.rules.dates import check_learning_course
from app.rules.errors import Collector, ValidationError
from db.enums import Payer
from db.enums import PlacementType as PT

# The one payer each kind allows.
PAYER_OF_KIND: dict[str, str] = {
    PT.WAGE_SUBSIDY: Payer.COMPANY_PAYS_CITIZEN, PT.FLEX_JOB: Payer.COMPANY_PAYS_CITIZEN,
    PT.SMALL_JOB: Payer.COMPANY_PAYS_CITIZEN, PT.EXTERNAL_EMPLOYMENT: Payer.COMPANY_PAYS_UNIT,
    PT.EXTERNAL_LEARNING: Payer.UNIT_PAYS_CITIZEN, PT.INTERNAL_LEARNING: Payer.UNIT_PAYS_CITIZEN,
    PT.INTERNAL_EMPLOYMENT: Payer.UNIT_PAYS_CITIZEN, PT.INTERNSHIP: Payer.NO_WAGE,
}
SUBSIDY_KINDS = (PT.WAGE_SUBSIDY, PT.FLEX_JOB)  # løntilskud, fleksløntilskud
INTERNAL_KINDS = (PT.INTERNAL_LEARNING, PT.INTERNAL_EMPLOYMENT)
NO_INTENSITY_KINDS = (PT.SMALL_JOB,)  # ordinary hours are paid in full
PAYER_MESSAGES = {
    Payer.NO_WAGE: "En virksomhedspraktik er uden løn: borgeren beholder sin ydelse.",
    Payer.COMPANY_PAYS_UNIT: "Ved ekstern beskæftigelse betaler virksomheden til enheden, som betaler borgeren.",
    Payer.UNIT_PAYS_CITIZEN: "Ved læringsforløb og intern beskæftigelse betaler enheden borgerens løn.",
    Payer.COMPANY_PAYS_CITIZEN: "I denne beskæftigelsestype betaler virksomheden løn til borgeren.",
}


def payer_for_kind(kind: str) -> str:
    return PAYER_OF_KIND.get(kind, Payer.COMPANY_PAYS_CITIZEN)


def is_internal(kind: str) -> bool:
    return kind in INTERNAL_KINDS


def has_intensity(kind: str) -> bool:
    return kind not in NO_INTENSITY_KINDS


def check_wage_terms(kind: str, values: dict, c: Collector) -> None:
    """Payer, wage, subsidy, intensity and ordinary hours against the kind."""
    payer = values.get("payer")
    if payer in [p.value for p in Payer] and payer != payer_for_kind(kind):
        c.add("payer", PAYER_MESSAGES[Payer(payer_for_kind(kind))])
    wage, subsidy = values.get("hourly_wage_ore") or 0, values.get("subsidy_per_hour_ore") or 0
    if kind == PT.INTERNSHIP and wage:
        c.add("hourly_wage", "En virksomhedspraktik er uden løn – sæt timelønnen til 0 kr.")
    if kind == PT.WAGE_SUBSIDY and not subsidy:
        c.add("subsidy", "Et job med løntilskud skal have løntilskuddets beløb pr. time.")
    if kind not in SUBSIDY_KINDS and subsidy:
        c.add("subsidy", "Denne beskæftigelsestype har ikke tilskud – sæt tilskuddet til 0 kr.")
    if not has_intensity(kind) and values.get("work_intensity") not in (None, 100):
        c.add("work_intensity", "Småjob er ordinære timer: de betales fuldt, uden arbejdsintensitet (100 %).")
    ordinary = values.get("ordinary_hours") or 0
    attendance = values.get("attendance_hours")
    if isinstance(attendance, (int, float)) and ordinary > attendance:
        c.add("ordinary_hours", "De ordinære timer kan ikke være flere end fremmødetimerne.")
    if kind == PT.INTERNSHIP and ordinary:
        c.add("ordinary_hours", "Ordinære timer er lønnede: aftal dem som et småjob ved siden af praktikken.")


def check_schedule_hours(schedule_hours: float | None, attendance: float | None, field: str) -> None:
    """The weekly schedule's sum is the hours present a week."""
    if schedule_hours is None or attendance is None or not schedule_hours:
        return
    if abs(schedule_hours - attendance) > 0.01:
        raise ValidationError.single(
            field, f"Ugeskemaet giver {_h(schedule_hours)} om ugen, men fremmødetimer pr. uge er "
                   f"{_h(attendance)}. Ret ugeskemaet eller timerne, så de passer.")


def check_period(kind: str, start: date | None, planned_end: date | None, end: date | None,
                 purpose: str, c: Collector) -> None:
    """A praktik needs an end date and a purpose; a læringsforløb lasts at most 3 months."""
    if not isinstance(start, date):
        return
    if kind == PT.INTERNSHIP:
        if not planned_end and not end:
            c.add("planned_end", "En virksomhedspraktik skal have en planlagt slutdato.")
        if not (purpose or "").strip():
            c.add("purpose", "Skriv formålet med virksomhedspraktikken.")
    if kind == PT.EXTERNAL_LEARNING:
        c.check("planned_end", check_learning_course, start, planned_end, end)


def _h(hours: float) -> str:
    text = f"{hours:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} t"
