"""Campaigns: the acts the statement asks Congress to pass, with their bill versions.

A campaign is an act (the HKETO Certification Act), keyed by slug (``hketo``). It has the
versions the statement names (data/bills.json) plus any a server's organizers added when
the act was reintroduced under a new number. Per chamber, one version is *current*: the
one an organizer marked, else the statement's. A version whose Congress has ended is
*expired* (bills not enacted die with their Congress), judged at the time the caller passes.

Everything here is plain Python; :func:`load_campaigns` reads a server's additions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.campaigns import storage as store
from bot.core.content import CampaignSeed, Content
from bot.core.database import Database
from bot.core.enums import CatalogEnum, Chamber

CHAMBERS = (Chamber.HOUSE, Chamber.SENATE)  # the order versions are listed in
MAX_BILL_NUMBER = 20000  # the House has never numbered past about 10,600 in one Congress
FIRST_CONGRESS_ON_CONGRESS_GOV = 93  # congress.gov's bill pages start with the 93rd (1973)

_EASTERN = ZoneInfo("America/New_York")
_PREFIXES = {"hr": Chamber.HOUSE, "s": Chamber.SENATE}
_BILL = re.compile(r"^(hr|s)(\d+)$")


class BillNumberProblem(CatalogEnum, key_prefix="bills.number"):
    """Why a bill number can't be read; each has a message that explains it."""

    EMPTY = "empty"
    NEGATIVE = "negative"
    MALFORMED = "malformed"
    UNKNOWN_KIND = "unknown_kind"
    ZERO = "zero"
    TOO_BIG = "too_big"


class BillNumberError(ValueError):
    """A bill number that can't be read; ``key`` is the catalog key that explains why."""

    def __init__(self, problem: BillNumberProblem, text: str) -> None:
        super().__init__(f"{problem.catalog_key}: {text!r}")
        self.problem = problem
        self.text = text

    @property
    def key(self) -> str:
        return self.problem.catalog_key


# ------------------------------------------------------------------ numbers and congresses


def ordinal(n: int) -> str:
    """``111th``, ``112th``, ``113th``, ``121st``, ``122nd``, ``123rd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def bill_label(chamber: Chamber, number: int) -> str:
    """How bills are written: ``H.R. 1103``, ``S. 490``."""
    return f"{'H.R.' if chamber == Chamber.HOUSE else 'S.'} {number}"


def _squash(text: str) -> str:
    return re.sub(r"[\s.]+", "", text.lower())


def parse_bill_number(text: str) -> tuple[Chamber, int]:
    """``"H.R. 1103"``, ``"hr1103"``, ``"S.490"``... -> ``("house", 1103)``/``("senate", 490)``.

    Raises :class:`BillNumberError` for anything else ("H.R. -3", "X 12", "H.R. 0").
    """
    squashed = _squash(text or "")
    if not squashed:
        raise BillNumberError(BillNumberProblem.EMPTY, text)
    match = _BILL.match(squashed)
    if match is None:
        if re.match(r"^(hr|s)-\d+$", squashed):
            raise BillNumberError(BillNumberProblem.NEGATIVE, text)
        if re.match(r"^(hr|s)\d", squashed) or re.match(r"^(hr|s)$", squashed):
            raise BillNumberError(BillNumberProblem.MALFORMED, text)
        raise BillNumberError(BillNumberProblem.UNKNOWN_KIND, text)
    prefix, digits = match.groups()
    if len(digits) > 6:
        raise BillNumberError(BillNumberProblem.TOO_BIG, text)
    number = int(digits)
    if number == 0:
        raise BillNumberError(BillNumberProblem.ZERO, text)
    if number > MAX_BILL_NUMBER:
        raise BillNumberError(BillNumberProblem.TOO_BIG, text)
    return _PREFIXES[prefix], number


def format_date(day: date) -> str:
    """``January 3, 2025`` (no leading zero), the way US readers write dates."""
    return f"{day:%B} {day.day}, {day.year}"


def congress_label(congress: int) -> str:
    """``118th Congress``."""
    return f"{ordinal(congress)} Congress"


def congress_start(congress: int) -> date:
    """Congress N begins on 3 January of 1787 + 2N (the 118th: 3 January 2023)."""
    return date(1787 + 2 * congress, 1, 3)


def congress_end(congress: int, known: dict[int, str] | None = None) -> date:
    """Congress N ends on 3 January of 1789 + 2N (the 118th: 3 January 2025).

    ``known`` (from data/bills.json) wins where it names the date.
    """
    if known and congress in known:
        return date.fromisoformat(known[congress])
    return date(1789 + 2 * congress, 1, 3)


def _noon_eastern(day: date) -> datetime:
    """Terms end and begin at noon on 3 January (20th Amendment), Washington time."""
    return datetime.combine(day, time(12), tzinfo=_EASTERN).astimezone(UTC)


def congress_ended(congress: int, now: datetime, known: dict[int, str] | None = None) -> bool:
    return now >= _noon_eastern(congress_end(congress, known))


def current_congress(now: datetime) -> int:
    """The Congress sitting at ``now``."""
    n = (now.astimezone(_EASTERN).year - 1787) // 2
    if now < _noon_eastern(congress_start(n)):
        n -= 1
    return n


def congress_url(congress: int, chamber: Chamber, number: int) -> str:
    kind = "house-bill" if chamber == Chamber.HOUSE else "senate-bill"
    return f"https://www.congress.gov/bill/{ordinal(congress)}-congress/{kind}/{number}"


# ------------------------------------------------------------------------------ model


@dataclass(frozen=True, slots=True)
class BillVersion:
    congress: int
    chamber: Chamber
    number: int
    from_statement: bool = False  # named in the statement (data/bills.json)
    current: bool = False
    ended_on: date | None = None  # the date its Congress ended, when it has ended
    title_confirmed: str | None = None  # the record's title an organizer confirmed (see 0007)

    @property
    def label(self) -> str:
        return bill_label(self.chamber, self.number)

    @property
    def congress_label(self) -> str:
        return congress_label(self.congress)

    @property
    def url(self) -> str:
        return congress_url(self.congress, self.chamber, self.number)

    @property
    def expired(self) -> bool:
        return self.ended_on is not None


@dataclass(frozen=True, slots=True)
class Campaign:
    """One act as one server sees it: its versions and which are current."""

    slug: str
    act: str
    short_name: str
    aliases: tuple[str, ...]
    versions: tuple[BillVersion, ...]
    statement_status: str | None
    statement_ask: str
    guild_id: int | None = None
    names: tuple[str, ...] = field(default=(), repr=False)

    @property
    def current_versions(self) -> tuple[BillVersion, ...]:
        """The current House version (if any), then the current Senate version (if any)."""
        return tuple(
            v for chamber in CHAMBERS for v in self.versions if v.current and v.chamber == chamber
        )

    def current(self, chamber: Chamber) -> BillVersion | None:
        return next((v for v in self.current_versions if v.chamber == chamber), None)

    @property
    def act_names(self) -> tuple[str, str]:
        """The names an official title must contain to name this act (not the looser aliases)."""
        return (self.act, self.short_name)

    @property
    def numbers_label(self) -> str:
        """``H.R. 1103/S. 490``: the current versions, as the statement writes them."""
        return "/".join(v.label for v in self.current_versions)

    def find_version(
        self, chamber: Chamber, number: int, congress: int | None = None
    ) -> BillVersion | None:
        found = [
            v
            for v in self.versions
            if v.chamber == chamber
            and v.number == number
            and (congress is None or v.congress == congress)
        ]
        if not found:
            return None
        return next((v for v in found if v.current), max(found, key=lambda v: v.congress))


def _build(
    seed: CampaignSeed,
    extras: list[store.StoredVersion],
    marks: dict[Chamber, tuple[int, int]],
    now: datetime,
    known_ends: dict[int, str],
    guild_id: int | None,
) -> Campaign:
    raw: list[tuple[int, Chamber, int, bool]] = [
        (v.congress, v.chamber, v.number, True) for v in seed.versions
    ]
    seen = {(c, ch, n) for c, ch, n, _ in raw}
    confirmed: dict[tuple[int, Chamber, int], str] = {}
    for e in extras:
        if (e.congress, e.chamber, e.number) not in seen:
            raw.append((e.congress, e.chamber, e.number, False))
            seen.add((e.congress, e.chamber, e.number))
            if e.title_confirmed:
                confirmed[(e.congress, e.chamber, e.number)] = e.title_confirmed
    current: dict[Chamber, tuple[int, int]] = {}
    for chamber in CHAMBERS:
        mark = marks.get(chamber)
        if mark and (mark[0], chamber, mark[1]) in seen:
            current[chamber] = mark
            continue
        named = [(c, n) for c, ch, n, s in raw if ch == chamber and s]
        if named:
            current[chamber] = max(named)
    versions = []
    for congress, chamber, number, stated in sorted(raw, key=lambda r: (-r[0], r[1], r[2])):
        ended = congress_ended(congress, now, known_ends)
        versions.append(
            BillVersion(
                congress,
                chamber,
                number,
                from_statement=stated,
                current=current.get(chamber) == (congress, number),
                ended_on=congress_end(congress, known_ends) if ended else None,
                title_confirmed=confirmed.get((congress, chamber, number)),
            )
        )
    names = (seed.slug, seed.act, seed.short_name, *seed.aliases)
    return Campaign(
        seed.slug,
        seed.act,
        seed.short_name,
        seed.aliases,
        tuple(versions),
        seed.statement_status,
        seed.statement_ask,
        guild_id,
        names,
    )


def seed_campaigns(content: Content, now: datetime) -> list[Campaign]:
    """The campaigns as the statement names them, with no server's additions."""
    return [_build(s, [], {}, now, content.congress_ends, None) for s in content.campaigns]


async def load_campaigns(
    db: Database, content: Content, guild_id: int, now: datetime
) -> list[Campaign]:
    """Every campaign as one server sees it (its added versions and current marks)."""
    extras = await store.list_versions(db, guild_id)
    marks = await store.current_marks(db, guild_id)
    return [
        _build(
            seed,
            [e for e in extras if e.campaign == seed.slug],
            marks.get(seed.slug, {}),
            now,
            content.congress_ends,
            guild_id,
        )
        for seed in content.campaigns
    ]


async def load_campaign(
    db: Database, content: Content, guild_id: int, slug: str, now: datetime
) -> Campaign | None:
    return next(
        (c for c in await load_campaigns(db, content, guild_id, now) if c.slug == slug), None
    )


# --------------------------------------------------------------------------- resolving


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def resolve_campaign(campaigns: list[Campaign], text: str) -> Campaign | None:
    """The campaign ``text`` names: slug, act, short name, alias, or any version's number.

    A number that two campaigns share (in different Congresses) goes to the one whose
    current version it is; if that is still ambiguous, None.
    """
    wanted = _norm(text or "")
    if not wanted:
        return None
    for c in campaigns:
        if any(_norm(n) == wanted for n in c.names):
            return c
    try:
        chamber, number = parse_bill_number(text)
    except BillNumberError:
        return None
    matches = [c for c in campaigns if c.find_version(chamber, number)]
    if len(matches) == 1:
        return matches[0]
    current = [c for c in matches if (v := c.find_version(chamber, number)) and v.current]
    return current[0] if len(current) == 1 else None


def suggest_campaigns(campaigns: list[Campaign], current: str, limit: int = 25) -> list[Campaign]:
    """Campaigns whose names or numbers contain what was typed, best first."""
    typed = _norm(current or "")
    if not typed:
        return campaigns[:limit]
    scored: list[tuple[int, int, Campaign]] = []
    for i, c in enumerate(campaigns):
        words = [_norm(n) for n in c.names]
        numbers = [_norm(v.label) for v in c.versions]
        if any(w.startswith(typed) for w in words):
            scored.append((0, i, c))
        elif any(n.startswith(typed) for n in numbers):
            scored.append((1, i, c))
        elif any(typed in w for w in words + numbers):
            scored.append((2, i, c))
    return [c for _, _, c in sorted(scored, key=lambda s: (s[0], s[1]))][:limit]
