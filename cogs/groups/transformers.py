"""The group option: a signatory by name, short name (AZ4HK), number or part of its name."""

from __future__ import annotations

from discord import app_commands

from bot.core.content import Signatory
from bot.core.limits import AUTOCOMPLETE_CHOICES
from bot.groups.signatories import (
    group_choice_name,
    group_choice_value,
    resolve_group,
    suggest_groups,
)
from cogs._common.types import BotTransformer, Interaction, TransformerChoices


class GroupTransformer(BotTransformer):
    """Turns what was typed into a :class:`Signatory`; offers the groups as choices."""

    async def transform(self, interaction: Interaction, value: str, /) -> Signatory:
        return resolve_group(interaction.client.content, value)

    async def autocomplete(
        self, interaction: Interaction, value: int | float | str, /
    ) -> TransformerChoices:
        return [
            app_commands.Choice(name=group_choice_name(s), value=group_choice_value(s))
            for s in suggest_groups(interaction.client.content, str(value), AUTOCOMPLETE_CHOICES)
        ]


GroupOption = app_commands.Transform[Signatory, GroupTransformer]
