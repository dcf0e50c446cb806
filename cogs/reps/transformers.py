"""The ``state`` and ``district`` options: parsed and autocompleted from the bot's data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.core.errors import UserError
from bot.reps.lookup import district_choices
from bot.reps.seats import MAX_DISTRICT, resolve_state, suggest_states
from cogs._common.types import Interaction

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

    BotTransformer = app_commands.Transformer[AdvocacyClient]  # its Interaction is ours
else:
    BotTransformer = app_commands.Transformer


def _states(interaction: Interaction) -> Mapping[str, str]:
    return interaction.client.content.states


class StateTransformer(BotTransformer):
    """A US state, D.C. or territory by code or name; autocompletes; unknown text refused."""

    async def transform(self, interaction: Interaction, value: str) -> str:
        return resolve_state(_states(interaction), value)

    async def autocomplete(
        self, interaction: Interaction, value: int | float | str
    ) -> list[app_commands.Choice[int | float | str]]:
        return [
            app_commands.Choice(name=f"{name} ({code})", value=code)
            for name, code in suggest_states(_states(interaction), str(value))
        ]


class DistrictTransformer(BotTransformer):
    """A congressional district number; autocompletes from the data for the chosen state."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.integer

    @property
    def min_value(self) -> int:
        return 0

    @property
    def max_value(self) -> int:
        return MAX_DISTRICT

    async def transform(self, interaction: Interaction, value: int) -> int:
        return int(value)

    async def autocomplete(
        self, interaction: Interaction, value: int | float | str
    ) -> list[app_commands.Choice[int | float | str]]:
        typed = getattr(interaction.namespace, "state", None)
        try:
            state = resolve_state(_states(interaction), str(typed)) if typed else None
        except UserError:
            return []
        db = interaction.client.db
        return [
            app_commands.Choice(name=label, value=number)
            for label, number in await district_choices(db, state, str(value), interaction.locale)
        ]


State = app_commands.Transform[str, StateTransformer]
District = app_commands.Transform[int, DistrictTransformer]
