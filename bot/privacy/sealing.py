"""Sealing a database written before issue 15, in place, in the caller's one transaction.

Migration 0011 changed the shape; the values still in the clear are sealed here, because
that needs the key: each Discord id in a member or organizer column (an INTEGER there; a
pseudonym is a BLOB) becomes the member's pseudonym and gets a directory row; each called
office (TEXT) is sealed; each location waiting in ``plain_member_locations`` is sealed into
``member_locations`` and that table is dropped. Then each kind's ``upgrade`` runs (the
calls build their streaks). Running it again finds nothing to do.
"""

from __future__ import annotations

import aiosqlite

from bot.core.transaction import TxConnection
from bot.privacy.inventory import CALL_OFFICE, LOCATION_PLACE, PSEUDONYM_COLUMNS
from bot.privacy.members import enroll_in
from bot.privacy.registry import member_data_kinds
from bot.privacy.vault import Vault

PLAIN_LOCATIONS = "plain_member_locations"


def location_text(state: str, district: int | None) -> str:
    """What a sealed location holds: ``"CA:12"``, ``"AK:0"`` (at large), ``"NY:"`` (unknown)."""
    return f"{state}:{'' if district is None else district}"


async def _all(conn: TxConnection, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
    async with conn.execute(sql, params) as cur:
        return list(await cur.fetchall())


async def _run(conn: TxConnection, sql: str, params: tuple = ()) -> None:
    async with conn.execute(sql, params):
        pass


async def _has_table(conn: TxConnection, name: str) -> bool:
    rows = await _all(conn, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,))
    return bool(rows)


def _plain_ids(table: str, column: str) -> str:
    return f"SELECT rowid, guild_id, {column} FROM {table} WHERE typeof({column})='integer'"


async def needs_sealing(conn: TxConnection) -> bool:
    """Whether any value of the inventory is still in the clear."""
    for table, column in PSEUDONYM_COLUMNS:
        if await _all(conn, _plain_ids(table, column) + f" AND {column}!=0 LIMIT 1"):
            return True
    office = await _all(
        conn, "SELECT 1 FROM calls WHERE typeof(office)='text' AND office!='' LIMIT 1"
    )
    return bool(office) or await _has_table(conn, PLAIN_LOCATIONS)


async def seal_plain_rows(conn: TxConnection, vault: Vault, today: str) -> int:
    """Seal every value still in the clear (see the module docstring); how many were."""
    sealed = 0
    for table, column in PSEUDONYM_COLUMNS:
        for rowid, guild_id, user_id in await _all(conn, _plain_ids(table, column)):
            if user_id == 0:  # an organizer change whose maker asked to be forgotten
                continue
            member = await enroll_in(conn, vault, guild_id, user_id, today)
            await _run(conn, f"UPDATE {table} SET {column}=? WHERE rowid=?", (member, rowid))
            sealed += 1
    offices = "SELECT rowid, guild_id, office FROM calls WHERE typeof(office)='text' AND office!=''"
    for rowid, guild_id, office in await _all(conn, offices):
        value = CALL_OFFICE.seal(vault, guild_id, office)
        await _run(conn, "UPDATE calls SET office=? WHERE rowid=?", (value, rowid))
        sealed += 1
    if await _has_table(conn, PLAIN_LOCATIONS):
        plain = f"SELECT guild_id, user_id, state, district FROM {PLAIN_LOCATIONS}"
        for guild_id, user_id, state, district in await _all(conn, plain):
            member = await enroll_in(conn, vault, guild_id, user_id, today)
            place = LOCATION_PLACE.seal(vault, guild_id, location_text(state, district))
            await _run(
                conn,
                "INSERT INTO member_locations (guild_id, member, place) VALUES (?, ?, ?)",
                (guild_id, member, place),
            )
            sealed += 1
        await _run(conn, f"DROP TABLE {PLAIN_LOCATIONS}")
    for kind in member_data_kinds():
        if kind.upgrade is not None:
            await kind.upgrade(conn)
    return sealed
