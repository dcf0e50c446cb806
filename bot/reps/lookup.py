"""Who represents a place: senators, the representative, the House delegation; a member's own.

Answers come from the indexed ``legislators`` table (see :mod:`bot.reps.storage`); which
seats a state has, from :mod:`bot.reps.seats`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.database import Database
from bot.core.errors import UserError
from bot.core.i18n import Locale, t
from bot.core.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, clip
from bot.reps import storage as store
from bot.reps.contact import office_line, party_letter
from bot.reps.legislators import HOUSE, SENATE, Legislator
from bot.reps.member_location import MemberLocation, get_location
from bot.reps.seats import Seats, has_senators, house_seats, pick_seat, seats_from


@dataclass(frozen=True, slots=True)
class Lookup:
    state: str
    senators: tuple[Legislator, ...]
    seats: Seats
    district: int | None  # the seat asked about (0 for at-large), None for the delegation
    representative: Legislator | None  # for ``district``; None there means a vacancy
    delegation: tuple[Legislator, ...]  # the whole House delegation when no district

    @property
    def senate_vacancies(self) -> int:
        return max(0, 2 - len(self.senators)) if has_senators(self.state) else 0


async def require_data(db: Database) -> None:
    if await store.count_members(db) == 0:
        raise UserError("reps.errors.no_data")


async def lookup(
    db: Database, state: str, district: int | None, state_name: str | None = None
) -> Lookup:
    """Senators and the representative (or delegation) for a state; refusals as UserError."""
    await require_data(db)
    delegation = tuple(await store.delegation(db, state))
    seats = seats_from(state, delegation)
    seat = pick_seat(seats, district, state_name)
    sens = tuple(await store.senators(db, state))
    if seat is None:
        return Lookup(state, sens, seats, None, None, delegation)
    rep = await store.representative(db, state, seat)
    return Lookup(state, sens, seats, seat, rep, ())


async def district_choices(
    db: Database, state: str | None, current: str, locale: Locale | None = None
) -> list[tuple[str, int]]:
    """Autocomplete for a district: (label, number), e.g. ("12 — Pat Example (D)", 12)."""
    if not state:
        return []
    delegation = await store.delegation(db, state)
    seats = seats_from(state, delegation)
    members = {m.district: m for m in delegation}
    typed = current.strip()
    out = []
    for number in seats.numbers:
        if typed and not str(number).startswith(typed.lstrip("0") or "0"):
            continue
        member = members.get(number)
        who = (
            f"{member.name} ({party_letter(member.party)})"
            if member
            else t("reps.find.vacant_choice", locale)
        )
        if number == 0:
            label = t("reps.find.at_large_choice", locale, who=who)
        else:
            label = t("reps.find.district_choice", locale, number=number, who=who)
        out.append((clip(label, CHOICE_NAME), number))
    return out[:AUTOCOMPLETE_CHOICES]


# ---------------------------------------------------------------- a member's own offices


async def own_offices(
    db: Database, guild_id: int, user_id: int, chamber: str
) -> tuple[MemberLocation | None, list[Legislator]]:
    """The member's saved location and their own offices for ``chamber`` (SENATE/HOUSE).

    House offices need a district (or an at-large state); without one the list is empty.
    """
    where = await get_location(db, guild_id, user_id)
    if where is None:
        return None, []
    if chamber == SENATE:
        return where, await store.senators(db, where.state)
    seats = await house_seats(db, where.state)
    seat = 0 if seats.at_large else where.district
    if seat is None:
        return where, []
    rep = await store.representative(db, where.state, seat)
    return where, [rep] if rep else []


async def own_office_lines(
    db: Database,
    guild_id: int,
    user_id: int,
    chamber: str,
    locale: Locale | None = None,
) -> list[str]:
    """Lines for a reminder DM: the member's own offices for the chamber (``"senate"`` or
    ``"house"``), one line each with the Washington phone; empty if no location is saved
    or the data does not have them."""
    if chamber not in (SENATE, HOUSE):
        raise ValueError(f"chamber must be {SENATE!r} or {HOUSE!r}, not {chamber!r}")
    _, members = await own_offices(db, guild_id, user_id, chamber)
    return [office_line(m, locale) for m in members]
