"""Who represents a place: senators, the representative, the House delegation.

Answers come from the indexed ``legislators`` table (see :mod:`bot.storage.legislators`).
Which districts a state has comes from the data and from the 2020 apportionment, so a
vacant seat is reported as a vacancy, not as a district that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import discord
from discord import app_commands

from bot.core.database import Database
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import (
    AUTOCOMPLETE_CHOICES,
    CHOICE_NAME,
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_FOOTER,
    EMBED_TITLE,
    MESSAGE_CONTENT,
    clip,
)
from bot.reps import storage as store
from bot.reps.legislators import HOUSE, SENATE, Legislator
from bot.reps.member_location import MemberLocation, get_location, set_location

FIND_BY_ZIP_URL = "https://www.house.gov/representatives/find-your-representative"
SENATORS_URL = "https://www.senate.gov/senators/senators-contact.htm"
CAPITOL_SWITCHBOARD = "(202) 224-3121"
MAX_DISTRICT = 99

# House seats per state from the 2020 Census apportionment (118th Congress onward; they sum
# to 435). A seat count of 1 is an at-large seat, numbered 0 in the data.
HOUSE_SEATS: dict[str, int] = {
    "AL": 7, "AK": 1, "AZ": 9, "AR": 4, "CA": 52, "CO": 8, "CT": 5, "DE": 1, "FL": 28,
    "GA": 14, "HI": 2, "ID": 2, "IL": 17, "IN": 9, "IA": 4, "KS": 4, "KY": 6, "LA": 6,
    "ME": 2, "MD": 8, "MA": 9, "MI": 13, "MN": 8, "MS": 4, "MO": 8, "MT": 2, "NE": 3,
    "NV": 4, "NH": 2, "NJ": 12, "NM": 3, "NY": 26, "NC": 14, "ND": 1, "OH": 15, "OK": 5,
    "OR": 6, "PA": 17, "RI": 2, "SC": 7, "SD": 1, "TN": 9, "TX": 38, "UT": 4, "VT": 1,
    "VA": 11, "WA": 10, "WV": 2, "WI": 8, "WY": 1,
}  # fmt: skip
# The District of Columbia and the territories elect one non-voting House member each and
# no senators. Puerto Rico's is the Resident Commissioner.
NON_STATES = {"DC", "AS", "GU", "MP", "PR", "VI"}


# ---------------------------------------------------------------- states


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def resolve_state(states: Mapping[str, str], text: str) -> str:
    """A state's two-letter code from its code or name ("ca", "California", "D.C.")."""
    if not text.strip():
        raise UserError("reps.errors.blank_state")
    key = _fold(text)
    if key.startswith("us") and len(key) > 4:
        key = key[2:]  # "U.S. Virgin Islands"
    for code, name in states.items():
        folded = _fold(name)
        if key in (code.casefold(), folded) or (folded.startswith("us") and key == folded[2:]):
            return code
    raise UserError("reps.errors.unknown_state", value=clip(text.strip(), 50))


def suggest_states(states: Mapping[str, str], current: str) -> list[tuple[str, str]]:
    """(name, code) pairs for autocomplete: code or name prefix first, then substring."""
    key = _fold(current)
    first, then = [], []
    for code, name in sorted(states.items(), key=lambda kv: kv[1]):
        folded = _fold(name)
        bare = folded[2:] if folded.startswith("us") else folded  # "U.S. Virgin Islands"
        if not key or code.casefold() == key or folded.startswith(key) or bare.startswith(key):
            first.append((name, code))
        elif key in folded:
            then.append((name, code))
    return (first + then)[:AUTOCOMPLETE_CHOICES]


def has_senators(state: str) -> bool:
    return state not in NON_STATES


# ---------------------------------------------------------------- lookups


@dataclass(frozen=True, slots=True)
class Seats:
    """The House seats a state has: the apportionment table joined with the data."""

    state: str
    numbers: tuple[int, ...]  # (0,) for an at-large state

    @property
    def at_large(self) -> bool:
        return self.numbers == (0,)

    def normalize(self, district: int) -> int | None:
        """The seat a member means, or None if the state has no such district."""
        if self.at_large and district in (0, 1):
            return 0
        return district if district in self.numbers else None


async def house_seats(db: Database, state: str) -> Seats:
    return seats_from(state, await store.delegation(db, state))


def seats_from(state: str, delegation: Iterable[Legislator]) -> Seats:
    """The state's House seats: the apportionment table, unless its delegation says otherwise."""
    if state in NON_STATES:
        return Seats(state, (0,))
    in_data = {m.district for m in delegation if m.district is not None}
    count = HOUSE_SEATS.get(state, 0)
    table = {0} if count == 1 else set(range(1, count + 1))
    if in_data and (0 in in_data) != (0 in table):
        table = set()  # the data says otherwise (a new apportionment): trust the data
    return Seats(state, tuple(sorted(table | in_data)))


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


def pick_seat(seats: Seats, district: int | None, state_name: str | None = None) -> int | None:
    """The normalized seat for ``district``; refuse one the state does not have."""
    if district is None:
        return 0 if seats.at_large else None
    seat = seats.normalize(district)
    if seat is None:
        name = state_name or seats.state
        if seats.at_large:
            raise UserError("reps.errors.at_large_only", state=name, district=district)
        raise UserError(
            "reps.errors.no_such_district",
            state=name,
            district=district,
            last=seats.numbers[-1] if seats.numbers else 0,
        )
    return seat


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
    db: Database, state: str | None, current: str, locale: discord.Locale | str | None = None
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


# ---------------------------------------------------------------- formatting


def party_letter(party: str | None) -> str:
    if not party:
        return "?"
    return party[0].upper() if party in ("Democrat", "Republican", "Independent") else party


def title(member: Legislator, locale: discord.Locale | str | None = None) -> str:
    if member.chamber == SENATE:
        return t("reps.title.senator", locale)
    if member.state == "PR":
        return t("reps.title.resident_commissioner", locale)
    if member.state in NON_STATES:
        return t("reps.title.delegate", locale)
    return t("reps.title.representative", locale)


def seat_label(member: Legislator) -> str:
    """``D-CA`` for a senator or at-large seat, ``D-CA-12`` for a district."""
    where = member.state if not member.district else f"{member.state}-{member.district}"
    return f"{party_letter(member.party)}-{where}"


def office_line(member: Legislator, locale: discord.Locale | str | None = None) -> str:
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
    locale: discord.Locale | str | None = None,
) -> list[str]:
    """Lines for a reminder DM: the member's own offices for the chamber (``"senate"`` or
    ``"house"``), one line each with the Washington phone; empty if no location is saved
    or the data does not have them."""
    if chamber not in (SENATE, HOUSE):
        raise ValueError(f"chamber must be {SENATE!r} or {HOUSE!r}, not {chamber!r}")
    _, members = await own_offices(db, guild_id, user_id, chamber)
    return [office_line(m, locale) for m in members]


# ---------------------------------------------------------------- Discord options


def _client_states(interaction: discord.Interaction) -> Mapping[str, str]:
    return interaction.client.content.states  # type: ignore[attr-defined]


class StateTransformer(app_commands.Transformer):
    """A US state, D.C. or territory by code or name; autocompletes; unknown text refused."""

    async def transform(self, interaction: discord.Interaction, value: str) -> str:
        return resolve_state(_client_states(interaction), value)

    async def autocomplete(
        self, interaction: discord.Interaction, value: int | float | str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=f"{name} ({code})", value=code)
            for name, code in suggest_states(_client_states(interaction), str(value))
        ]


class DistrictTransformer(app_commands.Transformer):
    """A congressional district number; autocompletes from the data for the chosen state."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.integer

    @property
    def min_value(self) -> int:
        return 0

    @property
    def max_value(self) -> int:
        return MAX_DISTRICT

    async def transform(self, interaction: discord.Interaction, value: int) -> int:
        return int(value)

    async def autocomplete(
        self, interaction: discord.Interaction, value: int | float | str
    ) -> list[app_commands.Choice[int]]:
        typed = getattr(interaction.namespace, "state", None)
        try:
            state = resolve_state(_client_states(interaction), str(typed)) if typed else None
        except UserError:
            return []
        db = interaction.client.db  # type: ignore[attr-defined]
        return [
            app_commands.Choice(name=label, value=number)
            for label, number in await district_choices(db, state, str(value), interaction.locale)
        ]


State = app_commands.Transform[str, StateTransformer]
District = app_commands.Transform[int, DistrictTransformer]


# ---------------------------------------------------------------- messages


def _date(iso: str | None) -> str:
    return (iso or "?")[:10]


def find_embed(
    found: Lookup,
    state_name: str,
    status: store.LegislatorsStatus,
    locale: discord.Locale | str | None = None,
) -> discord.Embed:
    """The answer to ``/reps find``: senators, then the representative or the delegation."""
    if found.district is None:
        heading = t("reps.find.title_state", locale, state=state_name)
    elif found.seats.at_large and found.state not in NON_STATES:
        heading = t("reps.find.title_at_large", locale, state=state_name)
    else:
        heading = t("reps.find.title_district", locale, state=state_name, district=found.district)
    embed = discord.Embed(title=clip(heading, EMBED_TITLE))
    if not has_senators(found.state):
        senate = t("reps.find.no_senators", locale, state=state_name)
    else:
        lines = [office_line(m, locale) for m in found.senators]
        if found.senate_vacancies == 1:
            lines.append(t("reps.find.senate_vacancy", locale))
        elif found.senate_vacancies >= 2:
            lines.append(t("reps.find.senate_vacancies", locale))
        senate = "\n".join(lines)
    embed.add_field(
        name=t("reps.find.senators", locale), value=clip(senate, EMBED_FIELD_VALUE), inline=False
    )
    house_name = t(
        "reps.find.delegate" if found.state in NON_STATES else "reps.find.representative", locale
    )
    if found.district is not None:
        rep = found.representative
        value = (
            office_line(rep, locale)
            if rep
            else t("reps.find.house_vacancy", locale, switchboard=CAPITOL_SWITCHBOARD)
        )
        embed.add_field(name=house_name, value=clip(value, EMBED_FIELD_VALUE), inline=False)
    else:
        by_seat = {m.district: m for m in found.delegation}
        lines = []
        for number in found.seats.numbers:
            member = by_seat.get(number)
            if member is None:
                lines.append(t("reps.find.delegation_vacant", locale, number=number))
            else:
                lines.append(
                    t(
                        "reps.find.delegation_line",
                        locale,
                        number=number,
                        name=member.name,
                        party=party_letter(member.party),
                        phone=member.phone or t("reps.line.no_phone", locale),
                    )
                )
        hint = t("reps.find.zip_hint", locale, url=FIND_BY_ZIP_URL)
        heading = t("reps.find.delegation", locale, count=len(found.seats.numbers))
        body = clip("\n".join(lines), EMBED_DESCRIPTION - len(hint) - len(heading) - 8)
        embed.description = f"**{heading}**\n{body}\n\n{hint}"
    embed.set_footer(
        text=clip(
            t(
                "reps.find.footer",
                locale,
                switchboard=CAPITOL_SWITCHBOARD,
                date=_date(status.imported_at),
            ),
            EMBED_FOOTER,
        )
    )
    return embed


STALE_DAYS = 30


def status_text(
    status: store.LegislatorsStatus,
    counts: Mapping[str, int],
    *,
    fetch_mode: str,
    now: datetime,
    locale: discord.Locale | str | None = None,
) -> str:
    """``/reps status``: what is loaded, from where, how old; the last download check.

    ``fetch_mode`` is ``"on"`` (downloads weekly), ``"off"`` (LEGISLATORS_URL=off) or
    ``"offline"`` (no token: the demo and tests never download).
    """
    how = t(f"reps.status.auto_{fetch_mode}", locale)
    total = sum(counts.values())
    if not total or status.imported_at is None:
        text = t("reps.status.none", locale, how=how)
        if status.checked_at and status.check_error:
            checked = int(datetime.fromisoformat(status.checked_at).timestamp())
            error = status.check_error
            text += "\n" + t("reps.status.checked_failed", locale, checked=checked, error=error)
        return clip(text, MESSAGE_CONTENT)
    imported = datetime.fromisoformat(status.imported_at)
    parts = [
        t(
            "reps.status.loaded",
            locale,
            total=total,
            senators=counts.get(SENATE, 0),
            house=counts.get(HOUSE, 0),
            imported=int(imported.timestamp()),
            source=status.source or "?",
        )
    ]
    if now - imported > timedelta(days=STALE_DAYS):
        parts.append(t("reps.status.stale", locale, days=STALE_DAYS))
    if status.checked_at and status.checked_at != status.imported_at:
        checked = int(datetime.fromisoformat(status.checked_at).timestamp())
        if status.check_error:
            parts.append(
                t("reps.status.checked_failed", locale, checked=checked, error=status.check_error)
            )
        else:
            parts.append(t("reps.status.checked_ok", locale, checked=checked))
    parts.append(how)
    return clip("\n".join(parts), MESSAGE_CONTENT)


# ---------------------------------------------------------------- /me location


def _where(
    state: str, district: int | None, at_large: bool, locale: discord.Locale | str | None
) -> str:
    if at_large:
        return t("reps.location.saved_at_large", locale)
    if district is None:
        return ""
    return t("reps.location.saved_district", locale, district=district)


async def save_location(
    db: Database,
    guild_id: int,
    user_id: int,
    state: str,
    district: int | None,
    *,
    states: Mapping[str, str],
    now_iso: str,
    locale: discord.Locale | str | None = None,
) -> str:
    """Check and save a member's location; the private reply, with their offices if known."""
    seats = await house_seats(db, state)
    seat = pick_seat(seats, district, states[state])
    await set_location(db, guild_id, user_id, state, seat, now_iso)
    parts = [
        t(
            "reps.location.saved",
            locale,
            state=states[state],
            district=_where(state, seat, seats.at_large, locale),
        )
    ]
    if seat is None:
        parts.append(t("reps.location.needs_district", locale, url=FIND_BY_ZIP_URL))
    lines = []
    for chamber in (SENATE, HOUSE):
        _, members = await own_offices(db, guild_id, user_id, chamber)
        lines += [office_line(m, locale) for m in members]
    if lines:
        parts.append(t("reps.location.your_offices", locale, lines="\n".join(lines)))
    return clip("\n\n".join(parts), MESSAGE_CONTENT)


def location_reply(
    saved: MemberLocation | None,
    states: Mapping[str, str],
    locale: discord.Locale | str | None = None,
) -> str:
    """What ``/me location`` without options tells the member about their own location."""
    if saved is None:
        return t("reps.location.none", locale)
    at_large = saved.district == 0
    return t(
        "reps.location.shown",
        locale,
        state=states.get(saved.state, saved.state),
        district=_where(saved.state, saved.district, at_large, locale),
    )
