"""Turning a page of a paged reply (/statement read, /help) when its button is pressed."""

from __future__ import annotations

from typing import Any

import discord

from cogs._common.tree import BotView
from cogs._common.types import Interaction


def presser_owns(interaction: Interaction) -> bool:
    """Whether the pressed message is the presser's own: private, or a public one they posted."""
    message = interaction.message
    meta = message.interaction_metadata if message is not None else None
    return message is not None and (
        message.flags.ephemeral or (meta is not None and meta.user.id == interaction.user.id)
    )


async def turn_page(interaction: Interaction, embed: discord.Embed, view: BotView) -> None:
    """Show the page: in the same message if it is the presser's own, else as a private
    copy, leaving the other member's message alone."""
    if presser_owns(interaction):
        await interaction.response.edit_message(embed=embed, view=view)
    else:
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)


def page_button(custom_id: str, label: str, *, disabled: bool) -> discord.ui.Button[Any]:
    """The button of a page-turning dynamic item (Previous/Next, For members/organizers)."""
    return discord.ui.Button(
        label=label, style=discord.ButtonStyle.secondary, custom_id=custom_id, disabled=disabled
    )
