"""Reminders over the life of servers and members: the bot removed or back, a channel
deleted, a member gone, and the notices organizers see after their /remind commands.

Which events: the bot's own removal and return (``on_guild_remove``/``on_guild_join``) and a
deleted channel or thread come with the default intents. A member leaving
(``GUILD_MEMBER_REMOVE``, ``on_member_remove``/``on_raw_member_remove``) needs the
privileged members intent, which the bot does not ask for: it is found out lazily instead,
when a DM fan-out checks the member (:mod:`bot.reminders.fanout`: Discord answers "Unknown
Member", their subscriptions in that server end, no DM goes). A ban (default intents) ends
them at once; so does ``on_raw_member_remove`` should the members intent ever be enabled.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.reminders import departures, lifecycle, notices, subscriptions
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.notices import Reporter
from cogs._common.types import ours
from cogs.reminders.notice_view import RETURNED, send_kept_notices

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

log = logging.getLogger(__name__)

PURGE_RETRY = 3600.0  # seconds before trying again after an error
MAX_SLEEP = 24 * 3600.0  # re-read the wall clock at least daily


class ReminderServers(commands.Cog):
    """Listeners only: no commands."""

    def __init__(self, bot: AdvocacyClient, dispatcher: Dispatcher, reporter: Reporter) -> None:
        self.bot = bot
        self.dispatcher = dispatcher
        self.reporter = reporter  # the Reminders cog's transport: the log channel
        self._purger: asyncio.Task[None] | None = None

    async def cog_unload(self) -> None:
        if self._purger is not None:
            self._purger.cancel()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # Added back while the bot was offline: no on_guild_join came.
        for guild_id in await departures.departed(self.bot.db):
            guild = self.bot.get_guild(guild_id)
            if guild is not None:
                await self.on_guild_join(guild)
        self._start_purging()

    def _start_purging(self) -> None:
        if self._purger is None or self._purger.done():
            loop = asyncio.get_running_loop()
            self._purger = loop.create_task(self._purge(), name="reminder-purge")

    async def _purge(self) -> None:
        """Delete the data of servers left 30 days ago, when that time comes (the task ends
        when no server is waiting for it; a removal starts it again)."""
        while True:
            try:
                now = self.bot.clock.now()
                gone = await departures.purge_expired(self.bot.db, now)
                if gone:
                    log.info("deleted the reminder data of %d servers left 30 days ago", len(gone))
                due = await departures.next_expiry(self.bot.db)
            except Exception:
                log.exception("deleting the data of servers left long ago failed")
                due = self.bot.clock.timestamp() + PURGE_RETRY
            if due is None:
                return
            wait = due - self.bot.clock.timestamp()
            await self.bot.clock.sleep(min(max(wait, 0.0), MAX_SLEEP))

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        paused = await departures.removed(self.bot.db, guild.id, self.bot.clock.now())
        self.dispatcher.wake(None)
        self._start_purging()
        log.info("removed from server %s: %d reminders paused", guild.id, paused)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        paused = await departures.returned(self.bot.db, guild.id)
        if not paused:
            return
        values: dict[str, Any] = {"ids": [r.id for r in paused], "count": len(paused)}
        await notices.tell(
            self.bot.db,
            self.reporter,
            guild.id,
            RETURNED,
            values,
            self.bot.clock.now().isoformat(),
        )

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self._channel_gone(channel.guild.id, channel.id)

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        await self._channel_gone(payload.guild_id, payload.thread_id)

    async def _channel_gone(self, guild_id: int, channel_id: int) -> None:
        now = self.bot.clock.now()
        paused = await lifecycle.pause_for_channel(self.bot.db, guild_id, channel_id, now)
        if paused:
            self.dispatcher.wake(None)
        for reminder in paused:
            await notices.tell(
                self.bot.db,
                self.reporter,
                guild_id,
                "reminders.notice.channel_missing",
                {"id": reminder.id},
                now.isoformat(),
            )

    @commands.Cog.listener()
    async def on_member_ban(self, guild: discord.Guild, user: discord.User) -> None:
        await subscriptions.end_in_server(self.bot.db, guild.id, user.id)

    @commands.Cog.listener()
    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        await subscriptions.end_in_server(self.bot.db, payload.guild_id, payload.user.id)

    @commands.Cog.listener()
    async def on_app_command_completion(
        self,
        interaction: discord.Interaction,
        command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu,
    ) -> None:
        root = getattr(command, "root_parent", None) or command
        if root.name == "remind" and interaction.response.is_done():
            await send_kept_notices(ours(interaction))
