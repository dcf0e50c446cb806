"""Time in the demo as a reader sees it: the simulated clock in the viewer's time zone.

Discord shows every timestamp in each reader's own zone. The demo shows them in the
server's zone (its /setup timezone, else the default) unless ``:tz`` picks another, and
names the zone with each time. With ``--db`` the simulated time is kept with the database.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.errors import UserError
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import t
from bot.core.timezones import resolve_timezone
from bot.demo.directory import Directory
from bot.demo.kept_clock import keep_clock
from bot.demo.render import format_time
from bot.demo.syntax import DemoInputError
from bot.demo.world import World


def zone_label(zone: tzinfo) -> str:
    """An IANA zone's name ("America/New_York"); "UTC" for UTC."""
    return str(getattr(zone, "key", None) or zone)


class ViewerTime:
    """The zone times are printed in, and the simulated time kept for the next run."""

    def __init__(self, env: Any, world: World, directory: Directory, *, keep: bool) -> None:
        self.env = env
        self.world = world
        self.directory = directory
        self.keep = keep
        self.chosen: tzinfo | None = None  # None: the server's zone, as it is now

    async def server_zone(self) -> tzinfo:
        """The server's time zone as the bot has it (its setting, else the default)."""
        bot = self.env.bot
        settings = await get_guild_settings(bot.db, self.world.guild.id)
        name = settings.timezone or bot.settings.default_timezone
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    async def sync(self) -> tzinfo:
        """The viewer's zone, for the times printed next (``:tz``, else the server's)."""
        zone = self.chosen or await self.server_zone()
        self.directory.names.zone = zone
        return zone

    def now_text(self) -> str:
        return format_time(self.env.now(), self.directory.names.zone)

    async def keep_time(self) -> None:
        """With --db, remember the simulated time for the next run."""
        if self.keep:
            await keep_clock(self.env.bot.db, self.env.now())

    async def tz_command(self, rest: str) -> str:
        """``:tz ZONE`` reads times in another zone; ``:tz server`` follows the server's."""
        if rest.lower() in ("server", "reset"):
            self.chosen = None
        elif rest:
            try:
                self.chosen = resolve_timezone(rest)
            except UserError:
                raise DemoInputError("demo.tz.unknown", value=rest) from None
        zone = await self.sync()
        key = "demo.tz.viewer" if self.chosen is not None else "demo.tz.server"
        return t(key, zone=zone_label(zone), now=self.now_text())
