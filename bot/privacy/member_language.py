"""A member's language as Discord last told the bot, kept only for DMs to them.

Every interaction carries the member's client language; the bot keeps the catalog locale
it would use for them (``en`` or ``zh-TW``, nothing finer), per server, and only while it
differs from the server's language: a member who reads the server's language leaves no
row. A DM to the member follows it (:func:`dm_locale`); ``/me forget`` deletes it.

Rows are keyed by ``(guild_id, user_id)`` like every other member row; when issue 15
replaces Discord ids with a pseudonymous member key, this table follows the others.
"""

from __future__ import annotations

from bot.core.database import Database
from bot.core.i18n import Locale
from bot.core.language import known_locale, reader_locale, server_locale
from bot.privacy.registry import register_member_data


async def remember_member_locale(
    db: Database, guild_id: int, user_id: int, locale: Locale | None
) -> None:
    """Note the language of the member's latest interaction in this server."""
    tag = reader_locale(locale)
    if tag == await server_locale(db, guild_id):
        await db.execute(
            "DELETE FROM member_languages WHERE guild_id=? AND user_id=?", (guild_id, user_id)
        )
        return
    await db.execute(
        "INSERT INTO member_languages (guild_id, user_id, locale) VALUES (?, ?, ?) "
        "ON CONFLICT (guild_id, user_id) DO UPDATE SET locale=excluded.locale "
        "WHERE locale != excluded.locale",
        (guild_id, user_id, tag),
    )


async def member_locale(db: Database, guild_id: int, user_id: int) -> str | None:
    """The member's own language in this server, when it differs from the server's."""
    tag = await db.fetchval(
        "SELECT locale FROM member_languages WHERE guild_id=? AND user_id=?", (guild_id, user_id)
    )
    return None if tag is None else known_locale(tag)


async def dm_locale(db: Database, guild_id: int, user_id: int) -> str:
    """The language of a DM to a member about this server: theirs if known, else the server's."""
    return await member_locale(db, guild_id, user_id) or await server_locale(db, guild_id)


async def forget_member_language(db: Database, guild_id: int, user_id: int) -> int:
    return await db.execute(
        "DELETE FROM member_languages WHERE guild_id=? AND user_id=?", (guild_id, user_id)
    )


register_member_data("language", forget_member_language)
