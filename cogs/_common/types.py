"""Types the cogs share: an interaction whose ``client`` is our bot, so it type-checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import discord

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

if TYPE_CHECKING:
    Interaction: TypeAlias = discord.Interaction[AdvocacyBot]
else:
    Interaction = discord.Interaction
