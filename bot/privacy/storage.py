"""A member's choice to be named where the bot shows who called. Default: not named."""

from __future__ import annotations

from bot.core.database import Database
from bot.privacy.registry import register_member_data


async def get_show_name(db: Database, guild_id: int, user_id: int) -> bool:
    value = await db.fetchval(
        "SELECT show_name FROM member_privacy WHERE guild_id=? AND user_id=?", (guild_id, user_id)
    )
    return bool(value)


async def set_show_name(
    db: Database, guild_id: int, user_id: int, show: bool, now_iso: str
) -> None:
    await db.execute(
        "INSERT INTO member_privacy (guild_id, user_id, show_name, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (guild_id, user_id) DO UPDATE SET show_name=excluded.show_name, "
        "updated_at=excluded.updated_at",
        (guild_id, user_id, int(show), now_iso),
    )


async def forget_privacy(db: Database, guild_id: int, user_id: int) -> int:
    return await db.execute(
        "DELETE FROM member_privacy WHERE guild_id=? AND user_id=?", (guild_id, user_id)
    )


register_member_data("privacy", forget_privacy)
