"""Every table of the local store. Importing this module registers them all."""
from db.base import Synced
from db.models.citizen import Citizen
from db.models.company import Company, ContactPerson
from db.models.local import Conflict, OutboxEntry, SetAsideRow, SyncState
from db.models.org import Coach, Team
from db.models.placement import Placement, ScheduleSlot, WageAgreement
from db.models.progression import Accommodation, HoursRecord, Milestone
from db.models.records import AccessLog, Addendum
from db.models.signing import AddendumFile, AddendumSignature
from db.models.visit import AccommodationCheck, Action, Visit

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Team, Coach, Company, ContactPerson, Citizen, Placement, ScheduleSlot,
    WageAgreement, Accommodation, Milestone, HoursRecord, Visit,
    AccommodationCheck, Action, Addendum, AccessLog, AddendumSignature, AddendumFile,
)
MODEL_BY_TABLE: dict[str, type[Synced]] = {model.__tablename__: model for model in SYNCED_MODELS}

__all__ = [m.__name__ for m in SYNCED_MODELS] + [
    "Conflict", "OutboxEntry", "SetAsideRow", "SyncState", "SYNCED_MODELS", "MODEL_BY_TABLE",
]
