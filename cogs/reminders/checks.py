"""Checks of the Discord objects a reminder names: the channel it posts in, the role it pings."""

from __future__ import annotations

import discord

from bot.core.errors import UserError

# The channels a reminder can post in.
PostChannel = discord.TextChannel | discord.Thread | discord.VoiceChannel
# What a channel looked up by id may be (None when it was deleted).
AnyChannel = discord.abc.GuildChannel | discord.Thread | discord.abc.PrivateChannel


def check_channel(channel: AnyChannel | None, me: discord.Member) -> PostChannel:
    """The channel, if the bot can post in it; else a refusal that says why."""
    if not isinstance(channel, PostChannel):
        raise UserError("reminders.channel.not_text")
    perms = channel.permissions_for(me)
    if not (perms.view_channel and perms.send_messages):
        raise UserError("reminders.channel.cannot_post", channel=channel.mention)
    return channel


def check_role(role: discord.Role | None, channel: AnyChannel | None, me: discord.Member) -> None:
    """Refuse @everyone and a role the bot may not mention in ``channel``."""
    if role is None:
        return
    if role.is_default():
        raise UserError("reminders.role.everyone")
    # No channel (the reminder's was deleted) or a DM: judge by the server's permissions.
    perms = (
        channel.permissions_for(me)
        if isinstance(channel, discord.abc.GuildChannel | discord.Thread)
        else me.guild_permissions
    )
    if not role.mentionable and not perms.mention_everyone:
        raise UserError("reminders.role.not_mentionable", role=role.mention)
