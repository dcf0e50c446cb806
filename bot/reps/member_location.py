"""A member's state and congressional district, per server, saved only when they ask.

Kept sealed (``member_locations.place``, AES-GCM with the data key) under the member's
pseudonym: a copy of the database says neither who nor where.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.database import Database
from bot.privacy.binding import vault_of
from bot.privacy.inventory import LOCATION_PLACE
from bot.privacy.members import (
    count_member_rows,
    day_of,
    delete_member_rows,
    enroll_in,
    member_key,
)
from bot.privacy.registry import register_member_data
from bot.privacy.sealing import location_text


@dataclass(frozen=True, slots=True)
class MemberLocation:
    state: str
    district: int | None  # None: the member did not say (or the state has several)


def _parse(text: str) -> MemberLocation:
    state, _, district = text.partition(":")
    return MemberLocation(state, int(district) if district else None)


async def set_location(
    db: Database, guild_id: int, user_id: int, state: str, district: int | None, now_iso: str
) -> None:
    vault = vault_of(db)
    place = LOCATION_PLACE.seal(vault, guild_id, location_text(state, district))
    async with db.transaction() as conn:
        member = await enroll_in(conn, vault, guild_id, user_id, day_of(now_iso))
        async with conn.execute(
            "INSERT INTO member_locations (guild_id, member, place) VALUES (?, ?, ?)"
            " ON CONFLICT (guild_id, member) DO UPDATE SET place=excluded.place",
            (guild_id, member, place),
        ):
            pass


async def get_location(db: Database, guild_id: int, user_id: int) -> MemberLocation | None:
    sealed = await db.fetchval(
        "SELECT place FROM member_locations WHERE guild_id=? AND member=?",
        (guild_id, member_key(db, guild_id, user_id)),
    )
    if sealed is None:
        return None
    return _parse(LOCATION_PLACE.open(vault_of(db), guild_id, sealed))


async def clear_location(db: Database, guild_id: int, user_id: int) -> int:
    """Forget the member's location in this server; the number of rows deleted (0 or 1)."""
    return await delete_member_rows(db, "member_locations", guild_id, user_id)


async def count_location(db: Database, guild_id: int, user_id: int) -> int:
    return await count_member_rows(db, "member_locations", guild_id, user_id)


register_member_data("location", clear_location, count=count_location)
