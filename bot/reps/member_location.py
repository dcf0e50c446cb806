"""A member's state and congressional district, per server, saved only when they ask."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.database import Database
from bot.privacy.registry import register_member_data


@dataclass(frozen=True, slots=True)
class MemberLocation:
    state: str
    district: int | None  # None: the member did not say (or the state has several)


async def set_location(
    db: Database, guild_id: int, user_id: int, state: str, district: int | None, now_iso: str
) -> None:
    await db.execute(
        "INSERT INTO member_locations (guild_id, user_id, state, district, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(guild_id, user_id) DO UPDATE SET "
        "state=excluded.state, district=excluded.district, updated_at=excluded.updated_at",
        (guild_id, user_id, state, district, now_iso),
    )


async def get_location(db: Database, guild_id: int, user_id: int) -> MemberLocation | None:
    row = await db.fetchone(
        "SELECT state, district FROM member_locations WHERE guild_id=? AND user_id=?",
        (guild_id, user_id),
    )
    return None if row is None else MemberLocation(row[0], row[1])


async def clear_location(db: Database, guild_id: int, user_id: int) -> int:
    """Forget the member's location in this server; the number of rows deleted (0 or 1)."""
    return await db.execute(
        "DELETE FROM member_locations WHERE guild_id=? AND user_id=?", (guild_id, user_id)
    )


register_member_data("location", clear_location)
