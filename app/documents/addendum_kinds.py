"""What the kind of placement means for the printed terms: who pays whom,
a subsidy, an invoice, intensity and ordinary hours (seeds/000, 001, 003).
Decided from the snapshot's type code, so a stored version prints the same."""
from __future__ import annotations

from typing import Any

from app.formatting import fmt_hours, fmt_kr

NO_WAGE = "praktik"
SUBSIDY_NAMES = {"skaanejob": "Løntilskud", "fleksjob": "Fleksløntilskud"}
INTERNAL = ("intern", "intern_laering")
ALL_ORDINARY = ("smaajob",)  # every hour is an ordinary hour, paid in full
WEEKS_PER_MONTH = 52 / 12
PRINTED_ON = "_printed_on"  # the version's local print date, added for rendering only, never stored


def kind(snap: dict[str, Any]) -> str:
    return snap["placement"].get("type_code", "")


def has_wage(snap: dict[str, Any]) -> bool:
    return kind(snap) != NO_WAGE


def has_intensity(snap: dict[str, Any]) -> bool:
    return kind(snap) not in ALL_ORDINARY


def is_internal(snap: dict[str, Any]) -> bool:
    return kind(snap) in INTERNAL or snap.get("company") is None


def paid_label(snap: dict[str, Any]) -> str:
    """Fleksjob counts effective hours, a praktik has no wage; other kinds call them løntimer."""
    return "Effektive timer pr. uge" if kind(snap) in ("fleksjob", NO_WAGE) else "Løntimer pr. uge"


def ordinary_hours(snap: dict[str, Any], wage: dict[str, Any]) -> float:
    if kind(snap) in ALL_ORDINARY:
        return float(wage["attendance_hours"])
    return float(wage.get("ordinary_hours") or 0)


def benefit_name(snap: dict[str, Any]) -> str:
    return snap["placement"].get("benefit") or "den ydelse, borgeren får i dag"


def subsidy_text(snap: dict[str, Any], wage: dict[str, Any]) -> str | None:
    """The subsidy line of the kind, or None when the kind has none."""
    name = SUBSIDY_NAMES.get(kind(snap))
    if name is None:
        return None
    amount = wage.get("subsidy_per_hour_ore") or 0
    if kind(snap) == "fleksjob":
        return (f"{name} udbetales af kommunen til borgeren for de effektive timer"
                + (f" (aftalt {fmt_kr(amount)} pr. time)" if amount else "; beløbet afhænger af indtægten") + ".")
    return f"{name} {fmt_kr(amount)} pr. løntime, betalt af kommunen til virksomheden."


def invoice_text(snap: dict[str, Any], wage: dict[str, Any]) -> str | None:
    """Ekstern beskæftigelse: the company pays the unit, which pays the citizen."""
    if kind(snap) != "ekstern":
        return None
    return (f"Virksomheden faktureres hver måned af {snap['unit_name']} for lønnen: løntimer × "
            f"{fmt_kr(wage['hourly_wage_ore'])}, anslået {fmt_kr(wage['monthly_wage_ore'])} pr. måned "
            f"({fmt_hours(wage['paid_hours'])} løntimer om ugen).")


def pay_for_citizen(snap: dict[str, Any]) -> str:
    """One plain sentence for the citizen: pay per month, or the benefit."""
    wage = snap.get("wage")
    if not has_wage(snap):
        return f"Du får ikke løn i praktikken. Du beholder din ydelse ({benefit_name(snap)})."
    if not wage:
        return "Din løn er ikke aftalt endnu. Din jobcoach fortæller dig, når den er på plads."
    who = {"ekstern": "Du får lønnen udbetalt af " + snap["unit_name"] + ".",
           "ekstern_laering": "Du får løn fra " + snap["unit_name"] + ".",
           "intern": "Du får løn fra " + snap["unit_name"] + ".",
           "intern_laering": "Du får løn fra " + snap["unit_name"] + "."}.get(
        kind(snap), "Du får løn fra arbejdspladsen.")
    extra = " Oven i lønnen får du fleksløntilskud fra kommunen." if kind(snap) == "fleksjob" else ""
    return (f"Du får cirka {fmt_kr(wage['monthly_wage_ore'])} om måneden før skat "
            f"({fmt_kr(wage['hourly_wage_ore'])} i timen). {who}{extra}")
