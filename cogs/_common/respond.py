"""Reply to an interaction whether or not it was already answered."""

from __future__ import annotations

from typing import Any

import discord


async def respond(
    interaction: discord.Interaction, /, *, ephemeral: bool = True, **kwargs: Any
) -> None:
    """Send the first response, or a follow-up if the interaction was already answered."""
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
