"""Per-server settings: organizer role, time zone, log channel, language of posts."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.database import Database

_COLUMNS = ("organizer_role_id", "timezone", "log_channel_id", "language")


@dataclass(frozen=True, slots=True)
class GuildSettings:
    guild_id: int
    organizer_role_id: int | None = None
    timezone: str | None = None
    log_channel_id: int | None = None
    language: str | None = None  # a catalog locale for posts and DMs; None: English


async def get_guild_settings(db: Database, guild_id: int) -> GuildSettings:
    row = await db.fetchone(
        f"SELECT {', '.join(_COLUMNS)} FROM guild_settings WHERE guild_id=?", (guild_id,)
    )
    if row is None:
        return GuildSettings(guild_id)
    return GuildSettings(guild_id, *row)


async def update_guild_settings(
    db: Database, guild_id: int, now_iso: str, **values: object
) -> None:
    """Set some of ``organizer_role_id``, ``timezone``, ``log_channel_id``, ``language``
    (None clears)."""
    unknown = set(values) - set(_COLUMNS)
    if unknown:
        raise ValueError(f"unknown guild settings: {sorted(unknown)}")
    if not values:
        return
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    updates = ", ".join(f"{c}=excluded.{c}" for c in values)
    await db.execute(
        f"INSERT INTO guild_settings (guild_id, {cols}, updated_at) VALUES (?, {marks}, ?) "
        f"ON CONFLICT(guild_id) DO UPDATE SET {updates}, updated_at=excluded.updated_at",
        (guild_id, *values.values(), now_iso),
    )
