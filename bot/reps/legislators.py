"""Members of Congress from the unitedstates/congress-legislators ``legislators-current.json``.

The file is a list of people. A person's name is under ``name`` (``official_full``, else
``first`` and ``last``) and their current term is the last entry of ``terms``: ``type``
(``sen`` or ``rep``), ``state``, ``district`` (representatives only; 0 is at-large),
``party``, ``phone`` (the Washington office), ``url`` and ``contact_form`` (often missing,
so the website stands in for it).

:func:`parse_legislators` checks the whole file before anything is stored: one malformed
entry rejects the file with :class:`LegislatorsError`, naming the entry and the field, so
a bad download or a hand-edited file never partially replaces good data.
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

SENATE = Chamber.SENATE
HOUSE = Chamber.HOUSE
_CHAMBERS = {"sen": SENATE, "rep": HOUSE}
_STATE = re.compile(r"^[A-Z]{2}$")
_BIOGUIDE = re.compile(r"^[A-Z][0-9]{6}$")
MAX_PROBLEMS = 5  # how many problems one error message lists


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

    @property
    def senators(self) -> int:
        return sum(1 for m in self.members if m.chamber == SENATE)

    @property
    def representatives(self) -> int:
        return sum(1 for m in self.members if m.chamber == HOUSE)


def _kind(value: Any) -> str:
    """The JSON name of a value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def _text(value: object) -> TypeGuard[str]:
    """Text with something in it."""
    return isinstance(value, str) and bool(value.strip())


def _optional_text(term: dict[str, Any], key: str, problems: list[str], where: str) -> str | None:
    value = term.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{where}: '{key}' must be text, not {_kind(value)}")
        return None
    return value.strip() or None


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
    index: int, raw: Any, known_states: Collection[str] | None, problems: list[str]
) -> Legislator | None:
    where = f"entry {index}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be an object, not {_kind(raw)}")
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
    before = len(problems)
    party = _optional_text(term, "party", problems, where)
    phone = _optional_text(term, "phone", problems, where)
    url = _optional_text(term, "url", problems, where)
    form = _optional_text(term, "contact_form", problems, where)
    rank = _optional_text(term, "state_rank", problems, where)
    end = _optional_text(term, "end", problems, where)
    for key, link in (("url", url), ("contact_form", form)):
        if link is not None and not link.startswith(("http://", "https://")):
            problems.append(f"{where}: '{key}' must be a web address")
    if len(problems) > before:
        return None
    return Legislator(
        bioguide, name, _CHAMBERS[kind], state, district, party, phone, url, form, rank, end
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
            f"not {_kind(raw)}"
        )
    if not raw:
        raise LegislatorsError(f"{source} is an empty list: it has no members of Congress")
    problems: list[str] = []
    members: list[Legislator] = []
    for index, entry in enumerate(raw, start=1):
        member = _entry(index, entry, known_states, problems)
        if member is not None:
            members.append(member)
        if len(problems) >= MAX_PROBLEMS:
            break
    if not problems:
        problems.extend(_cross_checks(members))
    if problems:
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = " (and maybe more)" if len(problems) >= MAX_PROBLEMS else ""
        raise LegislatorsError(f"{source} is malformed: {shown}{more}")
    if len(members) < min_members:
        raise LegislatorsError(
            f"{source} lists only {len(members)} members of Congress; expected at least "
            f"{min_members}, so it looks incomplete"
        )
    return ParsedFile(tuple(members), hashlib.sha256(blob).hexdigest())


def _cross_checks(members: list[Legislator]) -> list[str]:
    problems = []
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


def read_legislators_file(path: Path, *, known_states: Collection[str] | None = None) -> ParsedFile:
    """Read and validate a file from disk (the hand import for servers without internet)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LegislatorsError(f"{path}: no such file") from None
    except OSError as exc:
        raise LegislatorsError(f"{path} could not be read ({exc.strerror})") from None
    return parse_legislators(data, source=str(path), known_states=known_states)
