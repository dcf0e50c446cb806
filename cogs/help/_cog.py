"""/help: the commands members and organizers use, on two short pages, one example each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.help.pages import HelpButton, HelpPage, help_message

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


class Help(commands.Cog):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot

    @app_commands.command(name="help", description=cmd("help.command.description"))
    @app_commands.describe(page=cmd("help.command.option_page"))
    @app_commands.choices(
        page=[
            app_commands.Choice(name=cmd("help.page.members"), value=HelpPage.MEMBERS.value),
            app_commands.Choice(name=cmd("help.page.organizers"), value=HelpPage.ORGANIZERS.value),
        ]
    )
    async def help(self, interaction: Interaction, page: str = HelpPage.MEMBERS.value) -> None:
        embed, view = help_message(HelpPage(page), interaction.locale)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)


async def setup(bot: AdvocacyClient) -> None:
    bot.add_dynamic_items(HelpButton)
    await bot.add_cog(Help(bot))


async def teardown(bot: AdvocacyClient) -> None:
    bot.remove_dynamic_items(HelpButton)
