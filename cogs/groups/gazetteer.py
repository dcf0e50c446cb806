"""The groups as one server sees them, for /groups and /group-location."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.groups.locations import server_groups
from bot.groups.places import Gazetteer, gazetteer_for
from bot.groups.towns import load_us_towns_async

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


async def server_gazetteer(bot: AdvocacyClient, guild_id: int | None) -> Gazetteer:
    """The server's gazetteer (name-derived locations only outside a server)."""
    entries = await server_groups(bot.db, bot.content, guild_id)
    return gazetteer_for(bot.content, entries, await load_us_towns_async())
