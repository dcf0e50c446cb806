"""Who counts as an organizer: Manage Server, or the role a server set with /setup."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

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


async def may_organize(interaction: discord.Interaction) -> bool:
    """Whether the member may run organizer commands here (no exception: for autocomplete)."""
    try:
        return await check_organizer(interaction)
    except app_commands.CheckFailure:
        return False


organizer_only = app_commands.check(check_organizer)
server_only = app_commands.check(check_in_server)

# Organizer commands also carry Discord's default member permissions, so members don't see
# them in their command list; server admins can grant them to the organizer role in the
# server's Integrations settings. The check above still runs on every call.
organizer_default = app_commands.default_permissions(manage_guild=True)

_S = TypeVar("_S")
_P = ParamSpec("_P")
_T = TypeVar("_T")
_Choices = Coroutine[Any, Any, list[_T]]
Autocomplete = Callable[Concatenate[_S, discord.Interaction[Any], _P], _Choices[_T]]


def organizers_only_autocomplete(func: Autocomplete[_S, _P, _T]) -> Autocomplete[_S, _P, _T]:
    """An organizer-only option's autocomplete: it answers nothing to anyone else, so a
    member typing in it learns nothing (ids, names) about what organizers keep."""

    @functools.wraps(func)
    async def wrapper(
        self: _S, interaction: discord.Interaction[Any], *args: _P.args, **kwargs: _P.kwargs
    ) -> list[_T]:
        if not await may_organize(interaction):
            return []
        return await func(self, interaction, *args, **kwargs)

    return wrapper
