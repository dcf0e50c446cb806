"""Re-keying a database: every pseudonym recomputed and every sealed value re-sealed, at once.

:func:`rotate` runs in one transaction: the member directory gives each pseudonym's id
(the one place it can be read back), so each member's rows in every table of the inventory
move to the new key's pseudonym; each sealed value is opened with the old key and sealed
with the new; the check value changes last. A failure leaves the database as it was, under
the old key. Rows whose pseudonym the directory doesn't know (none, unless a table skipped
enrolling its members) can't be re-keyed: member rows are dropped (the server's counts
don't depend on them), organizer columns become "a former organizer"; they are counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.core.database import Database
from bot.core.transaction import TxConnection
from bot.privacy.binding import bind, vault_of
from bot.privacy.inventory import (
    DIRECTORY_ID,
    MEMBER_COLUMNS,
    ORGANIZER_COLUMNS,
    SEALED_COLUMNS,
    SealedColumn,
)
from bot.privacy.keys import DataKey
from bot.privacy.members import FORMER_ORGANIZER
from bot.privacy.unlock import CHECK_META, DataKeyError, wrong_key_message
from bot.privacy.vault import Vault


@dataclass(frozen=True, slots=True)
class Rotated:
    members: int  # directory rows (a member in a server) re-keyed
    rows: int  # rows of member tables and organizer columns moved to the new pseudonyms
    sealed: int  # sealed values re-sealed
    unlinked: int  # rows no directory row claimed: dropped, or "a former organizer"


async def _all(conn: TxConnection, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
    async with conn.execute(sql, params) as cur:
        return list(await cur.fetchall())


async def _run(conn: TxConnection, sql: str, params: tuple = ()) -> int:
    async with conn.execute(sql, params) as cur:
        return cur.rowcount


async def _rekey_directory(conn: TxConnection, old: Vault, new: Vault) -> int:
    """Fill the temporary table ``rekey`` (old pseudonym -> new) and re-key the directory."""
    await _run(
        conn,
        "CREATE TEMP TABLE rekey (guild_id INTEGER, old BLOB, new BLOB,"
        " PRIMARY KEY (guild_id, old))",
    )
    rows = await _all(conn, "SELECT rowid, guild_id, member, sealed_id FROM member_directory")
    for rowid, guild_id, member, sealed in rows:
        user_id = int(DIRECTORY_ID.open(old, guild_id, sealed))
        renamed = new.pseudonym(guild_id, user_id)
        await _run(conn, "INSERT INTO rekey VALUES (?, ?, ?)", (guild_id, member, renamed))
        await _run(
            conn,
            "UPDATE member_directory SET member=?, sealed_id=? WHERE rowid=?",
            (renamed, DIRECTORY_ID.seal(new, guild_id, str(user_id)), rowid),
        )
    return len(rows)


async def _rekey_column(
    conn: TxConnection, table: str, column: str, *, organizer: bool
) -> tuple[int, int]:
    """Move one column to the new pseudonyms: (rows moved, rows unlinked). A row nobody
    claims is dropped (an organizer column gets :data:`FORMER_ORGANIZER`)."""
    unclaimed = await _all(
        conn,
        f"SELECT rowid FROM {table} t WHERE typeof(t.{column})='blob' AND NOT EXISTS ("
        f" SELECT 1 FROM rekey r WHERE r.guild_id=t.guild_id AND r.old=t.{column})",
    )
    moved = await _run(
        conn,
        f"UPDATE {table} SET {column}=rekey.new FROM rekey"
        f" WHERE rekey.guild_id={table}.guild_id AND rekey.old={table}.{column}",
    )
    for (rowid,) in unclaimed:
        if organizer:
            await _run(
                conn, f"UPDATE {table} SET {column}=? WHERE rowid=?", (FORMER_ORGANIZER, rowid)
            )
        else:
            await _run(conn, f"DELETE FROM {table} WHERE rowid=?", (rowid,))
    return moved, len(unclaimed)


async def _reseal(conn: TxConnection, sealed: SealedColumn, old: Vault, new: Vault) -> int:
    table, column = sealed.table, sealed.column
    rows = await _all(
        conn, f"SELECT rowid, guild_id, {column} FROM {table} WHERE typeof({column})='blob'"
    )
    for rowid, guild_id, value in rows:
        text = sealed.open(old, guild_id, value)
        await _run(
            conn,
            f"UPDATE {table} SET {column}=? WHERE rowid=?",
            (sealed.seal(new, guild_id, text), rowid),
        )
    return len(rows)


async def rotate(db: Database, new_key: DataKey) -> Rotated:
    """Re-key ``db`` (unlocked with its current key) to ``new_key``, in one transaction."""
    old = vault_of(db)
    new = Vault(new_key)
    rows = unlinked = sealed = 0
    async with db.transaction() as conn:
        check = await _all(conn, "SELECT value FROM bot_meta WHERE key=?", (CHECK_META,))
        if not check or check[0][0] != old.key.check_value:
            raise DataKeyError(wrong_key_message(db.path))
        members = await _rekey_directory(conn, old, new)
        for table, column in MEMBER_COLUMNS:
            moved, lost = await _rekey_column(conn, table, column, organizer=False)
            rows, unlinked = rows + moved, unlinked + lost
        for table, column in ORGANIZER_COLUMNS:
            moved, lost = await _rekey_column(conn, table, column, organizer=True)
            rows, unlinked = rows + moved, unlinked + lost
        for sealed_column in SEALED_COLUMNS:
            if sealed_column is not DIRECTORY_ID:  # re-sealed with its row above
                sealed += await _reseal(conn, sealed_column, old, new)
        await _run(conn, "DROP TABLE rekey")
        await _run(
            conn, "UPDATE bot_meta SET value=? WHERE key=?", (new_key.check_value, CHECK_META)
        )
    bind(db, new)
    return Rotated(members, rows, sealed + members, unlinked)
