"""Members' DM subscriptions to a campaign's reminders, kept by the member's pseudonym.

A subscriber is stored as their pseudonym in the server (:func:`member_key`) and enrolled in
the member directory, which alone holds their Discord id (sealed); the DM sender reads it
back there. Ending a subscription (unsubscribe, "Stop these DMs", leaving the server, /me
forget) also drops the member's DMs still queued for it in the outbox, in the same
transaction, so a DM can always be stopped.
"""

from __future__ import annotations

from bot.core.database import Database
from bot.core.transaction import TxConnection
from bot.privacy.binding import vault_of
from bot.privacy.members import day_of, enroll_in, member_key
from bot.reminders import outbox


async def subscribe(db: Database, guild_id: int, user_id: int, campaign: str, now_iso: str) -> bool:
    """Subscribe a member to a campaign's reminders; False if already subscribed."""
    vault = vault_of(db)

    async def add(conn: TxConnection) -> bool:
        member = await enroll_in(conn, vault, guild_id, user_id, day_of(now_iso))
        async with conn.execute(
            "INSERT INTO reminder_subscriptions (guild_id, member, campaign, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING member",
            (guild_id, member, campaign, now_iso),
        ) as cur:
            return await cur.fetchone() is not None

    return await db.transact(add)


async def unsubscribe(db: Database, guild_id: int, user_id: int, campaign: str) -> bool:
    """End one subscription and drop its queued DMs; False if there was none."""
    member = member_key(db, guild_id, user_id)

    async def end(conn: TxConnection) -> bool:
        async with conn.execute(
            "DELETE FROM reminder_subscriptions WHERE guild_id=? AND member=? AND campaign=?",
            (guild_id, member, campaign),
        ) as cur:
            removed = cur.rowcount > 0
        await outbox.drop_member(conn, guild_id, member, campaign)
        return removed

    return await db.transact(end)


async def subscriber_count(db: Database, guild_id: int, campaign: str) -> int:
    count: int = await db.fetchval(
        "SELECT count(*) FROM reminder_subscriptions WHERE guild_id=? AND campaign=?",
        (guild_id, campaign),
    )
    return count


async def member_subscriptions(db: Database, guild_id: int, user_id: int) -> list[str]:
    """The campaigns a member gets by DM from one server."""
    rows = await db.fetchall(
        "SELECT campaign FROM reminder_subscriptions WHERE guild_id=? AND member=?"
        " ORDER BY campaign",
        (guild_id, member_key(db, guild_id, user_id)),
    )
    return [r[0] for r in rows]


async def everywhere(db: Database, user_id: int) -> list[tuple[int, str]]:
    """(server, campaign) of every subscription a member has, for their own DM list.

    Their pseudonym differs per server: it is computed for each server with subscriptions.
    """
    servers = await db.fetchall(
        "SELECT DISTINCT guild_id FROM reminder_subscriptions ORDER BY guild_id"
    )
    found: list[tuple[int, str]] = []
    for (guild_id,) in servers:
        found += [(guild_id, c) for c in await member_subscriptions(db, guild_id, user_id)]
    return found


async def end_in_server(db: Database, guild_id: int, user_id: int) -> int:
    """End all of a member's subscriptions in one server and drop every DM of theirs from it
    still in the outbox (they left, or asked to be forgotten); the subscriptions ended."""
    return await end_member_in_server(db, guild_id, member_key(db, guild_id, user_id))


async def end_member_in_server(db: Database, guild_id: int, member: bytes) -> int:
    """:func:`end_in_server` for a member known by their pseudonym (the DM sender's case)."""
    async with db.transaction() as conn:
        await outbox.drop_member(conn, guild_id, member, None, in_flight_too=True)
        async with conn.execute(
            "DELETE FROM reminder_subscriptions WHERE guild_id=? AND member=?",
            (guild_id, member),
        ) as cur:
            count = cur.rowcount
    return count


async def forget_subscriptions(db: Database, guild_id: int, user_id: int) -> int:
    """/me forget: the member's subscriptions and queued DMs in that server; subscriptions gone."""
    return await end_in_server(db, guild_id, user_id)


async def count_subscriptions(db: Database, guild_id: int, user_id: int) -> int:
    """How many subscriptions the member has in that server (for /me privacy)."""
    return len(await member_subscriptions(db, guild_id, user_id))


async def drop_server(db: Database, guild_id: int) -> int:
    """Every subscription in a server (its data is deleted); how many there were."""
    return await db.execute("DELETE FROM reminder_subscriptions WHERE guild_id=?", (guild_id,))
