"""Delivery records: each occurrence claimed, settled or missed, and how many DMs it made.

:func:`claim_deliveries` and :func:`finish_delivery` run in transactions, so a crash between
a post and its record leaves one 'sending' row, retried with the same nonce; settling a post
queues its DMs in the outbox (:mod:`bot.reminders.outbox`) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.core.database import Database
from bot.core.transaction import TxConnection
from bot.reminders import outbox
from bot.reminders.states import DeliveryState, PauseReason
from bot.reminders.storage import Reminder, get_reminder_any


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
    dms_waiting: int = 0  # DMs still in the outbox (read only by :func:`history`)


def _delivery(row: Sequence[Any]) -> Delivery:
    values = list(row)  # SQLite's values; late is stored 0/1
    values[3], values[4] = DeliveryState(values[3]), bool(values[4])
    return Delivery(*values)


_DELIVERY_COLS = (
    "id, reminder_id, occurrence, state, late, nonce, message_id, dms_sent, dms_failed, error,"
    " attempts, updated_at"
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One due occurrence to claim, and where its reminder goes next."""

    reminder: Reminder
    occurrence: int
    nonce: str
    late: bool
    next_due: int | None


async def claim_deliveries(
    db: Database, claims: Sequence[Claim], now_iso: str
) -> list[Delivery | None]:
    """Record each occurrence as 'sending' and move its reminder on, in one transaction.

    Per claim: None if the reminder no longer waits on that occurrence (edited, paused,
    cancelled); else its delivery row. A new row (``attempts`` 1) means post it. A row found
    'sending' was claimed before and never settled: it comes back with ``attempts`` counting
    the attempt about to be made, so it is sent as a retry. Any other state means it was
    settled, and only the move on is made. Moving on here, not when the post is settled,
    keeps a claimed reminder out of the due query while its post waits its turn.
    """
    out: list[Delivery | None] = []
    async with db.transaction() as conn:
        for c in claims:
            reminder = c.reminder
            async with conn.execute(
                "SELECT 1 FROM reminders WHERE id=? AND guild_id=? AND status='active'"
                " AND next_due=?",
                (reminder.id, reminder.guild_id, c.occurrence),
            ) as cur:
                if await cur.fetchone() is None:
                    out.append(None)
                    continue
            async with conn.execute(
                f"SELECT {_DELIVERY_COLS} FROM reminder_deliveries"
                " WHERE reminder_id=? AND occurrence=?",
                (reminder.id, c.occurrence),
            ) as cur:
                found = await cur.fetchone()
            if found is not None:
                row = _delivery(found)
                if row.state is DeliveryState.SENDING:
                    row = replace(row, attempts=row.attempts + 1)
            else:
                async with conn.execute(
                    "INSERT INTO reminder_deliveries (guild_id, reminder_id, occurrence, state,"
                    " late, nonce, attempts, updated_at) VALUES (?, ?, ?, 'sending', ?, ?, 1, ?)"
                    f" RETURNING {_DELIVERY_COLS}",
                    (reminder.guild_id, reminder.id, c.occurrence, int(c.late), c.nonce, now_iso),
                ) as cur:
                    inserted = await cur.fetchone()
                assert inserted is not None
                row = _delivery(inserted)
            await _advance(conn, reminder, c.occurrence, c.next_due, now_iso)
            out.append(row)
    return out


async def retrying(db: Database, reminder_id: int, occurrence: int, now_iso: str) -> bool:
    """Count one more attempt of an unsettled occurrence; False if it was settled meanwhile."""
    count = await db.execute(
        "UPDATE reminder_deliveries SET attempts=attempts + 1, updated_at=?"
        " WHERE reminder_id=? AND occurrence=? AND state='sending'",
        (now_iso, reminder_id, occurrence),
    )
    return count > 0


async def unsettled(db: Database) -> list[Delivery]:
    """Occurrences claimed and never settled (the process died, or their post is going out)."""
    rows = await db.fetchall(
        f"SELECT {_DELIVERY_COLS} FROM reminder_deliveries WHERE state='sending' ORDER BY id"
    )
    return [_delivery(r) for r in rows]


async def message_recorded(db: Database, guild_id: int, message_id: int) -> bool:
    """Whether some delivery of this server already recorded this message as its post."""
    row = await db.fetchone(
        "SELECT 1 FROM reminder_deliveries WHERE guild_id=? AND message_id=? LIMIT 1",
        (guild_id, message_id),
    )
    return row is not None


@dataclass(frozen=True, slots=True)
class Settled:
    """What settling an occurrence did besides recording it."""

    recorded: bool  # False: it was settled already (nothing else was done)
    dms_queued: int = 0
    paused: bool = False  # its channel is missing: the reminder paused itself


async def finish_delivery(
    db: Database,
    reminder: Reminder,
    occurrence: int,
    state: DeliveryState,
    now_iso: str,
    *,
    message_id: int | None = None,
    error: str | None = None,
    pause_for_missing_channel: bool = False,
) -> Settled:
    """Settle one occurrence, in one transaction: record how it went; once posted, queue a
    DM to each subscriber in the outbox; with its channel missing, pause the reminder
    (unless an organizer moved it to another channel meanwhile)."""
    async with db.transaction() as conn:
        async with conn.execute(
            "UPDATE reminder_deliveries SET state=?, message_id=?, error=?, updated_at=?"
            " WHERE reminder_id=? AND occurrence=? AND state='sending'",
            (state, message_id, error, now_iso, reminder.id, occurrence),
        ) as cur:
            if cur.rowcount == 0:
                return Settled(False)
        queued = 0
        if state is DeliveryState.SENT:
            queued = await outbox.enqueue(
                conn, reminder.guild_id, reminder.id, occurrence, reminder.campaign
            )
        paused = False
        if pause_for_missing_channel:
            async with conn.execute(
                "UPDATE reminders SET status='paused', pause_reason=?, updated_at=?"
                " WHERE id=? AND guild_id=? AND channel_id=? AND status='active'",
                (
                    PauseReason.CHANNEL_MISSING,
                    now_iso,
                    reminder.id,
                    reminder.guild_id,
                    reminder.channel_id,
                ),
            ) as cur:
                paused = cur.rowcount > 0
        return Settled(True, queued, paused)


async def _advance(
    conn: TxConnection,
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
        f"SELECT {_DELIVERY_COLS}, (SELECT count(*) FROM reminder_dm_outbox o"
        " WHERE o.reminder_id=d.reminder_id AND o.occurrence=d.occurrence)"
        f" FROM reminder_deliveries d WHERE {where}"
        " ORDER BY occurrence DESC, id DESC LIMIT ?",
        (*params, limit),
    )
    return [_delivery(r) for r in rows]


async def dm_context(
    db: Database, reminder_id: int, occurrence: int
) -> tuple[Reminder, bool] | None:
    """The reminder of an occurrence and whether its post was late (what its DMs say)."""
    row = await db.fetchone(
        "SELECT late FROM reminder_deliveries WHERE reminder_id=? AND occurrence=?",
        (reminder_id, occurrence),
    )
    reminder = await get_reminder_any(db, reminder_id)
    if row is None or reminder is None:
        return None
    return reminder, bool(row[0])
