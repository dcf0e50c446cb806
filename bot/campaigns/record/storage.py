"""The stored copy of each bill's record, replaced whole per bill, and the lookups the cogs use.

The record is global public data, not a server's: its tables (0005_bill_record.sql) have no
guild_id, as the members-of-Congress tables have none. Which bills a server follows stays in
its own rows (bill_versions, with their guild_id).

Writers: :func:`save_record` (a good copy, in one transaction), :func:`confirm_current`
(the source said the copy is still current), :func:`record_check` (a failed or not-found
attempt, which leaves the copy alone). Readers: :func:`get_record`, :func:`get_check`,
:func:`cosponsor_status`, :func:`cosponsor_statuses`, :func:`cosponsor_counts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.campaigns.record.model import (
    Action,
    BillId,
    BillRecord,
    Committee,
    Cosponsor,
    CosponsorCounts,
    CosponsorStatus,
    Member,
    Title,
    count_cosponsors,
    standing,
)
from bot.core.database import Database
from bot.core.enums import CatalogEnum

_KEY = "congress=? AND bill_type=? AND number=?"
_RECORD_COLUMNS = (
    "title, introduced, sponsor_bioguide, sponsor_name, sponsor_party, sponsor_state, "
    "sponsor_district, action_date, action_text, updated, format_version, source, sha256, "
    "fetched_at, confirmed_at, etag, last_modified"
)


class CheckOutcome(CatalogEnum, key_prefix="record.check"):
    """What the last download attempt for a bill came to."""

    UPDATED = "updated"  # a new copy was stored
    UNCHANGED = "unchanged"  # the stored copy is still current (304, or the same file)
    NOT_FOUND = "not_found"  # the record has no such bill (404)
    FAILED = "failed"  # network, HTTP error, or a file that was refused; copy kept


@dataclass(frozen=True, slots=True)
class StoredRecord:
    record: BillRecord
    source: str  # the URL or file it came from
    sha256: str
    fetched_at: str  # ISO time this copy was downloaded or imported
    confirmed_at: str  # ISO time the source last said it is current ("as of")
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class Check:
    checked_at: str
    outcome: CheckOutcome
    error: str | None


def _key(bill: BillId) -> tuple[int, str, int]:
    return (bill.congress, bill.type, bill.number)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


async def save_record(
    db: Database,
    record: BillRecord,
    *,
    source: str,
    sha256: str,
    now_iso: str,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """Replace the bill's copy in one transaction: readers see the old one or the new one."""
    key = _key(record.bill)
    sponsor = record.sponsor
    action = record.latest_action
    row = (
        *key,
        record.title,
        _iso(record.introduced),
        sponsor.bioguide if sponsor else None,
        sponsor.name if sponsor else None,
        sponsor.party if sponsor else None,
        sponsor.state if sponsor else None,
        sponsor.district if sponsor else None,
        _iso(action.date) if action else None,
        action.text if action else None,
        record.updated,
        record.format_version,
        source,
        sha256,
        now_iso,
        now_iso,
        etag,
        last_modified,
    )
    titles = [(*key, i, t.type, t.text) for i, t in enumerate(record.titles)]
    cosponsors = [
        (
            *key,
            i,
            c.bioguide,
            c.member.name,
            c.member.party,
            c.member.state,
            c.member.district,
            _iso(c.since),
            None if c.original is None else int(c.original),
            _iso(c.withdrawn),
        )
        for i, c in enumerate(record.cosponsors)
    ]
    committees = [
        (*key, i, c.name, c.chamber, c.system_code, c.type, c.activity, c.activity_at)
        for i, c in enumerate(record.committees)
    ]
    async with db.transaction() as conn:
        async with conn.execute(f"DELETE FROM bill_records WHERE {_KEY}", key):
            pass  # the titles, cosponsors and committees go with it (ON DELETE CASCADE)
        marks = ", ".join("?" * len(row))
        async with conn.execute(
            f"INSERT INTO bill_records (congress, bill_type, number, {_RECORD_COLUMNS}) "
            f"VALUES ({marks})",
            row,
        ):
            pass
        for sql, rows in (
            ("bill_record_titles VALUES (?, ?, ?, ?, ?, ?)", titles),
            ("bill_record_cosponsors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cosponsors),
            ("bill_record_committees VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", committees),
        ):
            await (await conn.executemany(f"INSERT INTO {sql}", rows)).close()
        async with conn.execute(_UPSERT_CHECK, (*key, now_iso, CheckOutcome.UPDATED, None)):
            pass


_UPSERT_CHECK = (
    "INSERT INTO bill_record_checks (congress, bill_type, number, checked_at, outcome, error) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (congress, bill_type, number) DO UPDATE SET "
    "checked_at=excluded.checked_at, outcome=excluded.outcome, error=excluded.error"
)


async def confirm_current(
    db: Database,
    bill: BillId,
    now_iso: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """The source says the stored copy is current: move "as of" to now (new validators kept)."""
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE bill_records SET confirmed_at=?, etag=COALESCE(?, etag), "
            f"last_modified=COALESCE(?, last_modified) WHERE {_KEY}",
            (now_iso, etag, last_modified, *_key(bill)),
        ):
            pass
        async with conn.execute(
            _UPSERT_CHECK, (*_key(bill), now_iso, CheckOutcome.UNCHANGED, None)
        ):
            pass


async def record_check(
    db: Database, bill: BillId, now_iso: str, outcome: CheckOutcome, error: str | None
) -> None:
    """Note an attempt that stored nothing (not found, failed); the stored copy stays."""
    await db.execute(_UPSERT_CHECK, (*_key(bill), now_iso, outcome, error))


async def get_check(db: Database, bill: BillId) -> Check | None:
    row = await db.fetchone(
        f"SELECT checked_at, outcome, error FROM bill_record_checks WHERE {_KEY}", _key(bill)
    )
    return None if row is None else Check(row[0], CheckOutcome(row[1]), row[2])


async def stored_sha256(db: Database, bill: BillId) -> str | None:
    return await db.fetchval(f"SELECT sha256 FROM bill_records WHERE {_KEY}", _key(bill))


async def validators(db: Database, bill: BillId) -> tuple[str | None, str | None]:
    """The stored copy's (ETag, Last-Modified) for a conditional request; Nones without one."""
    row = await db.fetchone(
        f"SELECT etag, last_modified FROM bill_records WHERE {_KEY}", _key(bill)
    )
    return (None, None) if row is None else (row[0], row[1])


def _cosponsor(row: Sequence) -> Cosponsor:
    bioguide, name, party, state, district, since, original, withdrawn = row
    return Cosponsor(
        Member(bioguide, name, party, state, district),
        _day(since),
        None if original is None else bool(original),
        _day(withdrawn),
    )


async def get_record(db: Database, bill: BillId) -> StoredRecord | None:
    """The stored copy of the bill's record with where and when it came from; None: none yet."""
    key = _key(bill)
    row = await db.fetchone(f"SELECT {_RECORD_COLUMNS} FROM bill_records WHERE {_KEY}", key)
    if row is None:
        return None
    titles = await db.fetchall(
        f"SELECT title_type, title FROM bill_record_titles WHERE {_KEY} ORDER BY position", key
    )
    cosponsors = await db.fetchall(
        "SELECT bioguide, name, party, state, district, since, original, withdrawn "
        f"FROM bill_record_cosponsors WHERE {_KEY} ORDER BY position",
        key,
    )
    committees = await db.fetchall(
        "SELECT name, chamber, system_code, kind, activity, activity_at "
        f"FROM bill_record_committees WHERE {_KEY} ORDER BY position",
        key,
    )
    sponsor = row["sponsor_bioguide"]
    action = row["action_date"]
    record = BillRecord(
        bill=bill,
        format_version=row["format_version"],
        title=row["title"],
        titles=tuple(Title(*t) for t in titles),
        introduced=_day(row["introduced"]),
        sponsor=None
        if sponsor is None
        else Member(
            sponsor,
            row["sponsor_name"],
            row["sponsor_party"],
            row["sponsor_state"],
            row["sponsor_district"],
        ),
        cosponsors=tuple(_cosponsor(c) for c in cosponsors),
        latest_action=None
        if action is None
        else Action(date.fromisoformat(action), row["action_text"]),
        committees=tuple(Committee(*c) for c in committees),
        updated=row["updated"],
    )
    return StoredRecord(
        record,
        row["source"],
        row["sha256"],
        row["fetched_at"],
        row["confirmed_at"],
        row["etag"],
        row["last_modified"],
    )


async def cosponsor_statuses(
    db: Database, bill: BillId, bioguide_ids: Iterable[str]
) -> dict[str, tuple[CosponsorStatus, date | None]]:
    """Each member's (status, since) on the bill: sponsor, cosponsor, withdrawn, not, unknown.

    ``since`` is the introduced date for the sponsor, the sponsorship date for a cosponsor,
    the withdrawal date for one who withdrew, None otherwise. Without a stored copy every
    member is UNKNOWN: nothing is claimed that the record doesn't say.
    """
    wanted = list(dict.fromkeys(bioguide_ids))
    key = _key(bill)
    head = await db.fetchone(
        f"SELECT sponsor_bioguide, introduced FROM bill_records WHERE {_KEY}", key
    )
    if head is None:
        return {b: (CosponsorStatus.UNKNOWN, None) for b in wanted}
    entries: dict[str, list[tuple[date | None, date | None]]] = {b: [] for b in wanted}
    if wanted:
        marks = ", ".join("?" * len(wanted))
        rows = await db.fetchall(
            f"SELECT bioguide, since, withdrawn FROM bill_record_cosponsors WHERE {_KEY} "
            f"AND bioguide IN ({marks}) ORDER BY position",
            (*key, *wanted),
        )
        for bioguide, since, withdrawn in rows:
            entries[bioguide].append((_day(since), _day(withdrawn)))
    sponsor, introduced = head[0], _day(head[1])
    return {b: standing(b, sponsor, introduced, entries[b]) for b in wanted}


async def cosponsor_status(
    db: Database, bill: BillId, bioguide_id: str
) -> tuple[CosponsorStatus, date | None]:
    """One member's (status, since) on the bill; see :func:`cosponsor_statuses`."""
    return (await cosponsor_statuses(db, bill, [bioguide_id]))[bioguide_id]


async def cosponsor_counts(db: Database, bill: BillId) -> CosponsorCounts | None:
    """Current cosponsors by party (and how many withdrew); None without a stored copy."""
    key = _key(bill)
    if await db.fetchval(f"SELECT 1 FROM bill_records WHERE {_KEY}", key) is None:
        return None
    rows = await db.fetchall(
        f"SELECT bioguide, party, withdrawn FROM bill_record_cosponsors WHERE {_KEY} "
        "ORDER BY position",
        key,
    )
    return count_cosponsors((r[0], r[1], _day(r[2])) for r in rows)
