"""Posting an organizer's change to the server's log channel (see :mod:`bot.privacy.audit`).

Called after the organizer has their answer: a server without a log channel, or one the
bot can't post in, gets nothing, and nothing fails.
"""

from __future__ import annotations

import logging

import discord

from bot.core.guild_settings import get_guild_settings
from bot.privacy.audit import AuditAction, AuditEntry, audit_text
from cogs._common.types import Interaction

log = logging.getLogger(__name__)

LogChannel = discord.TextChannel | discord.Thread | discord.VoiceChannel


async def post_audit(
    interaction: Interaction, action: AuditAction, subject: str, detail: str = ""
) -> None:
    """Write who did what to the log channel of the interaction's server, if it has one."""
    guild = interaction.guild
    if guild is None:
        return
    settings = await get_guild_settings(interaction.client.db, guild.id)
    if settings.log_channel_id is None:
        return
    channel = guild.get_channel_or_thread(settings.log_channel_id)
    if not isinstance(channel, LogChannel):
        return
    entry = AuditEntry(interaction.user.id, action, subject, detail)
    try:
        await channel.send(
            audit_text(entry, interaction.guild_locale),
            allowed_mentions=discord.AllowedMentions.none(),
        )
    except discord.HTTPException:
        log.warning("could not post to the log channel of server %s", guild.id)
