"""/groups: the 24 signatory organizations and where they are (organizers' corrections:
``location.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.core.limits import AUTOCOMPLETE_CHOICES
from bot.groups.places import Gazetteer
from bot.groups.suggest import suggest_places
from bot.groups.towns import load_us_towns_async
from cogs._common.language import reply_locale
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.groups.embeds import info_embed, list_embeds, near_embed
from cogs.groups.gazetteer import server_gazetteer
from cogs.groups.location import GroupLocation
from cogs.groups.transformers import GroupOption

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

Choices = list[app_commands.Choice[str]]


class Groups(
    commands.GroupCog, group_name="groups", group_description=cmd("groups.group.description")
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        super().__init__()

    async def cog_load(self) -> None:
        # The US towns load once per process, in a thread, before the bot logs in.
        await load_us_towns_async()

    async def _gazetteer(self, interaction: Interaction) -> Gazetteer:
        return await server_gazetteer(self.bot, interaction.guild_id)

    # ------------------------------------------------------------------ members

    @app_commands.command(name="list", description=cmd("groups.list.description"))
    @app_commands.describe(public=cmd("groups.common.option_public"))
    async def list_(self, interaction: Interaction, public: bool = False) -> None:
        locale = await reply_locale(interaction, public=public)
        first, *rest = list_embeds(await self._gazetteer(interaction), locale)
        await interaction.response.send_message(embed=first, ephemeral=not public)
        for embed in rest:
            await interaction.followup.send(embed=embed, ephemeral=not public)

    @app_commands.command(name="near", description=cmd("groups.near.description"))
    @app_commands.describe(
        place=cmd("groups.near.option_place"), public=cmd("groups.common.option_public")
    )
    async def near(self, interaction: Interaction, place: str, public: bool = False) -> None:
        gaz = await self._gazetteer(interaction)
        match = gaz.resolve(place)
        await interaction.response.send_message(
            embed=near_embed(gaz, match, await reply_locale(interaction, public=public)),
            ephemeral=not public,
        )

    @near.autocomplete("place")
    async def place_autocomplete(self, interaction: Interaction, current: str) -> Choices:
        gaz = await self._gazetteer(interaction)
        return [
            app_commands.Choice(name=name, value=value)
            for name, value in suggest_places(gaz, current, AUTOCOMPLETE_CHOICES)
        ]

    @app_commands.command(name="info", description=cmd("groups.info.description"))
    @app_commands.describe(
        group=cmd("groups.info.option_group"), public=cmd("groups.common.option_public")
    )
    async def info(
        self, interaction: Interaction, group: GroupOption, public: bool = False
    ) -> None:
        gaz = await self._gazetteer(interaction)
        entry = gaz.entries[group.position - 1]
        await interaction.response.send_message(
            embed=info_embed(gaz, entry, await reply_locale(interaction, public=public)),
            ephemeral=not public,
        )


async def setup(bot: AdvocacyClient) -> None:
    await bot.add_cog(Groups(bot))
    await bot.add_cog(GroupLocation(bot))
