"""A member's choice to be named where the bot shows who called. Default: not named."""

from __future__ import annotations

from bot.core.database import Database
from bot.privacy.binding import vault_of
from bot.privacy.members import (
    count_member_rows,
    day_of,
    delete_member_rows,
    enroll_in,
    member_key,
)
from bot.privacy.registry import register_member_data


async def get_show_name(db: Database, guild_id: int, user_id: int) -> bool:
    value = await db.fetchval(
        "SELECT show_name FROM member_privacy WHERE guild_id=? AND member=?",
        (guild_id, member_key(db, guild_id, user_id)),
    )
    return bool(value)


async def set_show_name(
    db: Database, guild_id: int, user_id: int, show: bool, now_iso: str
) -> None:
    vault = vault_of(db)
    async with db.transaction() as conn:
        member = await enroll_in(conn, vault, guild_id, user_id, day_of(now_iso))
        async with conn.execute(
            "INSERT INTO member_privacy (guild_id, member, show_name) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, member) DO UPDATE SET show_name=excluded.show_name",
            (guild_id, member, int(show)),
        ):
            pass


async def forget_privacy(db: Database, guild_id: int, user_id: int) -> int:
    return await delete_member_rows(db, "member_privacy", guild_id, user_id)


async def count_privacy(db: Database, guild_id: int, user_id: int) -> int:
    return await count_member_rows(db, "member_privacy", guild_id, user_id)


register_member_data("privacy", forget_privacy, count=count_privacy)
