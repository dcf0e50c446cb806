"""What the official record says of one bill: its id, titles, sponsor, cosponsors, committees.

Plain frozen dataclasses, filled by :mod:`.parse` and :mod:`.storage`. Every text is as the
record has it, runs of white space made one space (escape it before showing it on Discord);
a field the record leaves out is None, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.core.enums import CatalogEnum

# The record's bill types, lower case as in its URLs, with how bills are written and the
# words congress.gov uses in its addresses.
BILL_TYPES: dict[str, tuple[str, str]] = {
    "hr": ("H.R.", "house-bill"),
    "s": ("S.", "senate-bill"),
    "hres": ("H.Res.", "house-resolution"),
    "sres": ("S.Res.", "senate-resolution"),
    "hjres": ("H.J.Res.", "house-joint-resolution"),
    "sjres": ("S.J.Res.", "senate-joint-resolution"),
    "hconres": ("H.Con.Res.", "house-concurrent-resolution"),
    "sconres": ("S.Con.Res.", "senate-concurrent-resolution"),
}
_CHAMBER_TYPES = {"house": "hr", "senate": "s"}
_BIOGUIDE = re.compile(r"^[A-Z][0-9]{6}$")


def is_bioguide_id(text: str) -> bool:
    """``V000128``: one capital letter and six digits, as the Biographical Directory writes ids."""
    return bool(_BIOGUIDE.match(text))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class VersionLike(Protocol):
    """Anything with a Congress, a chamber and a number (a campaign's ``BillVersion``)."""

    @property
    def congress(self) -> int: ...
    @property
    def chamber(self) -> str: ...
    @property
    def number(self) -> int: ...


@dataclass(frozen=True, slots=True, order=True)
class BillId:
    """One bill: ``BillId(117, "s", 35)``. ``type`` is lower case, a key of BILL_TYPES."""

    congress: int
    type: str
    number: int

    def __post_init__(self) -> None:
        if self.type not in BILL_TYPES:
            raise ValueError(f"unknown bill type {self.type!r}")
        if self.congress <= 0 or self.number <= 0:
            raise ValueError("a Congress and a bill number are positive")

    @classmethod
    def of(cls, congress: int, type_or_chamber: str, number: int) -> BillId:
        """From a type (``"hr"``, ``"HR"``) or a campaign's chamber (``"house"``, ``"senate"``)."""
        kind = type_or_chamber.strip().lower()
        return cls(congress, _CHAMBER_TYPES.get(kind, kind), number)

    @classmethod
    def for_version(cls, version: VersionLike) -> BillId:
        """The bill of a campaign's version (``BillVersion`` or ``BillVersionSeed``)."""
        return cls.of(version.congress, version.chamber, version.number)

    @property
    def key(self) -> str:
        """``117s35``, as in the record's file name ``BILLSTATUS-117s35.xml``."""
        return f"{self.congress}{self.type}{self.number}"

    @property
    def label(self) -> str:
        """``S. 35``, ``H.Con.Res. 7``."""
        return f"{BILL_TYPES[self.type][0]} {self.number}"

    @property
    def described(self) -> str:
        """``S. 35 (117th Congress)``: for logs and messages."""
        return f"{self.label} ({_ordinal(self.congress)} Congress)"

    @property
    def congress_gov_url(self) -> str:
        kind = BILL_TYPES[self.type][1]
        return (
            f"https://www.congress.gov/bill/{_ordinal(self.congress)}-congress/{kind}/{self.number}"
        )


@dataclass(frozen=True, slots=True)
class Member:
    """A sponsor as the record names them; party and state as its letters (``D``, ``MD``)."""

    bioguide: str
    name: str | None
    party: str | None
    state: str | None
    district: int | None = None


@dataclass(frozen=True, slots=True)
class Cosponsor:
    member: Member
    since: date | None  # sponsorshipDate
    original: bool | None  # isOriginalCosponsor; None when the record doesn't say
    withdrawn: date | None = None  # sponsorshipWithdrawnDate

    @property
    def bioguide(self) -> str:
        return self.member.bioguide


@dataclass(frozen=True, slots=True)
class Title:
    type: str  # titleType: "Display Title", "Official Title as Introduced", "Short Title(s)..."
    text: str

    @property
    def official(self) -> bool:
        return self.type.casefold().startswith("official title")


@dataclass(frozen=True, slots=True)
class Action:
    date: date
    text: str


@dataclass(frozen=True, slots=True)
class Committee:
    name: str
    chamber: str | None  # "House", "Senate", "Joint"
    system_code: str | None  # "ssbk00"
    type: str | None  # "Standing", "Select"...
    activity: str | None = None  # its newest activity: "Referred to", "Discharged from"...
    activity_at: str | None = None  # when (ISO time as the record writes it)


class CosponsorStatus(CatalogEnum, key_prefix="record.cosponsor"):
    """Where one member of Congress stands on one bill, by the stored record."""

    SPONSOR = "sponsor"
    COSPONSOR = "cosponsor"
    WITHDRAWN = "withdrawn"
    NOT_COSPONSOR = "not_cosponsor"
    UNKNOWN = "unknown"  # no copy of the record is stored: nothing may be claimed


@dataclass(frozen=True, slots=True)
class CosponsorCounts:
    """Cosponsors counted once each by their latest entry; ``by_party`` counts current ones.

    ``by_party`` keys are the record's party letters (``D``, ``R``, ``I``); a cosponsor whose
    party the record leaves out counts under ``""``. Largest count first.
    """

    current: int
    withdrawn: int
    by_party: dict[str, int]


def standing(
    bioguide: str,
    sponsor: str | None,
    introduced: date | None,
    entries: Iterable[tuple[date | None, date | None]],
) -> tuple[CosponsorStatus, date | None]:
    """Status and since when, from the sponsor's id and a member's (since, withdrawn) entries.

    A member who withdrew and cosponsored again is a cosponsor since the newest entry.
    """
    if sponsor == bioguide:
        return CosponsorStatus.SPONSOR, introduced
    entries = list(entries)
    if not entries:
        return CosponsorStatus.NOT_COSPONSOR, None
    active = [since for since, withdrawn in entries if withdrawn is None]
    if active:
        dated = [d for d in active if d is not None]
        return CosponsorStatus.COSPONSOR, max(dated) if dated else None
    return CosponsorStatus.WITHDRAWN, max(w for _, w in entries if w is not None)


def count_cosponsors(rows: Iterable[tuple[str, str | None, date | None]]) -> CosponsorCounts:
    """Count (bioguide, party, withdrawn) rows, each member once, current or withdrawn."""
    latest: dict[str, tuple[str, bool]] = {}
    for bioguide, party, withdrawn in rows:
        still = withdrawn is None
        if bioguide in latest and latest[bioguide][1]:
            continue  # an entry still in force wins over a withdrawn one
        latest[bioguide] = (party or "", still)
    by_party: dict[str, int] = {}
    for party, still in latest.values():
        if still:
            by_party[party] = by_party.get(party, 0) + 1
    ordered = dict(sorted(by_party.items(), key=lambda kv: (-kv[1], kv[0])))
    current = sum(ordered.values())
    return CosponsorCounts(current, len(latest) - current, ordered)


@dataclass(frozen=True, slots=True)
class BillRecord:
    """One bill as its Bill Status file describes it."""

    bill: BillId
    format_version: str  # the file's <version>, "3.0.0"
    title: str  # the display title (<title>)
    titles: tuple[Title, ...]
    introduced: date | None
    sponsor: Member | None
    cosponsors: tuple[Cosponsor, ...]
    latest_action: Action | None
    committees: tuple[Committee, ...]
    updated: str | None = None  # the record's own <updateDate>

    @property
    def official_titles(self) -> tuple[str, ...]:
        """The "Official Title as ..." texts, in the record's order, without repeats."""
        return tuple(dict.fromkeys(t.text for t in self.titles if t.official))

    @property
    def official_title(self) -> str:
        """The first official title, else the display title."""
        return next(iter(self.official_titles), self.title)

    @property
    def all_titles(self) -> tuple[str, ...]:
        """The display title, then every other title, without repeats."""
        return tuple(dict.fromkeys([self.title, *(t.text for t in self.titles)]))

    def status_of(self, bioguide: str) -> tuple[CosponsorStatus, date | None]:
        entries = [(c.since, c.withdrawn) for c in self.cosponsors if c.bioguide == bioguide]
        sponsor = self.sponsor.bioguide if self.sponsor else None
        return standing(bioguide, sponsor, self.introduced, entries)

    def counts(self) -> CosponsorCounts:
        return count_cosponsors((c.bioguide, c.member.party, c.withdrawn) for c in self.cosponsors)
