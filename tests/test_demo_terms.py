"""The demo data makes sense: every kind of placement, the kind's payer and
subsidy, schedules matching the hours present, real skånehensyn texts,
coaches with a name, phone and e-mail, and some open-ended placements."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from app.demo import build_demo
from app.demo_text import _ACCOMMODATIONS
from app.rules.dates import learning_course_end_limit
from app.rules.errors import Collector
from app.rules.schedule import Slot, weekly_hours
from app.rules.terms import check_wage_terms
from db.enums import PlacementType
from db.models import Accommodation, Coach, Placement, ScheduleSlot, WageAgreement


def test_demo_placements_follow_the_rules_of_their_kind(ctx):
    build_demo(ctx, "small", seed=3)
    with ctx.uow() as s:
        placements = list(s.scalars(select(Placement)))
        kinds = Counter(p.placement_type for p in placements)
        assert set(kinds) == {k.value for k in PlacementType}
        assert any(p.planned_end is None and p.end_date is None for p in placements)  # open-ended
        for p in placements:
            slots = [Slot(r.weekday, r.start_time, r.end_time) for r in
                     s.scalars(select(ScheduleSlot).where(ScheduleSlot.placement_id == p.id))]
            for w in s.scalars(select(WageAgreement).where(WageAgreement.placement_id == p.id)):
                c = Collector()
                check_wage_terms(p.placement_type, {k: getattr(w, k) for k in (
                    "payer", "hourly_wage_ore", "subsidy_per_hour_ore", "work_intensity", "ordinary_hours",
                    "attendance_hours")}, c)
                assert c.errors == {}, (p.placement_type, c.errors)
                if slots:
                    assert weekly_hours(slots) == w.attendance_hours
            if p.placement_type == PlacementType.INTERNSHIP:
                assert p.planned_end and p.purpose and p.benefit
            if p.placement_type == PlacementType.EXTERNAL_LEARNING:
                assert p.planned_end <= learning_course_end_limit(p.start_date)
        texts = {t for group in _ACCOMMODATIONS.values() for t in group}
        assert all(a.text in texts for a in s.scalars(select(Accommodation)))
        for coach in s.scalars(select(Coach)):
            assert coach.full_name and coach.full_name != coach.username and coach.phone and coach.email
