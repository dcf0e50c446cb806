"""Members of Congress from the unitedstates/congress-legislators ``legislators-current.json``.

The file is a list of people. A person's name is under ``name`` (``official_full``, else
``first`` and ``last``) and their current term is the last entry of ``terms``: ``type``
(``sen`` or ``rep``), ``state``, ``district`` (representatives only; 0 is at-large),
``party``, ``phone`` (the Washington office), ``url`` and ``contact_form`` (often missing,
so the website stands in for it).

:func:`parse_legislators` checks the whole file before anything is stored. A file whose
structure is wrong (not a list, a member without id, name or current term, a required
field of the wrong type, too few members, more members than seats) is refused whole with
:class:`LegislatorsError`, so a bad download never partially replaces good data. A
malformed optional field (see :mod:`bot.reps.fields`) is dropped for that member only and
listed in :attr:`ParsedFile.dropped`; the same field malformed for many members means the
format changed, and refuses the file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from bot.core.enums import Chamber
from bot.reps.fields import DroppedField, Field, check_field, json_kind

SENATE = Chamber.SENATE
HOUSE = Chamber.HOUSE
_CHAMBERS = {"sen": SENATE, "rep": HOUSE}
_STATE = re.compile(r"^[A-Z]{2}$")
_BIOGUIDE = re.compile(r"^[A-Z][0-9]{6}$")
MAX_PROBLEMS = 5  # how many problems one error message lists
SENATE_SEATS = 100
HOUSE_SEATS_TOTAL = 435 + 6  # voting seats, and D.C.'s and the five territories' members
# One field malformed for more members than this means the format changed: refuse the file.
MAX_DROPPED_SHARE = 4  # a quarter of the members


class LegislatorsError(Exception):
    """The file is not a usable ``legislators-current.json``; the message says why."""


@dataclass(frozen=True, slots=True)
class Legislator:
    bioguide: str  # the stable id, e.g. "C000127"
    name: str
    chamber: str  # SENATE or HOUSE
    state: str  # two-letter code
    district: int | None  # None for senators; 0 for an at-large seat or a delegate
    party: str | None
    phone: str | None  # the Washington office
    url: str | None
    contact_form: str | None
    state_rank: str | None = None  # "senior" / "junior" for senators
    term_end: str | None = None

    @property
    def contact(self) -> str | None:
        """Where to write to them: the contact form, else the website."""
        return self.contact_form or self.url


@dataclass(frozen=True, slots=True)
class ParsedFile:
    members: tuple[Legislator, ...]
    sha256: str
    dropped: tuple[DroppedField, ...] = ()  # malformed optional fields left out

    @property
    def senators(self) -> int:
        return sum(1 for m in self.members if m.chamber == SENATE)

    @property
    def representatives(self) -> int:
        return sum(1 for m in self.members if m.chamber == HOUSE)


def _text(value: object) -> TypeGuard[str]:
    """Text with something in it."""
    return isinstance(value, str) and bool(value.strip())


def _name(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return None
    if _text(raw.get("official_full")):
        return raw["official_full"].strip()
    first, last = raw.get("first"), raw.get("last")
    if _text(first) and _text(last):
        return f"{first.strip()} {last.strip()}"
    return None


def _entry(
    index: int,
    raw: Any,
    known_states: Collection[str] | None,
    problems: list[str],
    dropped: list[DroppedField],
) -> Legislator | None:
    where = f"entry {index}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be an object, not {json_kind(raw)}")
        return None
    name = _name(raw.get("name"))
    if name is None:
        problems.append(f"{where}: 'name' needs 'official_full' or 'first' and 'last'")
        return None
    where = f"{where} ({name})"
    ids = raw.get("id")
    bioguide = ids.get("bioguide") if isinstance(ids, dict) else None
    if not (isinstance(bioguide, str) and _BIOGUIDE.match(bioguide)):
        problems.append(f"{where}: 'id.bioguide' is missing or malformed")
        return None
    terms = raw.get("terms")
    if not (isinstance(terms, list) and terms):
        problems.append(f"{where}: 'terms' must be a non-empty list")
        return None
    term = terms[-1]
    if not isinstance(term, dict):
        problems.append(f"{where}: the last term must be an object")
        return None
    kind = term.get("type")
    if not isinstance(kind, str) or kind not in _CHAMBERS:
        problems.append(f"{where}: the last term's 'type' must be 'sen' or 'rep', not {kind!r}")
        return None
    state = term.get("state")
    if not (isinstance(state, str) and _STATE.match(state)):
        problems.append(f"{where}: the last term's 'state' must be a two-letter code")
        return None
    if known_states is not None and state not in known_states:
        problems.append(f"{where}: unknown state {state!r}")
        return None
    district: int | None = None
    if kind == "rep":
        district = term.get("district")
        if not (isinstance(district, int) and not isinstance(district, bool) and district >= 0):
            problems.append(
                f"{where}: a representative's 'district' must be a whole number "
                f"(0 for at-large), not {district!r}"
            )
            return None
    values: dict[Field, str | None] = {}
    for field in Field:
        values[field], reason = check_field(term, field)
        if reason is not None:
            dropped.append(DroppedField(bioguide, name, field, reason))
    return Legislator(
        bioguide,
        name,
        _CHAMBERS[kind],
        state,
        district,
        party=values[Field.PARTY],
        phone=values[Field.PHONE],
        url=values[Field.URL],
        contact_form=values[Field.CONTACT_FORM],
        state_rank=values[Field.STATE_RANK],
        term_end=values[Field.END],
    )


def parse_legislators(
    data: bytes | str,
    *,
    source: str = "the file",
    known_states: Collection[str] | None = None,
    min_members: int = 1,
) -> ParsedFile:
    """Validate the whole file; return its members or raise :class:`LegislatorsError`."""
    blob = data.encode("utf-8") if isinstance(data, str) else data
    try:
        raw = json.loads(blob)
    except UnicodeDecodeError:
        raise LegislatorsError(f"{source} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise LegislatorsError(
            f"{source} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "was the download cut short?"
        ) from None
    if not isinstance(raw, list):
        raise LegislatorsError(
            f"{source} must be a list of members of Congress (legislators-current.json), "
            f"not {json_kind(raw)}"
        )
    if not raw:
        raise LegislatorsError(f"{source} is an empty list: it has no members of Congress")
    problems: list[str] = []
    members: list[Legislator] = []
    dropped: list[DroppedField] = []
    for index, entry in enumerate(raw, start=1):
        member = _entry(index, entry, known_states, problems, dropped)
        if member is not None:
            members.append(member)
        if len(problems) >= MAX_PROBLEMS:
            break
    if not problems:
        problems.extend(_cross_checks(members))
        problems.extend(_format_changes(dropped, len(members)))
    if problems:
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = " (and maybe more)" if len(problems) >= MAX_PROBLEMS else ""
        raise LegislatorsError(f"{source} is malformed: {shown}{more}")
    if len(members) < min_members:
        raise LegislatorsError(
            f"{source} lists only {len(members)} members of Congress; expected at least "
            f"{min_members}, so it looks incomplete"
        )
    return ParsedFile(tuple(members), hashlib.sha256(blob).hexdigest(), tuple(dropped))


def _cross_checks(members: list[Legislator]) -> list[str]:
    problems = []
    in_senate = sum(1 for m in members if m.chamber == SENATE)
    if in_senate > SENATE_SEATS:
        problems.append(f"it lists {in_senate} senators; the Senate has {SENATE_SEATS} seats")
    in_house = len(members) - in_senate
    if in_house > HOUSE_SEATS_TOTAL:
        problems.append(
            f"it lists {in_house} House members; the House has {HOUSE_SEATS_TOTAL} seats "
            "(435 voting, 6 non-voting)"
        )
    ids = Counter(m.bioguide for m in members)
    problems += [f"{bid} appears {n} times" for bid, n in ids.items() if n > 1]
    senators = Counter(m.state for m in members if m.chamber == SENATE)
    problems += [f"{st} has {n} senators" for st, n in senators.items() if n > 2]
    seats = Counter((m.state, m.district) for m in members if m.chamber == HOUSE)
    problems += [f"{st} district {d} has {n} members" for (st, d), n in seats.items() if n > 1]
    at_large = {m.state for m in members if m.chamber == HOUSE and m.district == 0}
    numbered = {m.state for m in members if m.chamber == HOUSE and m.district}
    problems += [
        f"{st} has both an at-large seat and numbered districts" for st in at_large & numbered
    ]
    return problems


def _format_changes(dropped: list[DroppedField], members: int) -> list[str]:
    """A field malformed for many members: the file's format changed, not one typo."""
    limit = max(MAX_PROBLEMS, members // MAX_DROPPED_SHARE)
    counts = Counter(d.field for d in dropped)
    return [
        f"'{field.value}' is malformed for {n} of {members} members (the format may have "
        f"changed; e.g. {next(d for d in dropped if d.field == field).describe()})"
        for field, n in counts.items()
        if n > limit
    ]


def read_legislators_file(path: Path, *, known_states: Collection[str] | None = None) -> ParsedFile:
    """Read and validate a file from disk (the hand import for servers without internet)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LegislatorsError(f"{path}: no such file") from None
    except OSError as exc:
        raise LegislatorsError(f"{path} could not be read ({exc.strerror})") from None
    return parse_legislators(data, source=str(path), known_states=known_states)
