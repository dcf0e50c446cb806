"""Places and their seats: states by code or name, the House apportionment, who has senators.

Which districts a state has comes from the data and from the 2020 apportionment, so a
vacant seat is reported as a vacancy, not as a district that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.core.database import Database
from bot.core.errors import UserError
from bot.core.limits import AUTOCOMPLETE_CHOICES, clip
from bot.reps import storage as store
from bot.reps.legislators import Legislator

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


# ---------------------------------------------------------------- House seats


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
