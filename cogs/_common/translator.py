"""Command names and descriptions from the message catalog, in each member's language.

Descriptions and choice names carry their catalog key (:func:`cmd`). Names need none:
the translator finds a command's by its full name (``names.command.setup timezone``) and an
option's by its command and name (``names.option.setup timezone name``) or, shared by every
command with such an option, by its name alone (``names.option.bill``).
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.core.i18n import DEFAULT_LOCALE, catalog, t


def cmd(key: str) -> app_commands.locale_str:
    """A command/option description from the catalog, translatable by its key."""
    return app_commands.locale_str(t(key), key=key)


def name_keys(context: app_commands.TranslationContextTypes) -> tuple[str, ...]:
    """The catalog keys that may hold the localized name of a command, group or option."""
    data = context.data
    named = (Where.command_name, Where.group_name)
    if isinstance(data, app_commands.Command | app_commands.Group) and context.location in named:
        return (f"names.command.{data.qualified_name}",)
    if isinstance(data, app_commands.Parameter) and context.location is Where.parameter_name:
        command = data.command.qualified_name
        return (f"names.option.{command} {data.name}", f"names.option.{data.name}")
    return ()


class CatalogTranslator(app_commands.Translator):
    """Serves command names and descriptions from the catalog of the user's locale."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale.value == DEFAULT_LOCALE:
            return None
        messages = catalog(locale.value)
        key = string.extras.get("key")
        keys = (key,) if key is not None else name_keys(context)
        return next((messages[k] for k in keys if k in messages), None)
