"""Everything the citizen view shows, fetched in one go off the GUI thread
(plain service calls; no Qt here)."""
from __future__ import annotations

from dataclasses import dataclass

from app.context import Context
from app.services import accommodations, citizens, placements, visits
from app.services.dto import AccommodationDTO, ActionDTO, CitizenDTO, PlacementDTO, SlotDTO, VisitDTO

TIMELINE_LIMIT = 500


@dataclass(frozen=True)
class CitizenBundle:
    citizen: CitizenDTO
    placements: list[PlacementDTO]
    slots: dict[str, list[SlotDTO]]
    visits: list[VisitDTO]
    accommodations: list[AccommodationDTO]
    actions: list[ActionDTO]


def load_citizen(ctx: Context, citizen_id: str, via: str | None = "view") -> CitizenBundle:
    """Opening a citizen logs the look (citizens.get_citizen); a refresh
    of the one already open (via=None) does not log it again."""
    citizen = citizens.get_citizen(ctx, citizen_id, log_view=via is not None, via=via or "view")
    own = placements.placements_of_citizen(ctx, citizen_id)
    return CitizenBundle(
        citizen=citizen,
        placements=own,
        slots={p.id: placements.schedule_of(ctx, p.id) for p in own},
        visits=visits.visits_of_citizen(ctx, citizen_id, limit=TIMELINE_LIMIT),
        accommodations=accommodations.all_accommodations(ctx, citizen_id),
        actions=visits.actions_of_citizen(ctx, citizen_id),
    )
