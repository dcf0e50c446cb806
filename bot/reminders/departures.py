"""Servers the bot was removed from: their reminders paused, kept 30 days, then deleted.

Removed from a server, the bot pauses its active reminders (``pause_reason`` 'bot_removed'),
drops the DMs still queued for it and remembers when it left. Added back within 30 days,
it tells the organizers what was paused and lets them resume it; after 30 days the server's
reminder data (reminders, their deliveries and DMs, subscriptions, notices) is deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.database import Database
from bot.core.errors import UserError
from bot.reminders import lifecycle, notices, outbox, subscriptions
from bot.reminders import storage as store
from bot.reminders.states import PauseReason, Status
from bot.reminders.storage import Reminder

RETENTION = timedelta(days=30)


async def removed(db: Database, guild_id: int, now: datetime) -> int:
    """The bot left the server (or was removed): pause its reminders; how many were paused."""
    async with db.transaction() as conn:
        async with conn.execute(
            "INSERT INTO reminder_departures (guild_id, left_at) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            (guild_id, int(now.timestamp())),
        ):
            pass
        async with conn.execute(
            "UPDATE reminders SET status='paused', pause_reason=?, updated_at=?"
            " WHERE guild_id=? AND status='active'",
            (PauseReason.BOT_REMOVED, now.isoformat(), guild_id),
        ) as cur:
            paused = cur.rowcount
    await outbox.drop_server(db, guild_id)
    return paused


async def returned(db: Database, guild_id: int) -> list[Reminder] | None:
    """The bot is back in a server it left: the reminders it paused then (None if it had
    not left, or its data is gone)."""
    count = await db.execute("DELETE FROM reminder_departures WHERE guild_id=?", (guild_id,))
    if count == 0:
        return None
    return await paused_while_away(db, guild_id)


async def paused_while_away(db: Database, guild_id: int) -> list[Reminder]:
    found = await store.list_reminders(db, guild_id, (Status.PAUSED,), limit=1000)
    return [r for r in found if r.pause_reason is PauseReason.BOT_REMOVED]


async def resume_paused(db: Database, guild_id: int, now: datetime) -> list[Reminder]:
    """Resume what was paused while the bot was away (one with no time left stays paused)."""
    resumed = []
    for reminder in await paused_while_away(db, guild_id):
        try:
            resumed.append(await lifecycle.resume(db, guild_id, reminder.id, now))
        except UserError:
            continue
    return resumed


async def departed(db: Database) -> list[int]:
    """Servers the bot left less than 30 days ago (their data kept)."""
    rows = await db.fetchall("SELECT guild_id FROM reminder_departures ORDER BY guild_id")
    return [r[0] for r in rows]


async def next_expiry(db: Database) -> float | None:
    """When the data of the server left longest ago is due for deletion (epoch seconds)."""
    left: int | None = await db.fetchval("SELECT min(left_at) FROM reminder_departures")
    return None if left is None else left + RETENTION.total_seconds()


async def purge_expired(db: Database, now: datetime) -> list[int]:
    """Delete the reminder data of servers left 30 days ago or more; their ids."""
    cutoff = int((now - RETENTION).timestamp())
    rows = await db.fetchall(
        "SELECT guild_id FROM reminder_departures WHERE left_at<=? ORDER BY guild_id", (cutoff,)
    )
    gone = [r[0] for r in rows]
    for guild_id in gone:
        # Deliveries and queued DMs go with their reminders (ON DELETE CASCADE).
        await db.execute("DELETE FROM reminders WHERE guild_id=?", (guild_id,))
        await subscriptions.drop_server(db, guild_id)
        await notices.drop_server(db, guild_id)
        await db.execute("DELETE FROM reminder_departures WHERE guild_id=?", (guild_id,))
    return gone
