"""Who counts as an organizer: Manage Server, or the role a server set with /setup."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.guild_settings import get_guild_settings
from cogs._common.types import ours


class NotOrganizer(app_commands.CheckFailure):
    """The member is neither a Manage Server holder nor in the organizer role."""


class NotInServer(app_commands.CheckFailure):
    """A server-only command was used in a direct message."""


def is_organizer(member: discord.Member, organizer_role_id: int | None) -> bool:
    """True when the member may run organizer commands in their server."""
    if member.guild_permissions.manage_guild:
        return True
    return organizer_role_id is not None and any(r.id == organizer_role_id for r in member.roles)


async def check_organizer(interaction: discord.Interaction) -> bool:
    """App-command check, run on every call (Discord's default permissions are not trusted)."""
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        raise NotInServer()
    settings = await get_guild_settings(ours(interaction).client.db, interaction.guild.id)
    if not is_organizer(interaction.user, settings.organizer_role_id):
        raise NotOrganizer()
    return True


async def check_in_server(interaction: discord.Interaction) -> bool:
    """App-command check: refuse a server-only command in a direct message."""
    if interaction.guild is None:
        raise NotInServer()
    return True


organizer_only = app_commands.check(check_organizer)
server_only = app_commands.check(check_in_server)
