"""Reminders, their deliveries and DM subscriptions. Every query filters by server.

The dispatcher's questions (:func:`next_due_time`, :func:`due_reminders`) go to the partial
index on ``next_due``; the delivery bookkeeping (:func:`claim_deliveries`,
:func:`finish_deliveries`) runs in transactions so a crash leaves at most one 'sending' row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.database import Database
from bot.privacy.registry import register_member_data

_COLS = (
    "id, guild_id, campaign, channel_id, role_id, note, timezone, anchor_local, repeat,"
    " until_local, grace_seconds, status, next_due, event_id, created_by, created_at, updated_at"
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
    repeat: str
    until_local: str | None
    grace_seconds: int
    status: str
    next_due: int | None
    event_id: int | None
    created_by: int
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    reminder_id: int
    occurrence: int
    state: str
    late: bool
    nonce: str
    message_id: int | None
    dms_sent: int
    dms_failed: int
    error: str | None
    attempts: int
    updated_at: str


def _reminder(row: Sequence[Any]) -> Reminder:
    return Reminder(*row)


def _delivery(row: Sequence[Any]) -> Delivery:
    return Delivery(row[0], row[1], row[2], row[3], bool(row[4]), *row[5:])  # late is stored 0/1


async def insert_reminder(db: Database, **fields: Any) -> int:
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


async def list_reminders(
    db: Database, guild_id: int, statuses: Iterable[str] = ("active", "paused"), limit: int = 25
) -> list[Reminder]:
    wanted = tuple(statuses)
    marks = ", ".join("?" for _ in wanted)
    rows = await db.fetchall(
        f"SELECT {_COLS} FROM reminders WHERE guild_id=? AND status IN ({marks})"
        " ORDER BY next_due IS NULL, next_due, id LIMIT ?",
        (guild_id, *wanted, limit),
    )
    return [_reminder(r) for r in rows]


async def count_reminders(
    db: Database, guild_id: int, statuses: Iterable[str] = ("active", "paused")
) -> int:
    wanted = tuple(statuses)
    marks = ", ".join("?" for _ in wanted)
    return await db.fetchval(
        f"SELECT count(*) FROM reminders WHERE guild_id=? AND status IN ({marks})",
        (guild_id, *wanted),
    )


async def upcoming(db: Database, guild_id: int, limit: int = 100) -> list[Reminder]:
    """Active reminders of one server, soonest first."""
    return await list_reminders(db, guild_id, ("active",), limit)


async def update_reminder(
    db: Database, guild_id: int, reminder_id: int, updated_at: str, **fields: Any
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


async def next_due_time(db: Database) -> int | None:
    """The earliest ``next_due`` of any active reminder (all servers)."""
    return await db.fetchval(
        "SELECT next_due FROM reminders WHERE status='active' AND next_due IS NOT NULL"
        " ORDER BY next_due LIMIT 1"
    )


async def due_reminders(db: Database, now: int, limit: int = 100) -> list[Reminder]:
    """Active reminders due at or before ``now``, soonest first (all servers)."""
    rows = await db.fetchall(
        f"SELECT {_COLS} FROM reminders WHERE status='active' AND next_due IS NOT NULL"
        " AND next_due<=? ORDER BY next_due LIMIT ?",
        (now, limit),
    )
    return [_reminder(r) for r in rows]


# --- delivery bookkeeping -----------------------------------------------------------------


_DELIVERY_COLS = (
    "id, reminder_id, occurrence, state, late, nonce, message_id, dms_sent, dms_failed, error,"
    " attempts, updated_at"
)


@dataclass(frozen=True, slots=True)
class Finish:
    """How one claimed occurrence ended, and where its reminder goes next."""

    reminder: Reminder
    occurrence: int
    state: str  # 'sent' or 'failed' (or a state found settled)
    next_due: int | None
    message_id: int | None = None
    error: str | None = None
    dms_sent: int = 0
    dms_failed: int = 0


async def claim_deliveries(
    db: Database, items: Sequence[tuple[Reminder, int, str, bool]], now_iso: str
) -> list[Delivery | None]:
    """Record each (reminder, occurrence, nonce, late) as 'sending', in one transaction.

    Per item: None if the reminder no longer waits on that occurrence (edited, paused,
    cancelled); else its delivery row. A row in state 'sending' means send it (first try,
    or a retry after a crash, with the same nonce); any other state means it was settled.
    """
    out: list[Delivery | None] = []
    async with db.transaction() as conn:
        for reminder, occurrence, nonce, late in items:
            async with conn.execute(
                "SELECT 1 FROM reminders WHERE id=? AND guild_id=? AND status='active'"
                " AND next_due=?",
                (reminder.id, reminder.guild_id, occurrence),
            ) as cur:
                if await cur.fetchone() is None:
                    out.append(None)
                    continue
            async with conn.execute(
                "INSERT INTO reminder_deliveries"
                " (guild_id, reminder_id, occurrence, state, late, nonce, attempts, updated_at)"
                " VALUES (?, ?, ?, 'sending', ?, ?, 1, ?)"
                " ON CONFLICT (reminder_id, occurrence) DO UPDATE SET"
                " attempts=attempts + (state='sending'), updated_at=excluded.updated_at"
                f" RETURNING {_DELIVERY_COLS}",
                (reminder.guild_id, reminder.id, occurrence, int(late), nonce, now_iso),
            ) as cur:
                row = await cur.fetchone()
            out.append(_delivery(row))
    return out


async def message_recorded(db: Database, guild_id: int, message_id: int) -> bool:
    """Whether some delivery of this server already recorded this message as its post."""
    row = await db.fetchone(
        "SELECT 1 FROM reminder_deliveries WHERE guild_id=? AND message_id=? LIMIT 1",
        (guild_id, message_id),
    )
    return row is not None


async def claim_delivery(
    db: Database, reminder: Reminder, occurrence: int, nonce: str, late: bool, now_iso: str
) -> Delivery | None:
    """:func:`claim_deliveries` for one occurrence."""
    return (await claim_deliveries(db, [(reminder, occurrence, nonce, late)], now_iso))[0]


async def finish_deliveries(db: Database, finishes: Sequence[Finish], now_iso: str) -> None:
    """Settle the occurrences' rows and move their reminders on, in one transaction.

    A reminder moves on only if it still waits on that occurrence (an edit made while the
    post was going out wins).
    """
    if not finishes:
        return
    async with db.transaction() as conn:
        for f in finishes:
            async with conn.execute(
                "UPDATE reminder_deliveries SET state=?, message_id=?, error=?, dms_sent=?,"
                " dms_failed=?, updated_at=? WHERE reminder_id=? AND occurrence=?",
                (
                    f.state,
                    f.message_id,
                    f.error,
                    f.dms_sent,
                    f.dms_failed,
                    now_iso,
                    f.reminder.id,
                    f.occurrence,
                ),
            ):
                pass
            await _advance(conn, f.reminder, f.occurrence, f.next_due, now_iso)
            async with conn.execute(
                "DELETE FROM reminder_dm_deliveries WHERE reminder_id=? AND occurrence=?",
                (f.reminder.id, f.occurrence),
            ):
                pass


async def _advance(
    conn: Any, reminder: Reminder, occurrence: int, next_due: int | None, now_iso: str
) -> None:
    async with conn.execute(
        "UPDATE reminders SET next_due=?, status=CASE WHEN ? IS NULL THEN 'done' ELSE status END,"
        " updated_at=? WHERE id=? AND guild_id=? AND next_due=? AND status='active'",
        (next_due, next_due, now_iso, reminder.id, reminder.guild_id, occurrence),
    ):
        pass


async def record_missed(
    db: Database,
    reminder: Reminder,
    occurrences: Sequence[int],
    nonces: Sequence[str],
    *,
    next_due: int | None,
    now_iso: str,
) -> None:
    """Record occurrences that were too late to send, and move the reminder past them."""
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO reminder_deliveries"
            " (guild_id, reminder_id, occurrence, state, late, nonce, updated_at)"
            " VALUES (?, ?, ?, 'missed', 1, ?, ?) ON CONFLICT (reminder_id, occurrence) DO NOTHING",
            [
                (reminder.guild_id, reminder.id, occ, nonce, now_iso)
                for occ, nonce in zip(occurrences, nonces, strict=True)
            ],
        )
        if occurrences:
            await _advance(conn, reminder, occurrences[0], next_due, now_iso)


async def history(
    db: Database, guild_id: int, reminder_id: int | None = None, limit: int = 15
) -> list[Delivery]:
    """One server's most recent deliveries (optionally of one reminder), newest first."""
    where = "guild_id=?" + (" AND reminder_id=?" if reminder_id is not None else "")
    params: tuple[Any, ...] = (guild_id,) if reminder_id is None else (guild_id, reminder_id)
    rows = await db.fetchall(
        f"SELECT {_DELIVERY_COLS} FROM reminder_deliveries WHERE {where}"
        " ORDER BY occurrence DESC, id DESC LIMIT ?",
        (*params, limit),
    )
    return [_delivery(r) for r in rows]


# --- subscriptions ------------------------------------------------------------------------


async def subscribe(db: Database, guild_id: int, user_id: int, campaign: str, now_iso: str) -> bool:
    """Subscribe a member to a campaign's reminders; False if already subscribed."""
    added = await db.fetchval(
        "INSERT INTO reminder_subscriptions (guild_id, user_id, campaign, created_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING user_id",
        (guild_id, user_id, campaign, now_iso),
    )
    return added is not None


async def unsubscribe(db: Database, guild_id: int, user_id: int, campaign: str) -> bool:
    count = await db.execute(
        "DELETE FROM reminder_subscriptions WHERE guild_id=? AND user_id=? AND campaign=?",
        (guild_id, user_id, campaign),
    )
    return count > 0


async def subscribers(db: Database, guild_id: int, campaign: str) -> list[int]:
    rows = await db.fetchall(
        "SELECT user_id FROM reminder_subscriptions WHERE guild_id=? AND campaign=?"
        " ORDER BY created_at, user_id",
        (guild_id, campaign),
    )
    return [r[0] for r in rows]


async def member_subscriptions(db: Database, guild_id: int, user_id: int) -> list[str]:
    rows = await db.fetchall(
        "SELECT campaign FROM reminder_subscriptions WHERE guild_id=? AND user_id=?"
        " ORDER BY campaign",
        (guild_id, user_id),
    )
    return [r[0] for r in rows]


async def dms_done(db: Database, reminder: Reminder, occurrence: int) -> dict[int, bool]:
    """Members already sent (True) or failed (False) a DM for this occurrence."""
    rows = await db.fetchall(
        "SELECT user_id, sent FROM reminder_dm_deliveries"
        " WHERE reminder_id=? AND occurrence=? AND guild_id=?",
        (reminder.id, occurrence, reminder.guild_id),
    )
    return {r[0]: bool(r[1]) for r in rows}


async def record_dm(
    db: Database, reminder: Reminder, occurrence: int, user_id: int, sent: bool
) -> None:
    await db.execute(
        "INSERT INTO reminder_dm_deliveries (reminder_id, occurrence, user_id, guild_id, sent)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET sent=excluded.sent",
        (reminder.id, occurrence, user_id, reminder.guild_id, int(sent)),
    )


async def forget_subscriptions(db: Database, guild_id: int, user_id: int) -> int:
    """Delete a member's subscriptions and DM records in one transaction; subscriptions gone."""
    async with db.transaction() as conn:
        await (
            await conn.execute(
                "DELETE FROM reminder_dm_deliveries WHERE guild_id=? AND user_id=?",
                (guild_id, user_id),
            )
        ).close()
        cur = await conn.execute(
            "DELETE FROM reminder_subscriptions WHERE guild_id=? AND user_id=?",
            (guild_id, user_id),
        )
        count = cur.rowcount
        await cur.close()
    return count


register_member_data("reminder_subscriptions", forget_subscriptions)
