"""What a server's organizers are still to be told, when its log channel can't say it.

A missed or failed reminder, or one the bot paused, is told in the server's log channel if
it has one; otherwise (or if that post fails) it is kept here and shown once, on an
organizer's next /remind command. Notices name reminders, never members.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Protocol

from bot.core.database import Database

log = logging.getLogger(__name__)

KEPT = 20  # notices kept per server (the oldest go first)


@dataclass(frozen=True, slots=True)
class Notice:
    key: str  # catalog key
    values: dict[str, Any]  # what fills it; rendered in the reader's language


class Reporter(Protocol):
    async def report(self, guild_id: int, key: str, values: dict[str, Any]) -> bool: ...


async def tell(
    db: Database, reporter: Reporter, guild_id: int, key: str, values: dict[str, Any], now_iso: str
) -> bool:
    """Tell the organizers in the log channel, else keep the notice; True if told now."""
    try:
        told = await reporter.report(guild_id, key, values)
    except Exception:
        log.exception("telling the organizers of server %s failed", guild_id)
        told = False
    if not told:
        await add(db, guild_id, key, values, now_iso)
    return told


async def add(db: Database, guild_id: int, key: str, values: dict[str, Any], now_iso: str) -> None:
    async with db.transaction() as conn:
        async with conn.execute(
            "INSERT INTO reminder_notices (guild_id, key, vals, created_at) VALUES (?, ?, ?, ?)",
            (guild_id, key, json.dumps(values), now_iso),
        ):
            pass
        async with conn.execute(
            "DELETE FROM reminder_notices WHERE guild_id=? AND id NOT IN"
            " (SELECT id FROM reminder_notices WHERE guild_id=? ORDER BY id DESC LIMIT ?)",
            (guild_id, guild_id, KEPT),
        ):
            pass


async def take(db: Database, guild_id: int) -> list[Notice]:
    """The server's notices, oldest first, deleted as they are read (each is told once)."""
    async with (
        db.transaction() as conn,
        conn.execute(
            "DELETE FROM reminder_notices WHERE guild_id=? RETURNING id, key, vals", (guild_id,)
        ) as cur,
    ):
        rows = sorted(await cur.fetchall())
    return [Notice(row[1], json.loads(row[2])) for row in rows]


async def waiting(db: Database, guild_id: int) -> bool:
    found = await db.fetchval(
        "SELECT 1 FROM reminder_notices WHERE guild_id=? LIMIT 1", (guild_id,)
    )
    return found is not None


async def drop_server(db: Database, guild_id: int) -> int:
    return await db.execute("DELETE FROM reminder_notices WHERE guild_id=?", (guild_id,))
