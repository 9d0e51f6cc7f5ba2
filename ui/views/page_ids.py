"""The main window's pages: keyed by an enum, titled in Danish."""
from __future__ import annotations

from enum import StrEnum


class Page(StrEnum):
    TODAY = "today"
    CITIZENS = "citizens"
    COMPANIES = "companies"
    PLACEMENTS = "placements"
    REPORTS = "reports"
    SYNC = "sync"
    ACCESS_LOG = "access_log"


TITLES: dict[Page, str] = {
    Page.TODAY: "I dag", Page.CITIZENS: "Borgere", Page.COMPANIES: "Virksomheder", Page.PLACEMENTS: "Forløb",
    Page.REPORTS: "Rapporter", Page.SYNC: "Synkronisering", Page.ACCESS_LOG: "Adgangslog",
}
BROWSING = (Page.CITIZENS, Page.COMPANIES, Page.PLACEMENTS)
