"""The DM outbox: one row per recipient and occurrence, from the post's settling to the DM's.

Rows are written by :func:`enqueue` inside the transaction that settles an occurrence's post,
taken in turn by server (:func:`take_next`, marking them 'sending' before the request), and
deleted by :func:`settle` in the transaction that counts them on the occurrence's delivery.
A recipient is their pseudonym in the server, as in the subscriptions; the sender reads
their Discord id from the member directory (:func:`bot.privacy.members.member_ids`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.database import Database
from bot.core.transaction import TxConnection


@dataclass(frozen=True, slots=True)
class DmRow:
    """One DM to make: to whom, for which occurrence, and how many times it was tried."""

    id: int
    guild_id: int
    reminder_id: int
    occurrence: int
    member: bytes  # the recipient's pseudonym in the server
    attempts: int  # counting the attempt about to be made; above 1, an earlier one may have sent


async def enqueue(
    conn: TxConnection, guild_id: int, reminder_id: int, occurrence: int, campaign: str
) -> int:
    """Queue a DM to each of the campaign's subscribers in the server; how many were queued.

    Run inside the transaction that settles the occurrence's post.
    """
    async with conn.execute(
        "INSERT INTO reminder_dm_outbox (guild_id, reminder_id, occurrence, member)"
        " SELECT guild_id, ?, ?, member FROM reminder_subscriptions"
        " WHERE guild_id=? AND campaign=? ORDER BY created_at, member"
        " ON CONFLICT DO NOTHING",
        (reminder_id, occurrence, guild_id, campaign),
    ) as cur:
        return cur.rowcount


_TAKE = (
    "UPDATE reminder_dm_outbox SET state='sending', attempts=attempts + 1, sending_at=?"
    " WHERE id = (SELECT id FROM reminder_dm_outbox WHERE state='queued' AND guild_id>?"
    " AND not_before<=? ORDER BY guild_id, id LIMIT 1)"
    " RETURNING id, guild_id, reminder_id, occurrence, member, attempts"
)


@dataclass(slots=True)
class Turn:
    """Whose turn it is: the server whose DM was taken last (shared by the worker's lanes)."""

    last_guild: int = -1


async def take_next(db: Database, turn: Turn, now: int) -> DmRow | None:
    """The next queued DM of the first server after ``turn.last_guild`` that has one
    (wrapping round), marked 'sending' in the same statement; None when none is ready.

    The turn is read and moved inside the transaction, so lanes taking rows at once still
    go round the servers one after the other.
    """
    async with db.transaction() as conn:
        for after in (turn.last_guild, -1):
            async with conn.execute(_TAKE, (now, after, now)) as cur:
                row = await cur.fetchone()
            if row is not None:
                taken = DmRow(*row)
                turn.last_guild = taken.guild_id
                return taken
            if after < 0:
                break
    return None


async def next_ready_at(db: Database) -> int | None:
    """When the earliest queued DM may be tried (epoch seconds); None when none is queued."""
    at: int | None = await db.fetchval(
        "SELECT min(not_before) FROM reminder_dm_outbox WHERE state='queued'"
    )
    return at


async def requeue_in_flight(db: Database) -> int:
    """Rows left 'sending' by a process that died (or a worker restarted): queued again.

    Their attempts count stays, so the next attempt first looks for the DM in the channel.
    """
    return await db.execute("UPDATE reminder_dm_outbox SET state='queued' WHERE state='sending'")


async def settle(db: Database, row: DmRow, sent: bool | None) -> bool:
    """Delete the row and count it on its occurrence (``sent``; None counts nothing), in one
    transaction; False if the row was gone already (the member's DMs were dropped)."""
    async with db.transaction() as conn:
        async with conn.execute(
            "DELETE FROM reminder_dm_outbox WHERE id=? AND state='sending'", (row.id,)
        ) as cur:
            existed = cur.rowcount > 0
        if existed and sent is not None:
            column = "dms_sent" if sent else "dms_failed"
            async with conn.execute(
                f"UPDATE reminder_deliveries SET {column}={column} + 1"
                " WHERE reminder_id=? AND occurrence=?",
                (row.reminder_id, row.occurrence),
            ):
                pass
    return existed


async def retry_later(db: Database, row: DmRow, not_before: int) -> None:
    await db.execute(
        "UPDATE reminder_dm_outbox SET state='queued', not_before=? WHERE id=? AND state='sending'",
        (not_before, row.id),
    )


async def drop_member(
    conn: TxConnection,
    guild_id: int,
    member: bytes,
    campaign: str | None,
    *,
    in_flight_too: bool = False,
) -> None:
    """Inside a transaction: drop a member's queued DMs from a server (of one campaign's
    reminders, or all). ``in_flight_too`` drops those being sent as well: they settle as gone."""
    states = "" if in_flight_too else " AND state='queued'"
    sql = f"DELETE FROM reminder_dm_outbox WHERE guild_id=? AND member=?{states}"
    params: tuple[int | str | bytes, ...] = (guild_id, member)
    if campaign is not None:
        sql += " AND reminder_id IN (SELECT id FROM reminders WHERE guild_id=? AND campaign=?)"
        params += (guild_id, campaign)
    async with conn.execute(sql, params):
        pass


async def drop_server(db: Database, guild_id: int) -> int:
    """The server's queued DMs (the bot was removed from it); how many were dropped."""
    return await db.execute(
        "DELETE FROM reminder_dm_outbox WHERE guild_id=? AND state='queued'", (guild_id,)
    )


async def waiting(db: Database, reminder_id: int, occurrence: int) -> int:
    """DMs of one occurrence not yet settled (shown in /remind history)."""
    count: int = await db.fetchval(
        "SELECT count(*) FROM reminder_dm_outbox WHERE reminder_id=? AND occurrence=?",
        (reminder_id, occurrence),
    )
    return count


async def pending(db: Database) -> int:
    """Every DM not yet settled, all servers (for the benchmark and the tests)."""
    count: int = await db.fetchval("SELECT count(*) FROM reminder_dm_outbox")
    return count
