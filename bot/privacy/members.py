"""The member directory: a member's pseudonym, their Discord id sealed, the last day seen.

Other member tables hold only the pseudonym (:meth:`Vault.pseudonym`). The directory is
the one place the id can be read back, sealed with the data key: to name a member who chose
to be named, to re-key every pseudonym (``rotate-key``), and to forget a member who has not
used the bot in a server for ``RETENTION_DAYS``. A row is made when the bot first stores
something about the member there (:func:`enroll`), and its day moves on when they use
the bot there again (:func:`seen`).
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.database import Database
from bot.core.transaction import TxConnection
from bot.privacy.binding import vault_of
from bot.privacy.inventory import DIRECTORY_ID
from bot.privacy.registry import register_member_data
from bot.privacy.vault import Vault


def day_of(now_iso: str) -> str:
    """The UTC day of an ISO time the bot wrote (``2026-01-05T…+00:00`` -> ``2026-01-05``)."""
    return now_iso[:10]


def member_key(db: Database, guild_id: int, user_id: int) -> bytes:
    """The member's pseudonym in that server, as every member table stores it."""
    return vault_of(db).pseudonym(guild_id, user_id)


async def enroll_in(
    conn: TxConnection, vault: Vault, guild_id: int, user_id: int, today: str
) -> bytes:
    """Make or refresh the member's directory row inside a transaction; their pseudonym."""
    member = vault.pseudonym(guild_id, user_id)
    sealed = DIRECTORY_ID.seal(vault, guild_id, str(user_id))
    async with conn.execute(
        "INSERT INTO member_directory (guild_id, member, sealed_id, seen_on) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (guild_id, member) DO UPDATE SET seen_on=excluded.seen_on"
        " WHERE seen_on < excluded.seen_on",
        (guild_id, member, sealed, today),
    ):
        pass
    return member


async def enroll(db: Database, guild_id: int, user_id: int, today: str) -> bytes:
    """:func:`enroll_in` in a transaction of its own."""
    vault = vault_of(db)
    async with db.transaction() as conn:
        return await enroll_in(conn, vault, guild_id, user_id, today)


async def seen(db: Database, guild_id: int, user_id: int, today: str) -> None:
    """The member used the bot in that server today (nothing is made if nothing is stored)."""
    await db.execute(
        "UPDATE member_directory SET seen_on=? WHERE guild_id=? AND member=? AND seen_on<?",
        (today, guild_id, member_key(db, guild_id, user_id), today),
    )


async def member_ids(db: Database, guild_id: int, members: Iterable[bytes]) -> dict[bytes, int]:
    """The Discord ids behind pseudonyms of one server (those the directory knows)."""
    wanted = list(dict.fromkeys(members))
    if not wanted:
        return {}
    vault = vault_of(db)
    found: dict[bytes, int] = {}
    for start in range(0, len(wanted), 500):  # under SQLite's limit of bound values
        chunk = wanted[start : start + 500]
        rows = await db.fetchall(
            "SELECT member, sealed_id FROM member_directory WHERE guild_id=? AND member IN "
            f"({', '.join('?' for _ in chunk)})",
            (guild_id, *chunk),
        )
        for member, sealed in rows:
            found[member] = int(DIRECTORY_ID.open(vault, guild_id, sealed))
    return found


async def oldest_seen(db: Database) -> str | None:
    return await db.fetchval("SELECT MIN(seen_on) FROM member_directory")


async def quiet_members(db: Database, before_day: str) -> list[tuple[int, int]]:
    """(server, Discord id) of every member not seen in that server since ``before_day``."""
    vault = vault_of(db)
    rows = await db.fetchall(
        "SELECT guild_id, sealed_id FROM member_directory WHERE seen_on < ?", (before_day,)
    )
    return [(g, int(DIRECTORY_ID.open(vault, g, sealed))) for g, sealed in rows]


FORMER_ORGANIZER = (
    0  # what an organizer column (set_by, added_by) holds once its maker is forgotten
)
Maker = bytes | int  # who made an organizer change: their pseudonym, or FORMER_ORGANIZER


async def forget_organizer(
    db: Database, table: str, column: str, guild_id: int, user_id: int
) -> int:
    """Keep a server's organizer changes but drop who made them; how many rows changed."""
    return await db.execute(
        f"UPDATE {table} SET {column}=? WHERE guild_id=? AND {column}=?",
        (FORMER_ORGANIZER, guild_id, member_key(db, guild_id, user_id)),
    )


async def count_organizer(
    db: Database, table: str, column: str, guild_id: int, user_id: int
) -> int:
    """How many of a server's organizer changes in ``table`` the member made."""
    return await db.fetchval(
        f"SELECT COUNT(*) FROM {table} WHERE guild_id=? AND {column}=?",
        (guild_id, member_key(db, guild_id, user_id)),
    )


async def count_member_rows(
    db: Database, table: str, guild_id: int, user_id: int, column: str = "member"
) -> int:
    """How many rows of a member table (keyed by ``column``) are the member's in a server."""
    return await db.fetchval(
        f"SELECT COUNT(*) FROM {table} WHERE guild_id=? AND {column}=?",
        (guild_id, member_key(db, guild_id, user_id)),
    )


async def delete_member_rows(
    db: Database, table: str, guild_id: int, user_id: int, column: str = "member"
) -> int:
    """Delete the member's rows of a member table in a server; how many."""
    return await db.execute(
        f"DELETE FROM {table} WHERE guild_id=? AND {column}=?",
        (guild_id, member_key(db, guild_id, user_id)),
    )


async def forget_directory(db: Database, guild_id: int, user_id: int) -> int:
    return await delete_member_rows(db, "member_directory", guild_id, user_id)


async def count_directory(db: Database, guild_id: int, user_id: int) -> int:
    return await count_member_rows(db, "member_directory", guild_id, user_id)


register_member_data("directory", forget_directory, count=count_directory)
