"""/reps: who represents a state or district, and how current the bot's data is."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.reps.fetch import auto_fetch_enabled, legislators_url, refresh_forever
from bot.reps.lookup import lookup
from bot.reps.status import status_text
from bot.reps.storage import chamber_counts, get_status
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.reps.embeds import find_embed
from cogs.reps.transformers import District, State

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


class Reps(commands.GroupCog, group_name="reps", group_description=cmd("reps.group.description")):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        self.updater: asyncio.Task[None] | None = None
        super().__init__()

    async def cog_load(self) -> None:
        url = legislators_url(self.bot.settings)
        if url is not None and auto_fetch_enabled(self.bot.settings):
            self.updater = asyncio.create_task(
                refresh_forever(
                    self.bot.db, self.bot.clock, url, known_states=self.bot.content.states
                ),
                name="legislators-refresh",
            )

    async def cog_unload(self) -> None:
        if self.updater is not None:
            self.updater.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.updater

    @app_commands.command(name="find", description=cmd("reps.find.description"))
    @app_commands.describe(
        state=cmd("reps.find.option_state"), district=cmd("reps.find.option_district")
    )
    async def find(
        self, interaction: Interaction, state: State, district: District | None = None
    ) -> None:
        name = self.bot.content.states[state]
        found = await lookup(self.bot.db, state, district, name)
        embed = find_embed(
            found,
            name,
            await get_status(self.bot.db),
            interaction.locale,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="status", description=cmd("reps.status.description"))
    async def status(self, interaction: Interaction) -> None:
        settings = self.bot.settings
        if legislators_url(settings) is None:
            mode = "off"
        else:
            mode = "on" if auto_fetch_enabled(settings) else "offline"
        text = status_text(
            await get_status(self.bot.db),
            await chamber_counts(self.bot.db),
            fetch_mode=mode,
            now=self.bot.clock.now(),
            locale=interaction.locale,
        )
        await interaction.response.send_message(text, ephemeral=True)


async def setup(bot: AdvocacyClient) -> None:
    await bot.add_cog(Reps(bot))
