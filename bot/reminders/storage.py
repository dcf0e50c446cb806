"""Stored reminders; each query but the dispatcher's filters by server.

The dispatcher's questions (:data:`NEXT_DUE_SQL`, :data:`DUE_SQL`) go to the partial index on
``next_due``; what happened to each occurrence is in :mod:`bot.reminders.delivery_records`,
members' subscriptions in :mod:`bot.reminders.subscriptions`, their DMs in
:mod:`bot.reminders.outbox` (registered here for /me forget, as the privacy registry expects).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.database import Database
from bot.privacy.members import Maker, count_organizer, forget_organizer
from bot.privacy.registry import register_member_data
from bot.reminders.recurrence import Repeat
from bot.reminders.states import PauseReason, Status
from bot.reminders.subscriptions import count_subscriptions, forget_subscriptions

SqlValue = str | int | bytes | None  # a reminder column's value (an enum member is a str)

_COLS = (
    "id, guild_id, campaign, channel_id, role_id, note, timezone, anchor_local, repeat,"
    " until_local, grace_seconds, status, next_due, event_id, created_by, created_at, updated_at,"
    " pause_reason"
)
EDITABLE = frozenset(
    {
        "campaign",
        "channel_id",
        "role_id",
        "note",
        "timezone",
        "anchor_local",
        "repeat",
        "until_local",
        "grace_seconds",
        "status",
        "next_due",
        "event_id",
        "pause_reason",
    }
)


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    guild_id: int
    campaign: str
    channel_id: int
    role_id: int | None
    note: str | None
    timezone: str
    anchor_local: str
    repeat: Repeat
    until_local: str | None
    grace_seconds: int
    status: Status
    next_due: int | None
    event_id: int | None
    created_by: Maker  # the organizer's pseudonym, or FORMER_ORGANIZER once forgotten
    created_at: str
    updated_at: str
    pause_reason: PauseReason | None = None  # set when the bot paused it, not an organizer


def _reminder(row: Sequence[Any]) -> Reminder:
    values = list(row)  # SQLite's values; repeat, status and reason are checked on the way out
    values[8], values[11] = Repeat(values[8]), Status(values[11])
    values[17] = PauseReason(values[17]) if values[17] else None
    return Reminder(*values)


async def insert_reminder(db: Database, **fields: SqlValue) -> int:
    """Store a new reminder; ``fields`` are the table's columns (without id)."""
    cols = ", ".join(fields)
    marks = ", ".join("?" for _ in fields)
    return await db.execute(
        f"INSERT INTO reminders ({cols}) VALUES ({marks})", tuple(fields.values())
    )


async def get_reminder(db: Database, guild_id: int, reminder_id: int) -> Reminder | None:
    row = await db.fetchone(
        f"SELECT {_COLS} FROM reminders WHERE id=? AND guild_id=?", (reminder_id, guild_id)
    )
    return None if row is None else _reminder(row)


async def get_reminder_any(db: Database, reminder_id: int) -> Reminder | None:
    """A reminder by id alone, for the engine (an occurrence's DMs name no server)."""
    row = await db.fetchone(f"SELECT {_COLS} FROM reminders WHERE id=?", (reminder_id,))
    return None if row is None else _reminder(row)


OPEN = (Status.ACTIVE, Status.PAUSED)  # what /remind list shows


async def list_reminders(
    db: Database, guild_id: int, statuses: Iterable[Status] = OPEN, limit: int = 25
) -> list[Reminder]:
    wanted = tuple(statuses)
    marks = ", ".join("?" for _ in wanted)
    rows = await db.fetchall(
        f"SELECT {_COLS} FROM reminders WHERE guild_id=? AND status IN ({marks})"
        " ORDER BY next_due IS NULL, next_due, id LIMIT ?",
        (guild_id, *wanted, limit),
    )
    return [_reminder(r) for r in rows]


async def count_reminders(db: Database, guild_id: int, statuses: Iterable[Status] = OPEN) -> int:
    wanted = tuple(statuses)
    marks = ", ".join("?" for _ in wanted)
    return await db.fetchval(
        f"SELECT count(*) FROM reminders WHERE guild_id=? AND status IN ({marks})",
        (guild_id, *wanted),
    )


async def upcoming(db: Database, guild_id: int, limit: int = 100) -> list[Reminder]:
    """Active reminders of one server, soonest first."""
    return await list_reminders(db, guild_id, (Status.ACTIVE,), limit)


async def pause_in_channel(
    db: Database, guild_id: int, channel_id: int, updated_at: str
) -> list[Reminder]:
    """Pause the server's active reminders that post in ``channel_id`` (it was deleted), in
    one statement; those paused, soonest first."""
    rows = await db.fetchall(
        "UPDATE reminders SET status=?, pause_reason=?, updated_at=?"
        " WHERE guild_id=? AND channel_id=? AND status=?"
        f" RETURNING {_COLS}",
        (
            Status.PAUSED.value,
            PauseReason.CHANNEL_MISSING.value,
            updated_at,
            guild_id,
            channel_id,
            Status.ACTIVE.value,
        ),
    )
    paused = [_reminder(row) for row in rows]
    return sorted(paused, key=lambda r: (r.next_due is None, r.next_due or 0, r.id))


async def update_reminder(
    db: Database, guild_id: int, reminder_id: int, updated_at: str, **fields: SqlValue
) -> bool:
    """Change some columns of one server's reminder; False if it has no such reminder."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    sets = ", ".join(f"{c}=?" for c in fields)
    count = await db.execute(
        f"UPDATE reminders SET {sets}, updated_at=? WHERE id=? AND guild_id=?",
        (*fields.values(), updated_at, reminder_id, guild_id),
    )
    return count > 0


# --- the dispatcher's queries -------------------------------------------------------------

# Both are one seek in the partial index ``reminders_due``, whose WHERE is status = 'active'
# (that literal must stay in the SQL for SQLite to use it). The tests EXPLAIN these strings.
NEXT_DUE_SQL = (
    "SELECT next_due FROM reminders WHERE status='active' AND next_due IS NOT NULL"
    " ORDER BY next_due LIMIT 1"
)
DUE_SQL = (
    f"SELECT {_COLS} FROM reminders WHERE status='active' AND next_due IS NOT NULL"
    " AND next_due<=? ORDER BY next_due LIMIT ?"
)


async def next_due_time(db: Database) -> int | None:
    """The earliest ``next_due`` of any active reminder (all servers)."""
    due: int | None = await db.fetchval(NEXT_DUE_SQL)
    return due


async def due_reminders(db: Database, now: int, limit: int = 100) -> list[Reminder]:
    """Active reminders due at or before ``now``, soonest first (all servers)."""
    return [_reminder(r) for r in await db.fetchall(DUE_SQL, (now, limit))]


async def count_due_at(db: Database, due: int, cap: int) -> int:
    """How many active reminders are due at exactly ``due`` (at most ``cap``; one index range)."""
    count: int = await db.fetchval(
        "SELECT count(*) FROM (SELECT 1 FROM reminders WHERE status='active'"
        " AND next_due IS NOT NULL AND next_due=? LIMIT ?)",
        (due, cap),
    )
    return count


async def forget_creator(db: Database, guild_id: int, user_id: int) -> int:
    """Keep the server's reminders, but drop which organizer created them."""
    return await forget_organizer(db, "reminders", "created_by", guild_id, user_id)


async def count_created(db: Database, guild_id: int, user_id: int) -> int:
    return await count_organizer(db, "reminders", "created_by", guild_id, user_id)


register_member_data("reminders_created", forget_creator, count=count_created)
register_member_data("reminder_subscriptions", forget_subscriptions, count=count_subscriptions)
