"""The sentences the statusudtalelse's PDF and text share, so both say the
same thing in the same words."""
from __future__ import annotations

from datetime import date

from app.formatting import fmt_date, fmt_hours, fmt_percent
from app.services.status_model import FollowUpLine, MonthHours, StatusReport

TITLE = "Statusudtalelse"
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")
SHORT_MONTHS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")
HOW_COUNTED = (
    "Timer pr. måned er lagt sammen fra timeloggens uger; en uge tæller i den måned, dens mandag "
    "ligger i. Effektive timer er fremmødetimer gange arbejdsintensitet (løntimer); ordinære timer "
    "regnes uden intensitet. \"Aftalt pr. uge\" er lønaftalen (ellers ugeskemaet) på månedens sidste "
    "dag i perioden. Opfølgning måles mod opfølgningsplanen: kontakt mindst en gang om måneden det "
    "første år af et forløb, derefter hvert kvartal (fleksjob på højst 10 timer: hver 4. uge de "
    "første 3 måneder). En frist uden kontakt er en frist, der gik, uden at der var kontakt, før den "
    "næste frist.")


def period(report: StatusReport) -> str:
    return f"{fmt_date(report.start)}–{fmt_date(report.end)}"


def month_label(month: date, short: bool = False) -> str:
    return f"{(SHORT_MONTHS if short else MONTHS)[month.month - 1]} {month.year}"


def opt_hours(value: float | None) -> str:
    return "–" if value is None else fmt_hours(round(value, 2))


def opt_percent(value: float | None) -> str:
    return "–" if value is None else fmt_percent(round(value, 1))


def month_cells(m: MonthHours, short: bool = False) -> list[str]:
    """Måned, uger, fremmøde, effektive, ordinære, pr. uge, intensitet, aftalt pr. uge."""
    recorded = bool(m.weeks)
    agreed = opt_hours(m.agreed_present)
    if m.agreed_intensity is not None:
        agreed += f" ({opt_percent(m.agreed_intensity)})"
    return [month_label(m.month, short), str(m.weeks),
            opt_hours(m.present if recorded else None), opt_hours(m.effective if recorded else None),
            opt_hours(m.ordinary if recorded else None), opt_hours(m.per_week),
            opt_percent(m.intensity), agreed]


def trend_sentence(report: StatusReport) -> str:
    t = report.trend
    if t is None:
        return "For få registreringer til at vise en udvikling i timetallet."
    source = "timeloggen" if t.source == "timer" else "lønaftalerne/ugeskemaet"
    change = "" if t.change == 0 else f" ({'+' if t.change > 0 else '−'}{fmt_hours(abs(t.change))})"
    return (f"Udvikling: {t.direction}. Fremmøde pr. uge {fmt_hours(t.first)} i {month_label(t.first_month)} "
            f"og {fmt_hours(t.last)} i {month_label(t.last_month)}{change}, efter {source}.")


def totals_sentence(report: StatusReport) -> str:
    present, effective, ordinary = report.totals()
    weeks = sum(m.weeks for m in report.months)
    if not weeks:
        return "Der er ikke registreret timer i perioden."
    mean = f", gennemsnitlig intensitet {opt_percent(100 * effective / present)}" if present else ""
    return (f"I alt {weeks} registrerede uger: fremmøde {fmt_hours(round(present, 2))}, effektive "
            f"{fmt_hours(round(effective, 2))}, ordinære {fmt_hours(round(ordinary, 2))}{mean}.")


def followup_counts(report: StatusReport) -> str:
    held = report.followups_with("Afholdt", "Afholdt for sent")
    late = report.followups_with("Afholdt for sent")
    missed = report.followups_with("Frist uden kontakt")
    cancelled = report.followups_with("Aflyst", "Planlagt, ikke afholdt")
    return (f"Afholdte opfølgninger: {len(held)} (heraf for sent: {len(late)}). "
            f"Frister uden kontakt: {len(missed)}. Aflyste eller ikke afholdte besøg: {len(cancelled)}.")


def followup_detail(f: FollowUpLine) -> str:
    if f.what == "Afholdt for sent" and f.due:
        return f"frist {fmt_date(f.due)}"
    if f.what == "Afholdt" and f.due:
        return f"til tiden, frist {fmt_date(f.due)}"
    return ""


def placement_period(start: date, end: date | None, ended: bool) -> str:
    if end is None:
        return f"fra {fmt_date(start)}"
    return f"{fmt_date(start)}–{fmt_date(end)}" + ("" if ended else " (planlagt)")
