"""Command names and descriptions from the message catalog, in each member's language."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.i18n import DEFAULT_LOCALE, catalog, t


def cmd(key: str) -> app_commands.locale_str:
    """A command/option description from the catalog, translatable by its key."""
    return app_commands.locale_str(t(key), key=key)


class CatalogTranslator(app_commands.Translator):
    """Serves command names and descriptions from the catalog of the user's locale."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if key is None or locale.value == DEFAULT_LOCALE:
            return None
        return catalog(locale.value).get(key)
