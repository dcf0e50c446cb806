"""Where errors go: one handler for commands, and the same routing for views, modals, items.

A :class:`~bot.core.errors.UserError` or a refused check becomes a short private message in
the member's language; anything else is a bug, logged with its traceback, and the member
gets a generic apology. Commands route through :class:`BotTree`; views, modals and dynamic
items through :class:`BotView`, :class:`BotModal` and :class:`BotItem`.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.core.errors import UserError
from bot.core.formatting import plural
from bot.core.i18n import t
from cogs._common.permissions import NotInServer, NotOrganizer
from cogs._common.respond import respond
from cogs._common.types import Interaction, ours

log = logging.getLogger(__name__)


def error_message(error: BaseException, locale: discord.Locale | None) -> str | None:
    """The private text a user sees for an expected error, or None for a bug."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, UserError):
        return t(error.key, locale, **error.values)
    if isinstance(error, NotOrganizer):
        return t("errors.common.not_organizer", locale)
    if isinstance(error, NotInServer):
        return t("errors.common.server_only", locale)
    if isinstance(error, app_commands.TransformerError):
        cause = error.__cause__
        if isinstance(cause, UserError):
            return t(cause.key, locale, **cause.values)
        return t("errors.common.bad_value", locale, value=str(error.value)[:100])
    if isinstance(error, app_commands.CommandOnCooldown):
        return plural("errors.common.cooldown", round(error.retry_after), locale)
    if isinstance(error, app_commands.BotMissingPermissions):
        return t(
            "errors.common.bot_missing", locale, permissions=", ".join(error.missing_permissions)
        )
    if isinstance(error, app_commands.MissingPermissions):
        return t("errors.common.not_organizer", locale)
    if isinstance(error, app_commands.NoPrivateMessage):
        return t("errors.common.server_only", locale)
    if isinstance(error, app_commands.CheckFailure):
        return t("errors.common.check_failed", locale)
    return None


class BotTree(app_commands.CommandTree):
    """A command tree whose errors become short private messages; bugs go to the log."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        text = error_message(error, interaction.locale)
        if text is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=error)
            text = t("errors.common.unexpected", interaction.locale)
        if interaction.type is discord.InteractionType.autocomplete:
            return
        try:
            await respond(interaction, content=text, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell the user about an error", exc_info=True)


async def report_component_error(interaction: discord.Interaction, error: Exception) -> None:
    """What a button, select or modal does on error: a private message, the trace to the log."""
    text = error_message(error, interaction.locale)
    if text is None:
        log.error("component %s failed", interaction.data, exc_info=error)
        text = t("errors.common.component_unexpected", interaction.locale)
    try:
        await respond(interaction, content=text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell the user about an error", exc_info=True)


class BotView(discord.ui.View):
    """A view whose callback errors reach the user as a private message."""

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await report_component_error(interaction, error)


class BotModal(discord.ui.Modal):
    """A modal whose submit errors reach the user as a private message."""

    async def on_error(
        self,
        interaction: discord.Interaction,
        error: Exception,
        item: discord.ui.Item[Any] | None = None,
        /,
    ) -> None:
        # discord.py calls a modal's on_error without ``item``; View's signature has one.
        await report_component_error(interaction, error)


class BotItem:
    """Mix into a ``discord.ui.DynamicItem`` (or any item): its errors reach the user too.

    discord.py runs a dynamic item's callback outside any view, so no view's ``on_error``
    sees what it raises: it would only be logged, and the member left with "This
    interaction failed". Put ``BotItem`` first among the bases and write :meth:`handle`
    instead of ``callback``::

        class PageButton(BotItem, discord.ui.DynamicItem[discord.ui.Button[Any]], template=...):
            async def handle(self, interaction: Interaction) -> None: ...
    """

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.handle(ours(interaction))
        except Exception as error:
            await report_component_error(interaction, error)

    async def handle(self, interaction: Interaction) -> None:
        """What the item does when pressed or chosen; raise :class:`UserError` to refuse."""
        raise NotImplementedError
