"""The welcome the bot posts once when it joins a server: what it does, and the checklist."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.core.first_day import claim_welcome, release_welcome
from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.core.markdown import escape_markdown
from cogs._common.types import Locale
from cogs.setup.checklist import checklist_lines

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

log = logging.getLogger(__name__)


def welcome_text(guild_name: str, locale: Locale = None) -> str:
    """The welcome: a few words on the bot, then the organizer's numbered checklist."""
    lines = [t("setup.welcome.intro", locale, guild=escape_markdown(guild_name)), ""]
    lines.append(t("setup.welcome.checklist_heading", locale))
    lines += checklist_lines(None, locale)
    lines += ["", t("setup.welcome.outro", locale)]
    return clip("\n".join(lines), MESSAGE_CONTENT)


def welcome_channel(guild: discord.Guild) -> discord.TextChannel | None:
    """The system channel if the bot may post there, else the first channel it may post in."""
    me = guild.me
    candidates = [guild.system_channel] if guild.system_channel else []
    candidates += sorted(guild.text_channels, key=lambda c: (c.position, c.id))
    for channel in candidates:
        if channel is None:
            continue
        allowed = channel.permissions_for(me)
        if allowed.view_channel and allowed.send_messages:
            return channel
    return None


class Welcome(commands.Cog):
    """Posts the welcome once per server, when the bot is added to it."""

    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        channel = welcome_channel(guild)
        if channel is None:
            log.info("joined server %s: no channel the bot may post its welcome in", guild.id)
            return
        now = self.bot.clock.now().isoformat()
        if not await claim_welcome(self.bot.db, guild.id, channel.id, now):
            return  # welcomed before (the bot was removed and added again)
        try:
            await channel.send(
                welcome_text(guild.name), allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.HTTPException:
            log.warning("could not post the welcome in server %s", guild.id, exc_info=True)
            await release_welcome(self.bot.db, guild.id)
