"""Danish labels for stored code values (one place for the UI, PDFs and CLI)."""
from __future__ import annotations

from db.enums import AccommodationCategory as AC
from db.enums import AccommodationSource as AS
from db.enums import CheckStatus as CS
from db.enums import CitizenStatus, Payer, PlacementStatus
from db.enums import MilestoneKind as MK
from db.enums import MilestoneStatus as MS
from db.enums import PlacementType as PT
from db.enums import VisitChannel as VC
from db.enums import VisitStatus as VS

PLACEMENT_TYPES = {
    PT.WAGE_SUBSIDY: "Job med løntilskud (skånejob)",
    PT.EXTERNAL_EMPLOYMENT: "Ekstern beskæftigelse",
    PT.EXTERNAL_LEARNING: "Eksternt læringsforløb",
    PT.INTERNAL_LEARNING: "Internt læringsforløb",
    PT.INTERNAL_EMPLOYMENT: "Intern beskæftigelse",
    PT.FLEX_JOB: "Fleksjob",
    PT.INTERNSHIP: "Virksomhedspraktik",
    PT.SMALL_JOB: "Småjob / ordinære timer",
}
PLACEMENT_STATUS = {PlacementStatus.PLANNED: "Planlagt", PlacementStatus.ACTIVE: "Aktiv",
                    PlacementStatus.ENDED: "Afsluttet"}
CITIZEN_STATUS = {CitizenStatus.ACTIVE: "Aktiv", CitizenStatus.PAUSED: "Pause",
                  CitizenStatus.ENDED: "Afsluttet"}
PAYERS = {
    Payer.COMPANY_PAYS_CITIZEN: "Virksomheden betaler løn til borgeren",
    Payer.COMPANY_PAYS_UNIT: "Virksomheden betaler til enheden, som betaler borgeren",
    Payer.UNIT_PAYS_CITIZEN: "Enheden betaler løn til borgeren",
}
ACCOMMODATION_CATEGORIES = {
    AC.WORKING_TIME: "Arbejdstid", AC.BREAKS: "Pauser", AC.PACE: "Tempo og intensitet",
    AC.TASKS: "Arbejdsopgaver", AC.PHYSICAL: "Fysiske skånehensyn",
    AC.SURROUNDINGS: "Arbejdssted og omgivelser", AC.AIDS: "Hjælpemidler",
    AC.COGNITIVE: "Kognitiv og psykisk støtte", AC.SOCIAL: "Social støtte", AC.OTHER: "Andet",
}
ACCOMMODATION_SOURCES = {AS.CITIZEN: "Borgeren", AS.MEDICAL: "Lægeerklæring",
                         AS.OBSERVED: "Observeret i jobbet"}
CHECK_STATUS = {CS.HOLDS: "Overholdes", CS.NOT_HOLDS: "Overholdes ikke", CS.MUST_CHANGE: "Skal ændres"}
MILESTONE_KINDS = {
    MK.MORE_HOURS: "Flere timer", MK.MORE_TASKS: "Flere opgaver", MK.COMPLEX_TASKS: "Sværere opgaver",
    MK.INTENSITY: "Højere intensitet", MK.ORDINARY_HOURS: "Ordinære timer", MK.OTHER: "Andet",
}
MILESTONE_STATUS = {MS.PLANNED: "Planlagt", MS.ACHIEVED: "Nået", MS.MISSED: "Ikke nået"}
VISIT_CHANNELS = {VC.ON_SITE: "På stedet", VC.PHONE: "Telefon", VC.VIDEO: "Video"}
VISIT_STATUS = {VS.PLANNED: "Planlagt", VS.HELD: "Afholdt", VS.CANCELLED: "Aflyst"}


def label(table: dict, value: str | None) -> str:
    if value is None:
        return ""
    return table.get(value, value)
