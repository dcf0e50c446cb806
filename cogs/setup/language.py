"""/setup language: the language of the server's posts, public replies and DMs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.core.guild_settings import update_guild_settings
from bot.core.i18n import t
from bot.core.language import known_locale, language_name, supported_locales
from cogs._common.permissions import organizer_only
from cogs._common.translator import cmd
from cogs._common.types import Interaction

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

# Each language by its own name ("English", "繁體中文"), as a reader looks for it.
LANGUAGE_CHOICES = [
    app_commands.Choice(name=language_name(tag), value=tag) for tag in supported_locales()
]


class LanguageSetting(commands.Cog):
    """A base of the /setup cog: its ``language`` subcommand."""

    bot: AdvocacyClient

    @app_commands.command(name="language", description=cmd("setup.language.description"))
    @app_commands.describe(language=cmd("setup.language.option_language"))
    @app_commands.choices(language=LANGUAGE_CHOICES)
    @organizer_only
    async def language(self, interaction: Interaction, language: app_commands.Choice[str]) -> None:
        assert interaction.guild is not None
        tag = known_locale(language.value)
        await update_guild_settings(
            self.bot.db, interaction.guild.id, self.bot.clock.now().isoformat(), language=tag
        )
        await interaction.response.send_message(
            t("setup.language.set", interaction.locale, language=language_name(tag)),
            ephemeral=True,
        )
