"""The report as flat rows (section, figure, value, count, out of) — one shape
for the table on screen, the CSV, the PDF and the command line."""
from __future__ import annotations

from dataclasses import dataclass

from app.formatting import fmt_date, fmt_number
from app.reports.model import PILOT_GOAL_SHARE, PilotReport


@dataclass(frozen=True)
class FigureRow:
    section: str
    label: str
    value: float | None
    unit: str               # "%", "borgere", "besøg", "t/uge", "forløb", "skift"
    count: int | None = None
    total: int | None = None
    group: str | None = None  # key of the citizens behind it

    def value_text(self) -> str:
        if self.value is None:
            return "–"
        decimals = 0 if self.unit in {"borgere", "besøg", "forløb", "skift"} else 1
        unit = "borger" if self.unit == "borgere" and self.value == 1 else self.unit
        return f"{fmt_number(self.value, decimals)} {unit}".strip()


def _share_row(section: str, label: str, share: float | None, count: int, total: int,
               group: str | None) -> FigureRow:
    return FigureRow(section, label, share, "%", count, total, group)


def figure_rows(r: PilotReport) -> list[FigureRow]:
    h, f, ln = r.hours, r.followups, r.learning
    s1 = "Timer"
    rows = [
        FigureRow("Overblik", "Borgere i perioden", r.citizens, "borgere", group="citizens"),
        _share_row(s1, f"Har øget ugentlige timer (mål {PILOT_GOAL_SHARE:.0f} %)", h.share,
                   h.raised, h.measured, "hours_raised"),
        FigureRow(s1, "Har ikke øget ugentlige timer", h.measured - h.raised, "borgere",
                  group="hours_not_raised"),
        FigureRow(s1, "Gennemsnitlig stigning blandt dem, der har øget", h.mean_rise, "t/uge"),
        FigureRow(s1, "Median stigning blandt dem, der har øget", h.median_rise, "t/uge"),
        FigureRow(s1, "Gennemsnitlig ændring, alle målte", h.mean_change, "t/uge"),
        FigureRow(s1, "Målt ud fra timeregistrering", h.from_hours_log, "borgere"),
        FigureRow(s1, "Målt ud fra lønaftaler", h.from_wages, "borgere"),
        FigureRow(s1, "Uden timetal", h.not_measured, "borgere"),
        _share_row(s1, r.ordinary.label, r.ordinary.share, r.ordinary.count,
                   r.ordinary.total or 0, "ordinary_reached"),
    ]
    rows += [FigureRow("Beskæftigelsestyper", c.label, c.count, "borgere", c.count, c.total, c.key)
             for c in r.types]
    rows += [FigureRow("Skift mellem typer", c.label, c.count, "skift", group=c.key) for c in r.moves]
    s2 = "Opfølgning"
    rows += [
        FigureRow(s2, "Opfølgninger til tiden", f.on_time, "besøg", group="followup_on_time"),
        FigureRow(s2, "Opfølgninger for sent", f.late, "besøg", group="followup_late"),
        _share_row(s2, "Andel for sent", f.late_share, f.late, f.on_time + f.late, "followup_late"),
        FigureRow(s2, "Overskredet ved periodens slutning", f.overdue_open, "borgere",
                  group="followup_overdue"),
    ]
    s3 = "Eksterne læringsforløb"
    rows += [
        FigureRow(s3, "Afsluttet i perioden", ln.ended, "forløb"),
        _share_row(s3, "Endte i ansættelse", ln.share, ln.to_employment, ln.ended, "learning_to_job"),
        FigureRow(s3, "Heraf i samme virksomhed", ln.same_company, "forløb"),
        FigureRow(s3, "Uden ansættelse", ln.ended - ln.to_employment, "forløb",
                  group="learning_not_to_job"),
    ]
    return rows


# How each section is counted, in the leader's words (tooltips and the PDF).
DEFINITIONS = {
    "Overblik": "Borgere med et forløb, der overlapper perioden, hos den valgte jobcoach eller det "
                "valgte team (forløbets jobcoach, ellers borgerens).",
    "Timer": "Udgangspunkt: gennemsnittet af borgerens første 4 registrerede uger (før eller i "
             "perioden). Slutniveau: gennemsnittet af de sidste 4 registrerede uger i perioden. Uden "
             "timeregistrering i perioden bruges lønaftalernes aftalte fremmødetimer: ved borgerens "
             "første lønaftale og på periodens sidste dag. Øget = slutniveau højere end udgangspunkt. "
             "Ordinære timer nået = mindst 30 ordinære timer i én kalendermåned i perioden.",
    "Beskæftigelsestyper": "Borgere med et forløb af typen, der overlapper perioden; en borger i to "
                           "typer tælles i begge.",
    "Skift mellem typer": "Et forløb, der starter i perioden, på et andet trin end borgerens forrige "
                          "forløb: intern → ekstern → ordinært job (småjob).",
    "Opfølgning": "Hvert afholdt besøg i perioden er til tiden, hvis det ligger senest på den dato, "
                  "opfølgningsplanen krævede efter forrige kontakt (månedligt det første år, derefter "
                  "kvartalsvis; fleksjob på højst 10 timer hver 4. uge de første 3 måneder).",
    "Eksterne læringsforløb": "Forløb, der sluttede i perioden. Endte i ansættelse: samme borger "
                              "starter i skånejob, ekstern beskæftigelse, fleksjob eller småjob senest "
                              "31 dage efter forløbets slutning.",
}


MONTH_HEADER = ("Måned", "Borgere", "Uger", "Fremmøde t/uge", "Løntimer t/uge", "Intensitet %",
                "Ordinære timer")


def month_cells(r: PilotReport) -> list[tuple[str, ...]]:
    def num(value: float | None, decimals: int = 1) -> str:
        return "" if value is None else fmt_number(value, decimals)
    return [(f"{m.month:%m.%Y}", str(m.citizens), str(m.weeks), num(m.mean_attendance),
             num(m.mean_paid), num(m.intensity), num(m.ordinary_total)) for m in r.months]


def scope_text(r: PilotReport) -> str:
    s = r.scope
    return f"{s.label}, {fmt_date(s.start)} – {fmt_date(s.end)}"
