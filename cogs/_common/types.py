"""Types the cogs share: interactions whose ``client`` is our bot, so its attributes type-check."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, cast

import discord
from discord import app_commands

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

    Interaction: TypeAlias = discord.Interaction[AdvocacyClient]
    # Subclass it for an option transformer: its interactions then carry our bot too.
    BotTransformer: TypeAlias = app_commands.Transformer[AdvocacyClient]
else:
    Interaction = discord.Interaction
    BotTransformer = app_commands.Transformer

# A member's locale as the cogs hand it to ``t()`` (tests may pass a tag or nothing).
Locale: TypeAlias = discord.Locale | str | None

# What a Transformer's autocomplete returns, as discord.py declares it (any choice type).
TransformerChoices: TypeAlias = list[app_commands.Choice[str | int | float]]


def ours(interaction: discord.Interaction) -> Interaction:
    """The same interaction, typed with our bot as its client.

    discord.py calls views, modals and dynamic items with a plain ``discord.Interaction``;
    every interaction this process handles belongs to the one ``AdvocacyClient``.
    """
    return cast("Interaction", interaction)
