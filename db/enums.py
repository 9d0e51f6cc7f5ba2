"""Stored code values. Danish labels for them live in `app.labels`."""
from __future__ import annotations

from enum import StrEnum


class PlacementType(StrEnum):
    WAGE_SUBSIDY = "skaanejob"            # job med løntilskud (skånejob)
    EXTERNAL_EMPLOYMENT = "ekstern"       # ekstern beskæftigelse
    EXTERNAL_LEARNING = "ekstern_laering"  # eksternt læringsforløb (1-3 months)
    INTERNAL_LEARNING = "intern_laering"  # internt læringsforløb
    INTERNAL_EMPLOYMENT = "intern"        # intern beskæftigelse
    FLEX_JOB = "fleksjob"
    INTERNSHIP = "praktik"                # virksomhedspraktik
    SMALL_JOB = "smaajob"                 # småjob / ordinære timer


class PlacementStatus(StrEnum):
    PLANNED = "planlagt"
    ACTIVE = "aktiv"
    ENDED = "afsluttet"


class CitizenStatus(StrEnum):
    ACTIVE = "aktiv"
    PAUSED = "pause"
    ENDED = "afsluttet"


class Payer(StrEnum):
    COMPANY_PAYS_CITIZEN = "virksomhed_borger"
    COMPANY_PAYS_UNIT = "virksomhed_enhed"  # ekstern beskæftigelse
    UNIT_PAYS_CITIZEN = "enhed_borger"      # læringsforløb, intern
    NO_WAGE = "ingen_loen"                  # virksomhedspraktik: the citizen keeps the benefit


class AccommodationCategory(StrEnum):
    WORKING_TIME = "arbejdstid"
    BREAKS = "pauser"
    PACE = "tempo"
    TASKS = "opgaver"
    PHYSICAL = "fysisk"
    SURROUNDINGS = "omgivelser"
    AIDS = "hjaelpemidler"
    COGNITIVE = "kognitiv"
    SOCIAL = "social"
    OTHER = "andet"


class AccommodationSource(StrEnum):
    CITIZEN = "borger"
    MEDICAL = "laegeerklaering"
    OBSERVED = "observeret"


class CheckStatus(StrEnum):
    HOLDS = "overholdes"
    NOT_HOLDS = "overholdes_ikke"
    MUST_CHANGE = "skal_aendres"


class MilestoneKind(StrEnum):
    MORE_HOURS = "flere_timer"
    MORE_TASKS = "flere_opgaver"
    COMPLEX_TASKS = "svaerere_opgaver"
    INTENSITY = "intensitet"
    ORDINARY_HOURS = "ordinaere_timer"
    OTHER = "andet"


class MilestoneStatus(StrEnum):
    PLANNED = "planlagt"
    ACHIEVED = "naaet"
    MISSED = "ikke_naaet"


class VisitChannel(StrEnum):
    ON_SITE = "paa_stedet"
    PHONE = "telefon"
    VIDEO = "video"


class VisitStatus(StrEnum):
    PLANNED = "planlagt"
    HELD = "afholdt"
    CANCELLED = "aflyst"


class CoachRole(StrEnum):
    COACH = "coach"
    LEADER = "leder"
