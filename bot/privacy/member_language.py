"""A member's language as Discord last told the bot, kept only for DMs to them.

Every interaction carries the member's client language; the bot keeps the catalog locale
it would use for them (``en`` or ``zh-TW``, nothing finer), per server, and only while it
differs from the server's language: a member who reads the server's language leaves no
row. A DM to the member follows it (:func:`dm_locale`); ``/me forget`` deletes it.

Rows are keyed by the member's pseudonym (:func:`bot.privacy.members.member_key`), held in
the column 0012 named ``user_id``; never by the Discord id. Like any member data, a row
enrolls the member in the directory, so it is re-keyed by ``rotate-key`` and forgotten with
the rest after ``RETENTION_DAYS`` without the bot.
"""

from __future__ import annotations

from bot.core.database import Database
from bot.core.i18n import Locale
from bot.core.language import known_locale, reader_locale, server_locale
from bot.core.transaction import TxConnection
from bot.privacy.binding import vault_of
from bot.privacy.members import count_member_rows, delete_member_rows, enroll_in, member_key
from bot.privacy.registry import register_member_data


async def remember_member_locale(
    db: Database, guild_id: int, user_id: int, locale: Locale | None, today: str
) -> None:
    """Note the language of the member's latest interaction in this server (on ``today``)."""
    tag = reader_locale(locale)
    if tag == await server_locale(db, guild_id):
        # Most interactions: nothing kept, nothing to delete, so no write (none to wait for).
        if await member_locale(db, guild_id, user_id) is not None:
            await delete_member_rows(db, "member_languages", guild_id, user_id, "user_id")
        return
    vault = vault_of(db)

    async def note(conn: TxConnection) -> None:
        member = await enroll_in(conn, vault, guild_id, user_id, today)
        async with conn.execute(
            "INSERT INTO member_languages (guild_id, user_id, locale) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, user_id) DO UPDATE SET locale=excluded.locale "
            "WHERE locale != excluded.locale",
            (guild_id, member, tag),
        ):
            pass

    await db.transact(note)


async def member_locale(db: Database, guild_id: int, user_id: int) -> str | None:
    """The member's own language in this server, when it differs from the server's."""
    tag = await db.fetchval(
        "SELECT locale FROM member_languages WHERE guild_id=? AND user_id=?",
        (guild_id, member_key(db, guild_id, user_id)),
    )
    return None if tag is None else known_locale(tag)


async def dm_locale(db: Database, guild_id: int, user_id: int) -> str:
    """The language of a DM to a member about this server: theirs if known, else the server's."""
    return await member_locale(db, guild_id, user_id) or await server_locale(db, guild_id)


async def forget_member_language(db: Database, guild_id: int, user_id: int) -> int:
    return await delete_member_rows(db, "member_languages", guild_id, user_id, "user_id")


async def count_member_language(db: Database, guild_id: int, user_id: int) -> int:
    return await count_member_rows(db, "member_languages", guild_id, user_id, "user_id")


register_member_data("language", forget_member_language, count=count_member_language)
