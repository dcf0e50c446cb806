"""Custom ids of the call buttons, and which server and campaign a click belongs to.

An id may end in ``@<guild id>`` so that a button in a direct message (a reminder DM)
knows which server's campaign and tally it belongs to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import cast

import discord

from bot.calls.flow import campaign_in
from bot.campaigns.model import Campaign
from bot.core.errors import UserError
from cogs._common.tree import report_component_error
from cogs._common.types import Interaction

SLUG = r"[a-z0-9][a-z0-9_-]{0,19}"
OFFICE = r"[A-Za-z0-9_.-]{1,32}"
GUILD = r"(?:@(?P<guild>[0-9]{1,20}))?"


def guild_suffix(guild_id: int | None) -> str:
    return f"@{guild_id}" if guild_id is not None else ""


def guild_in(match: str | None) -> int | None:
    """The server id a custom id names, if any."""
    return int(match) if match else None


async def guild_for(interaction: Interaction, guild_from_id: int | None) -> int:
    """The server a click belongs to: where it happened, or the one its id names (DMs)."""
    if interaction.guild_id is not None:
        if guild_from_id is not None and guild_from_id != interaction.guild_id:
            raise UserError("calls.button.wrong_server")
        return interaction.guild_id
    if guild_from_id is None:
        raise UserError("calls.button.dm_without_server")
    guild = interaction.client.get_guild(guild_from_id)
    if guild is None:
        raise UserError("calls.button.dm_without_server")
    if guild.get_member(interaction.user.id) is None:
        try:
            await guild.fetch_member(interaction.user.id)
        except discord.NotFound:
            raise UserError("calls.button.not_a_member") from None
    return guild.id


async def clicked_campaign(
    interaction: Interaction, guild_from_id: int | None, slug: str
) -> tuple[int, Campaign]:
    """The server a click counts for, and the campaign its button names as that server sees
    it; refused if the campaign is gone."""
    guild_id = await guild_for(interaction, guild_from_id)
    campaign = await campaign_in(interaction.client, guild_id, slug)
    if campaign is None:
        raise UserError("calls.button.unknown_campaign")
    return guild_id, campaign


async def run_reporting_errors(
    clicked: Callable[[Interaction], Awaitable[None]], interaction: discord.Interaction
) -> None:
    """Run a button's action; a refusal or a bug reaches the member as a private message.

    discord.py types an item's interaction for any client; only our bot registers the call
    buttons, so ``clicked`` gets it typed as ours.
    """
    try:
        await clicked(cast(Interaction, interaction))
    except Exception as error:
        await report_component_error(interaction, error)
