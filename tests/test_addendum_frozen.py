"""A version freezes the agreed terms, not the print date: the clock is
injected (no sleeping), and a print at 00:30 Danish time is dated that day."""
from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from app.formatting import fmt_date
from app.services import addenda, progression, wages
from db.enums import PlacementType as PT
from tests.addendum_kinds_support import TODAY, make_kind
from tests.conftest import ROOT, subprocess_env
from tests.test_addendum_helpers import flat, pdf_text, render_pngs

NOW = datetime.now(UTC)


def test_the_same_agreement_45_days_later_is_still_version_1(ctx):
    pid = make_kind(ctx, PT.FLEX_JOB)
    progression.add_milestone(ctx, pid, kind="flere_timer", text="Op på 10 timer",
                              target_date=TODAY + timedelta(days=10))
    first, pdf1, new1 = addenda.print_addendum(ctx, pid, now=NOW)
    later, pdf2, new2 = addenda.print_addendum(ctx, pid, now=NOW + timedelta(days=45))
    assert (new1, new2) == (True, False)
    assert later.id == first.id and later.version_no == 1 and pdf2 == pdf1
    # the stored version was dated the first day; 45 days later its milestone is past due
    text = flat("".join(pdf_text(pdf1)))
    assert f"Version 1, {fmt_date(NOW.astimezone().date())}" in text and "Planlagt" in text


def test_a_changed_term_makes_version_2_with_its_date_and_what_changed(ctx):
    pid = make_kind(ctx, PT.WAGE_SUBSIDY)
    addenda.print_addendum(ctx, pid, now=NOW)
    raise_from = TODAY + timedelta(days=30)  # agreed now, in force next month
    wages.add_wage_version(ctx, pid, valid_from=raise_from, hourly_wage_ore=14000, attendance_hours=8.0,
                           work_intensity=50, payer="virksomhed_borger", subsidy_per_hour_ore=2500,
                           ordinary_hours=2.0)
    v2, pdf, new = addenda.print_addendum(ctx, pid, now=NOW + timedelta(days=2))
    text = flat("".join(pdf_text(pdf)))
    assert new and v2.version_no == 2
    day = fmt_date((NOW + timedelta(days=2)).astimezone().date())
    for phrase in (f"Gælder fra {day}", "Erstatter Version 1", "Ændret siden version 1 Løn og timer",
                   "Lønaftalens versioner i perioden", f"fra {fmt_date(raise_from)} 140,00 kr.",
                   f"– {fmt_date(raise_from - timedelta(days=1))} 130,00 kr."):
        assert phrase in text, phrase
    assert len(render_pngs(pdf, "addendum-version-2")) == len(pdf_text(pdf))


def test_an_ended_placement_is_marked_and_has_no_future_dates(ctx):
    pid = make_kind(ctx, PT.SMALL_JOB, start=TODAY - timedelta(days=200), ended=True)
    progression.add_milestone(ctx, pid, kind="flere_timer", text="Op på 12 timer",
                              target_date=TODAY - timedelta(days=30))
    _, pdf, _ = addenda.print_addendum(ctx, pid, now=NOW)
    pages = [flat(p) for p in pdf_text(pdf)]
    text = " ".join(pages)
    assert "Afsluttet" in pages[0] and "Der er ikke flere møder i dette forløb." in pages[0]
    assert "Næste kontakter senest Ingen: forløbet er afsluttet" in text
    assert "Måldato passeret – ikke vurderet" in text and "Planlagt" not in text
    future = [fmt_date(TODAY + timedelta(days=d)) for d in range(1, 400)]
    assert not [d for d in future if d in text]
    assert len(render_pngs(pdf, "addendum-ended")) == len(pages)


def test_a_learning_course_past_its_three_months_prints_a_warning(ctx):
    pid = make_kind(ctx, PT.EXTERNAL_LEARNING, start=TODAY - timedelta(days=150))
    _, pdf, _ = addenda.print_addendum(ctx, pid, now=NOW)
    assert "Advarsel: Et eksternt læringsforløb varer højst 3 måneder" in flat("".join(pdf_text(pdf)))


def test_a_print_at_half_past_midnight_danish_time_carries_that_day(ctx, tmp_path):
    pid = make_kind(ctx, PT.FLEX_JOB)
    ctx.close()  # the child process opens the same store
    out = tmp_path / "a.pdf"
    script = ("import sys; from datetime import datetime, timezone; from app.context import open_context; "
              "from app.services import addenda; c = open_context(); "
              "_, pdf, _ = addenda.print_addendum(c, sys.argv[1], now=datetime(2026, 3, 10, 23, 30, "
              "tzinfo=timezone.utc)); open(sys.argv[2], 'wb').write(pdf); c.close()")
    done = subprocess.run([sys.executable, "-c", script, pid, str(out)], cwd=ROOT, capture_output=True,
                          text=True, env=subprocess_env({"TZ": "Europe/Copenhagen"}))
    assert done.returncode == 0, done.stderr
    pages = pdf_text(out.read_bytes())
    assert all("Version 1, 11.03.2026" in p for p in pages)  # 00:30 in Denmark, 23:30 UTC the day before
