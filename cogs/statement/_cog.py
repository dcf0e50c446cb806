"""/statement: read, look up, search and share the joint statement (Discord glue only)."""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.content import Content
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FOOTER, EMBED_TITLE, clip
from bot.statement.reading import (
    clamp_page,
    escape,
    format_hits,
    get_paragraph,
    numbered,
    paragraph_choice_name,
    quote_text,
    statement_pages,
    suggest_paragraphs,
    validate_query,
)
from bot.statement.reading import search as search_statement
from cogs._common.translator import cmd
from cogs._common.tree import BotView, report_component_error

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

Locale = discord.Locale | None


def _pages(content: Content, locale: Locale) -> list[str]:
    return statement_pages(
        content.statement, content.signatories, t("statement.read.signed_by", locale)
    )


def page_message(content: Content, page: int, locale: Locale) -> tuple[discord.Embed, BotView]:
    """Page ``page`` of /statement read, with its Previous/Next buttons."""
    pages = _pages(content, locale)
    page = clamp_page(page, len(pages))
    embed = discord.Embed(
        title=clip(escape(content.statement.title), EMBED_TITLE), description=pages[page - 1]
    )
    embed.set_footer(text=t("statement.read.page_footer", locale, page=page, total=len(pages)))
    view = BotView(timeout=None)
    view.add_item(PageButton(page - 1, t("statement.read.previous", locale), disabled=page <= 1))
    view.add_item(
        PageButton(page + 1, t("statement.read.next", locale), disabled=page >= len(pages))
    )
    return embed, view


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"statement:page:(?P<page>\d+)"
):
    """Previous/Next on a page of /statement read; the target page lives in the custom id,
    so the buttons keep working after the bot restarts."""

    def __init__(self, page: int, label: str = "…", *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"statement:page:{max(page, 0)}",
                disabled=disabled,
            )
        )
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> PageButton:
        return cls(int(match["page"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            content: Content = interaction.client.content  # type: ignore[attr-defined]
            embed, view = page_message(content, self.page, interaction.locale)
            message = interaction.message
            meta = message.interaction_metadata if message is not None else None
            mine = message is not None and (
                message.flags.ephemeral
                or (meta is not None and meta.user.id == interaction.user.id)
            )
            if mine:
                await interaction.response.edit_message(embed=embed, view=view)
            else:
                # Someone else's public copy: page through privately, leave theirs alone.
                await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        except Exception as error:
            await report_component_error(interaction, error)


class Statement(
    commands.GroupCog,
    group_name="statement",
    group_description=cmd("statement.group.description"),
):
    def __init__(self, bot: AdvocacyBot) -> None:
        self.bot = bot
        super().__init__()

    @property
    def content(self) -> Content:
        return self.bot.content

    def _title(self) -> str:
        return clip(escape(self.content.statement.title), EMBED_TITLE)

    @app_commands.command(name="read", description=cmd("statement.read.description"))
    @app_commands.describe(public=cmd("statement.common.option_public"))
    async def read(self, interaction: discord.Interaction, public: bool = False) -> None:
        embed, view = page_message(self.content, 1, interaction.locale)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=not public)

    @app_commands.command(name="paragraph", description=cmd("statement.paragraph.description"))
    @app_commands.describe(
        number=cmd("statement.paragraph.option_number"),
        public=cmd("statement.common.option_public"),
    )
    async def paragraph(
        self, interaction: discord.Interaction, number: int, public: bool = False
    ) -> None:
        p = get_paragraph(self.content.statement, number)
        # Paragraphs are far shorter than an embed; clip only guards against odd data.
        embed = discord.Embed(title=self._title(), description=clip(numbered(p), EMBED_DESCRIPTION))
        count = len(self.content.statement.paragraphs)
        embed.set_footer(
            text=t("statement.paragraph.footer", interaction.locale, number=p.number, count=count)
        )
        await interaction.response.send_message(embed=embed, ephemeral=not public)

    @app_commands.command(name="search", description=cmd("statement.search.description"))
    @app_commands.describe(
        query=cmd("statement.search.option_query"), public=cmd("statement.common.option_public")
    )
    async def search(
        self, interaction: discord.Interaction, query: str, public: bool = False
    ) -> None:
        locale = interaction.locale
        words = validate_query(query)
        hits = search_statement(self.content.statement, words)
        if not hits:
            listed = ", ".join(f"“{escape(w)}”" for w in words)
            await interaction.response.send_message(
                t("statement.search.no_match", locale, words=listed), ephemeral=True
            )
            return
        body = format_hits(hits, t("statement.search.more", locale, count="{count}"))
        plural = "count_one" if len(hits) == 1 else "count_other"
        intro = t(f"statement.search.{plural}", locale, count=len(hits))
        title = t("statement.search.title", locale, query=escape(" ".join(query.split())))
        embed = discord.Embed(title=clip(title, EMBED_TITLE), description=f"{intro}\n\n{body}")
        await interaction.response.send_message(embed=embed, ephemeral=not public)

    @app_commands.command(name="quote", description=cmd("statement.quote.description"))
    @app_commands.describe(number=cmd("statement.quote.option_number"))
    async def quote(self, interaction: discord.Interaction, number: int | None = None) -> None:
        statement = self.content.statement
        p = (
            get_paragraph(statement, number)
            if number is not None
            else random.choice(statement.paragraphs)
        )
        attribution = t(
            "statement.quote.attribution",
            interaction.locale,
            number=p.number,
            count=len(statement.paragraphs),
        )
        room = EMBED_DESCRIPTION - len(attribution) - 2
        embed = discord.Embed(description=f"{clip(quote_text(p), room)}\n\n{attribution}")
        embed.set_footer(text=clip(statement.title, EMBED_FOOTER))
        await interaction.response.send_message(embed=embed, ephemeral=False)

    @paragraph.autocomplete("number")
    @quote.autocomplete("number")
    async def number_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        return [
            app_commands.Choice(name=paragraph_choice_name(p), value=p.number)
            for p in suggest_paragraphs(self.content.statement, str(current))
        ]


async def setup(bot: AdvocacyBot) -> None:
    bot.add_dynamic_items(PageButton)
    await bot.add_cog(Statement(bot))


async def teardown(bot: AdvocacyBot) -> None:
    bot.remove_dynamic_items(PageButton)
