"""How to reach Congress: the Capitol switchboard, the House and Senate finders, office lines.

The switchboard number and the finder links are defined here only; the call flow and the
reminders use them from here.
"""

from __future__ import annotations

from bot.core.i18n import Locale, t
from bot.reps.legislators import SENATE, Legislator
from bot.reps.seats import NON_STATES

CAPITOL_SWITCHBOARD = "(202) 224-3121"
HOUSE_FINDER = "https://www.house.gov/representatives/find-your-representative"  # by ZIP code
SENATE_FINDER = "https://www.senate.gov/senators/senators-contact.htm"


def party_letter(party: str | None) -> str:
    if not party:
        return "?"
    return party[0].upper() if party in ("Democrat", "Republican", "Independent") else party


def title_kind(member: Legislator) -> str:
    """``senator``, ``representative``, ``delegate`` or ``resident_commissioner``."""
    if member.chamber == SENATE:
        return "senator"
    if member.state == "PR":
        return "resident_commissioner"
    if member.state in NON_STATES:
        return "delegate"
    return "representative"


def title(member: Legislator, locale: Locale | None = None) -> str:
    """``Sen.``, ``Rep.``, ``Del.``, ``Res. Comm.`` (in the member's language)."""
    return t(f"reps.title.{title_kind(member)}", locale)


def seat_label(member: Legislator) -> str:
    """``D-CA`` for a senator or at-large seat, ``D-CA-12`` for a district."""
    where = member.state if not member.district else f"{member.state}-{member.district}"
    return f"{party_letter(member.party)}-{where}"


def office_line(member: Legislator, locale: Locale | None = None) -> str:
    """One line to call or write to: title, name, party and seat, phone, contact link."""
    phone = member.phone or t("reps.line.no_phone", locale)
    line = t(
        "reps.line.office",
        locale,
        title=title(member, locale),
        name=member.name,
        seat=seat_label(member),
        phone=phone,
    )
    if member.contact_form:
        line += t("reps.line.contact_form", locale, link=member.contact_form)
    elif member.url:
        line += t("reps.line.website", locale, link=member.url)
    return line
