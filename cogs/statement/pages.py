"""/statement read: the statement as pages, with Previous/Next buttons that survive restarts."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.core.content import Content
from bot.core.i18n import t
from bot.core.limits import EMBED_TITLE, clip
from bot.core.markdown import escape_markdown
from bot.statement.reading import clamp_page, statement_pages
from cogs._common.language import reply_locale
from cogs._common.paging import page_button, presser_owns, turn_page
from cogs._common.tree import BotItem, BotView
from cogs._common.types import Interaction, Locale
from cogs.statement.embeds import with_original_note


def page_message(content: Content, page: int, locale: Locale) -> tuple[discord.Embed, BotView]:
    """Page ``page`` of /statement read, with its Previous/Next buttons."""
    pages = statement_pages(
        content.statement, content.signatories, t("statement.read.signed_by", locale)
    )
    page = clamp_page(page, len(pages))
    embed = discord.Embed(
        title=clip(escape_markdown(content.statement.title), EMBED_TITLE),
        description=pages[page - 1],
    )
    embed.set_footer(text=t("statement.read.page_footer", locale, page=page, total=len(pages)))
    with_original_note(embed, locale)
    view = BotView(timeout=None)
    view.add_item(PageButton(page - 1, t("statement.read.previous", locale), disabled=page <= 1))
    view.add_item(
        PageButton(page + 1, t("statement.read.next", locale), disabled=page >= len(pages))
    )
    return embed, view


class PageButton(
    BotItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"statement:page:(?P<page>\d+)",
):
    """Previous/Next on a page of /statement read; the target page lives in the custom id,
    so the buttons keep working after the bot restarts."""

    def __init__(self, page: int, label: str = "…", *, disabled: bool = False) -> None:
        super().__init__(page_button(f"statement:page:{max(page, 0)}", label, disabled=disabled))
        self.page = page

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> PageButton:
        return cls(int(match["page"]))

    async def handle(self, interaction: Interaction) -> None:
        message = interaction.message
        public = presser_owns(interaction) and message is not None and not message.flags.ephemeral
        locale = await reply_locale(interaction, public=public)  # a public copy: the server's
        embed, view = page_message(interaction.client.content, self.page, locale)
        await turn_page(interaction, embed, view)
