"""Organizers' corrections of signatory locations, per server (table group_location_edits).

Each row is one edit. The newest row for (guild_id, position) is in force; undo deletes that
row, so the edit before it, or else the location the group's name states, comes back.
Every query filters by guild_id: one server never sees another's edits.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.core.database import Database
from bot.privacy.members import Maker, count_organizer, day_of, enroll, forget_organizer
from bot.privacy.registry import register_member_data

_COLUMNS = "id, guild_id, position, city, state, metro, set_by, set_at"


@dataclass(frozen=True, slots=True)
class LocationEdit:
    id: int
    guild_id: int
    position: int
    city: str | None
    state: str | None
    metro: str | None
    set_by: Maker  # the organizer's pseudonym (0 once they asked to be forgotten)
    set_at: str  # ISO 8601, UTC


def _edit(row: aiosqlite.Row) -> LocationEdit:
    return LocationEdit(*row)


async def add_location_edit(
    db: Database,
    guild_id: int,
    position: int,
    *,
    city: str | None,
    state: str | None,
    metro: str | None,
    set_by: int,
    set_at: str,
) -> LocationEdit:
    """Record an edit by organizer ``set_by`` (a Discord id); in force from now on."""
    maker = await enroll(db, guild_id, set_by, day_of(set_at))
    row_id = await db.execute(
        "INSERT INTO group_location_edits (guild_id, position, city, state, metro, set_by, set_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (guild_id, position, city, state, metro, maker, set_at),
    )
    return LocationEdit(row_id, guild_id, position, city, state, metro, maker, set_at)


async def current_edits(db: Database, guild_id: int) -> dict[int, LocationEdit]:
    """The edit in force for each position that has one, in this server."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM group_location_edits e WHERE e.guild_id=? AND e.id = ("
        " SELECT MAX(id) FROM group_location_edits"
        " WHERE guild_id=e.guild_id AND position=e.position)",
        (guild_id,),
    )
    return {row["position"]: _edit(row) for row in rows}


async def current_edit(db: Database, guild_id: int, position: int) -> LocationEdit | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM group_location_edits WHERE guild_id=? AND position=?"
        " ORDER BY id DESC LIMIT 1",
        (guild_id, position),
    )
    return None if row is None else _edit(row)


async def undo_latest_edit(db: Database, guild_id: int, position: int) -> LocationEdit | None:
    """Delete this server's newest edit of one group and return it (None: nothing to undo)."""
    async with db.transaction() as conn:
        async with conn.execute(
            f"SELECT {_COLUMNS} FROM group_location_edits WHERE guild_id=? AND position=?"
            " ORDER BY id DESC LIMIT 1",
            (guild_id, position),
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        async with conn.execute(
            "DELETE FROM group_location_edits WHERE id=? AND guild_id=?", (row["id"], guild_id)
        ):
            pass
    return _edit(row)


async def forget_editor(db: Database, guild_id: int, user_id: int) -> int:
    """Remove one member's id from this server's edits, keeping the server's corrections.

    The location belongs to the server; only who set it is about the member. Returns the
    number of rows changed, as a ``bot.privacy`` forgetter expects.
    """
    return await forget_organizer(db, "group_location_edits", "set_by", guild_id, user_id)


async def count_edits(db: Database, guild_id: int, user_id: int) -> int:
    return await count_organizer(db, "group_location_edits", "set_by", guild_id, user_id)


register_member_data("group_location_edits", forget_editor, count=count_edits)
