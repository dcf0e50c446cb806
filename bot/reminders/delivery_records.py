"""Delivery records: each occurrence claimed, settled or missed, and the DMs made for it.

:func:`claim_deliveries` and :func:`finish_deliveries` run in transactions, so a crash between
a post and its record leaves at most one 'sending' row, retried with the same nonce.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import aiosqlite

from bot.core.database import Database
from bot.reminders.states import DeliveryState
from bot.reminders.storage import Reminder


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    reminder_id: int
    occurrence: int
    state: DeliveryState
    late: bool
    nonce: str
    message_id: int | None
    dms_sent: int
    dms_failed: int
    error: str | None
    attempts: int
    updated_at: str


def _delivery(row: Sequence[Any]) -> Delivery:
    values = list(row)  # SQLite's values; late is stored 0/1
    values[3], values[4] = DeliveryState(values[3]), bool(values[4])
    return Delivery(*values)


_DELIVERY_COLS = (
    "id, reminder_id, occurrence, state, late, nonce, message_id, dms_sent, dms_failed, error,"
    " attempts, updated_at"
)


@dataclass(frozen=True, slots=True)
class Finish:
    """How one claimed occurrence ended, and where its reminder goes next."""

    reminder: Reminder
    occurrence: int
    state: DeliveryState  # sent or failed (or a state found settled)
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
            assert row is not None  # RETURNING gives the row inserted or updated
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
    conn: aiosqlite.Connection,
    reminder: Reminder,
    occurrence: int,
    next_due: int | None,
    now_iso: str,
) -> None:
    """Move the reminder from ``occurrence`` to ``next_due`` (done when None) if it still waits."""
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
    params: tuple[int, ...] = (guild_id,) if reminder_id is None else (guild_id, reminder_id)

    rows = await db.fetchall(
        f"SELECT {_DELIVERY_COLS} FROM reminder_deliveries WHERE {where}"
        " ORDER BY occurrence DESC, id DESC LIMIT ?",
        (*params, limit),
    )
    return [_delivery(r) for r in rows]


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
