"""The stored copy of the members of Congress, replaced whole, looked up by indexed seat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.database import Database
from bot.reps.fields import DroppedField, Field
from bot.reps.legislators import HOUSE, SENATE, Legislator

DROPPED_KEPT = 20  # how many dropped fields the status row names (the count is exact)
_FIELD_KEYS = frozenset(f.value for f in Field)

# In the order of the fields of Legislator, so a row unpacks into one.
_COLUMNS = (
    "bioguide, name, chamber, state, district, party, phone, url, contact_form, "
    "state_rank, term_end"
)


@dataclass(frozen=True, slots=True)
class DroppedRef:
    """Which member's which field was dropped (the reason is only in the import's log)."""

    bioguide: str
    name: str
    field: Field


@dataclass(frozen=True, slots=True)
class LegislatorsStatus:
    source: str | None
    sha256: str | None
    members: int
    imported_at: str | None  # ISO time of the last successful import (None: never)
    checked_at: str | None  # ISO time of the last download attempt
    check_error: str | None  # why that attempt failed, or None
    dropped: int = 0  # malformed optional fields left out of the stored copy
    dropped_fields: tuple[DroppedRef, ...] = ()  # the first few of them


def _dropped_json(dropped: Sequence[DroppedField]) -> str | None:
    if not dropped:
        return None
    return json.dumps([[d.bioguide, d.name, d.field.value] for d in dropped[:DROPPED_KEPT]])


def _dropped_refs(text: str | None) -> tuple[DroppedRef, ...]:
    """The stored list back; anything unreadable in it is skipped, never raised."""
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return ()
    refs = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, list) and len(item) == 3 and item[2] in _FIELD_KEYS:
            refs.append(DroppedRef(str(item[0]), str(item[1]), Field(item[2])))
    return tuple(refs)


def _member(row: Sequence) -> Legislator:
    return Legislator(*row)


async def replace_legislators(
    db: Database,
    members: Sequence[Legislator],
    *,
    source: str,
    sha256: str,
    now_iso: str,
    dropped: Sequence[DroppedField] = (),
) -> None:
    """Swap in a new copy in one transaction: readers see the old one or the new one, whole.

    ``dropped`` are the malformed fields left out of this copy; the status row keeps their
    count and the first few.
    """
    rows = [
        (
            m.bioguide,
            m.name,
            m.chamber,
            m.state,
            m.district,
            m.party,
            m.phone,
            m.url,
            m.contact_form,
            m.state_rank,
            m.term_end,
        )
        for m in members
    ]
    marks = ", ".join("?" * 11)
    async with db.transaction() as conn:
        async with conn.execute("DELETE FROM legislators"):
            pass
        await (
            await conn.executemany(f"INSERT INTO legislators ({_COLUMNS}) VALUES ({marks})", rows)
        ).close()
        async with conn.execute(
            "INSERT INTO legislators_status (id, source, sha256, members, imported_at, "
            "checked_at, check_error, dropped, dropped_fields) "
            "VALUES (1, ?, ?, ?, ?, ?, NULL, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET source=excluded.source, sha256=excluded.sha256, "
            "members=excluded.members, imported_at=excluded.imported_at, "
            "checked_at=excluded.checked_at, check_error=NULL, dropped=excluded.dropped, "
            "dropped_fields=excluded.dropped_fields",
            (source, sha256, len(rows), now_iso, now_iso, len(dropped), _dropped_json(dropped)),
        ):
            pass


async def record_check(db: Database, now_iso: str, error: str | None) -> None:
    """Note a download attempt that did not replace the data (unchanged, or failed)."""
    await db.execute(
        "INSERT INTO legislators_status (id, checked_at, check_error) VALUES (1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET checked_at=excluded.checked_at, "
        "check_error=excluded.check_error",
        (now_iso, error),
    )


async def get_status(db: Database) -> LegislatorsStatus:
    row = await db.fetchone(
        "SELECT source, sha256, members, imported_at, checked_at, check_error, dropped, "
        "dropped_fields FROM legislators_status WHERE id=1"
    )
    if row is None:
        return LegislatorsStatus(None, None, 0, None, None, None)
    source, sha256, members, imported_at, checked_at, check_error, dropped, listed = row
    return LegislatorsStatus(
        source,
        sha256,
        members,
        imported_at,
        checked_at,
        check_error,
        dropped=dropped,
        dropped_fields=_dropped_refs(listed),
    )


async def count_members(db: Database) -> int:
    return await db.fetchval("SELECT COUNT(*) FROM legislators")


async def senators(db: Database, state: str) -> list[Legislator]:
    """The state's senators, senior first."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM legislators WHERE state=? AND chamber=? AND district IS NULL "
        "ORDER BY state_rank = 'junior', name",
        (state, SENATE),
    )
    return [_member(r) for r in rows]


async def representative(db: Database, state: str, district: int) -> Legislator | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM legislators WHERE state=? AND chamber=? AND district=?",
        (state, HOUSE, district),
    )
    return None if row is None else _member(row)


async def delegation(db: Database, state: str) -> list[Legislator]:
    """The state's House members in district order."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM legislators WHERE state=? AND chamber=? ORDER BY district",
        (state, HOUSE),
    )
    return [_member(r) for r in rows]


async def chamber_counts(db: Database) -> dict[str, int]:
    rows = await db.fetchall("SELECT chamber, COUNT(*) FROM legislators GROUP BY chamber")
    return {SENATE: 0, HOUSE: 0, **{r[0]: r[1] for r in rows}}


async def legislator(db: Database, bioguide: str) -> Legislator | None:
    """The member of Congress with that bioguide id, if the stored copy has them."""
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM legislators WHERE bioguide=?", (bioguide,))
    return None if row is None else _member(row)
