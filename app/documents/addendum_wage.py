"""Section 5 of the tillægsaftale: wage and payment as the kind of placement
has them, and every wage version of the agreement's period with its dates."""
from __future__ import annotations

from datetime import date, timedelta

from reportlab.platypus import Flowable

from app.documents import addendum_kinds as kinds
from app.documents.addendum_sections import Snapshot, Styles, heading, none_agreed, subheading
from app.documents.blocks import data_table, iso_date, keep_if_short, key_values
from app.formatting import fmt_hours, fmt_kr, fmt_percent


def wage_terms(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(5, "Løn og betaling", st)]
    wage = snap["wage"]
    if not kinds.has_wage(snap):
        return out + [key_values([
            ("Løn", "Ingen løn. Virksomheden betaler ikke for praktikken."),
            ("Borgerens ydelse", f"Borgeren beholder sin ydelse under praktikken: {kinds.benefit_name(snap)}."),
        ], st)]
    if not wage:
        return out + [none_agreed("Ingen lønaftale registreret.", st)]
    rows = [("Timeløn", fmt_kr(wage["hourly_wage_ore"])),
            ("Overenskomst", wage["overenskomst"] or "Ingen overenskomst"),
            ("Hvem betaler hvem", wage["payer"])]
    subsidy, invoice = kinds.subsidy_text(snap, wage), kinds.invoice_text(snap, wage)
    if subsidy:
        rows.append(("Tilskud", subsidy))
    if invoice:
        rows.append(("Faktura til virksomheden", invoice))
    if snap["placement"].get("type_code") == "ekstern_laering":
        rows.append(("Pris for virksomheden", "Gratis: enheden betaler borgerens løn."))
    hours_word = "effektive timer" if kinds.kind(snap) == "fleksjob" else "løntimer"
    rows += [("Anslået løn pr. måned", f"{fmt_kr(wage['monthly_wage_ore'])} ({hours_word} × timeløn × 52/12)"),
             ("Lønaftalen gælder fra", f"{iso_date(wage['valid_from'])} (lønaftale version {wage['version_no']})")]
    if wage["note"]:
        rows.append(("Bemærkning", wage["note"]))
    return out + [key_values(rows, st)] + wage_versions(snap, st)


def wage_versions(snap: Snapshot, st: Styles) -> list[Flowable]:
    """Every wage version of the agreement's period, each with its dates."""
    items = snap.get("wage_versions") or []
    if len(items) < 2:
        return []
    rows = []
    for i, w in enumerate(items):
        # a version ends the day before the next one applies
        until = (date.fromisoformat(items[i + 1]["valid_from"]) - timedelta(days=1)).isoformat() \
            if i + 1 < len(items) else None
        period = f"{iso_date(w['valid_from'])} – {iso_date(until)}" if until else f"fra {iso_date(w['valid_from'])}"
        rows.append([period, fmt_kr(w["hourly_wage_ore"]), fmt_hours(w["attendance_hours"]),
                     fmt_percent(w["work_intensity"]), fmt_hours(w["paid_hours"]),
                     fmt_hours(w.get("ordinary_hours") or 0)])
    table = data_table(["Gælder", "Timeløn", "Fremmøde", "Intensitet", "Løntimer", "Ordinære"], rows,
                       [44, 26, 25, 25, 25, 25], st)
    return keep_if_short([*subheading("Lønaftalens versioner i perioden", st), table], len(rows))
