"""Members' DM subscriptions to a campaign's reminders: the only SQL that reads their ids.

Ending a subscription (unsubscribe, "Stop these DMs", leaving the server, /me forget) also
drops the member's DMs still queued for it in the outbox, in the same transaction, so a DM
can always be stopped. Member ids are read and written only here and in
:mod:`bot.reminders.outbox`.
"""

from __future__ import annotations

from bot.core.database import Database
from bot.reminders import outbox


async def subscribe(db: Database, guild_id: int, user_id: int, campaign: str, now_iso: str) -> bool:
    """Subscribe a member to a campaign's reminders; False if already subscribed."""
    added = await db.fetchval(
        "INSERT INTO reminder_subscriptions (guild_id, user_id, campaign, created_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING user_id",
        (guild_id, user_id, campaign, now_iso),
    )
    return added is not None


async def unsubscribe(db: Database, guild_id: int, user_id: int, campaign: str) -> bool:
    """End one subscription and drop its queued DMs; False if there was none."""
    async with db.transaction() as conn:
        async with conn.execute(
            "DELETE FROM reminder_subscriptions WHERE guild_id=? AND user_id=? AND campaign=?",
            (guild_id, user_id, campaign),
        ) as cur:
            removed = cur.rowcount > 0
        await outbox.drop_member(conn, guild_id, user_id, campaign)
    return removed


async def subscriber_count(db: Database, guild_id: int, campaign: str) -> int:
    count: int = await db.fetchval(
        "SELECT count(*) FROM reminder_subscriptions WHERE guild_id=? AND campaign=?",
        (guild_id, campaign),
    )
    return count


async def member_subscriptions(db: Database, guild_id: int, user_id: int) -> list[str]:
    """The campaigns a member gets by DM from one server."""
    rows = await db.fetchall(
        "SELECT campaign FROM reminder_subscriptions WHERE guild_id=? AND user_id=?"
        " ORDER BY campaign",
        (guild_id, user_id),
    )
    return [r[0] for r in rows]


async def everywhere(db: Database, user_id: int) -> list[tuple[int, str]]:
    """(server, campaign) of every subscription a member has, for their own DM list."""
    rows = await db.fetchall(
        "SELECT guild_id, campaign FROM reminder_subscriptions WHERE user_id=?"
        " ORDER BY guild_id, campaign",
        (user_id,),
    )
    return [(r[0], r[1]) for r in rows]


async def end_in_server(db: Database, guild_id: int, user_id: int) -> int:
    """End all of a member's subscriptions in one server and drop every DM of theirs from it
    still in the outbox (they left, or asked to be forgotten); the subscriptions ended."""
    async with db.transaction() as conn:
        await outbox.drop_member(conn, guild_id, user_id, None, in_flight_too=True)
        async with conn.execute(
            "DELETE FROM reminder_subscriptions WHERE guild_id=? AND user_id=?",
            (guild_id, user_id),
        ) as cur:
            count = cur.rowcount
    return count


async def forget_subscriptions(db: Database, guild_id: int, user_id: int) -> int:
    """/me forget: the member's subscriptions and queued DMs in that server; subscriptions gone."""
    return await end_in_server(db, guild_id, user_id)


async def drop_server(db: Database, guild_id: int) -> int:
    """Every subscription in a server (its data is deleted); how many there were."""
    return await db.execute("DELETE FROM reminder_subscriptions WHERE guild_id=?", (guild_id,))
