"""/statement: read, look up, search and share the joint statement (Discord glue only)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.core.content import Statement as StatementText
from bot.core.i18n import t
from bot.statement.reading import get_paragraph, paragraph_choice_name, suggest_paragraphs
from bot.statement.search import StatementIndex, parse_query
from cogs._common.language import reply_locale
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.statement.embeds import paragraph_embed, quote_embed, search_embed
from cogs.statement.pages import PageButton, page_message

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


class Statement(
    commands.GroupCog,
    group_name="statement",
    group_description=cmd("statement.group.description"),
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        self.index: StatementIndex | None = None
        super().__init__()

    async def cog_load(self) -> None:
        content = self.bot.content
        self.index = StatementIndex(content.statement, content.signatories)

    @property
    def statement(self) -> StatementText:
        return self.bot.content.statement

    @app_commands.command(name="read", description=cmd("statement.read.description"))
    @app_commands.describe(public=cmd("statement.common.option_public"))
    async def read(self, interaction: Interaction, public: bool = False) -> None:
        locale = await reply_locale(interaction, public=public)
        embed, view = page_message(self.bot.content, 1, locale)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=not public)

    @app_commands.command(name="paragraph", description=cmd("statement.paragraph.description"))
    @app_commands.describe(
        number=cmd("statement.paragraph.option_number"),
        public=cmd("statement.common.option_public"),
    )
    async def paragraph(self, interaction: Interaction, number: int, public: bool = False) -> None:
        p = get_paragraph(self.statement, number)
        embed = paragraph_embed(self.statement, p, await reply_locale(interaction, public=public))
        await interaction.response.send_message(embed=embed, ephemeral=not public)

    @app_commands.command(name="search", description=cmd("statement.search.description"))
    @app_commands.describe(
        query=cmd("statement.search.option_query"), public=cmd("statement.common.option_public")
    )
    async def search(self, interaction: Interaction, query: str, public: bool = False) -> None:
        wanted = parse_query(query)
        assert self.index is not None  # built when the cog loads
        results = await self.index.search(wanted)
        if not results:
            await interaction.response.send_message(
                t("statement.search.no_match", interaction.locale, words=wanted.shown()),
                ephemeral=True,
            )
            return
        embed = search_embed(query, results, await reply_locale(interaction, public=public))
        await interaction.response.send_message(embed=embed, ephemeral=not public)

    @app_commands.command(name="quote", description=cmd("statement.quote.description"))
    @app_commands.describe(number=cmd("statement.quote.option_number"))
    async def quote(self, interaction: Interaction, number: int | None = None) -> None:
        paragraphs = self.statement.paragraphs
        p = (
            get_paragraph(self.statement, number)
            if number is not None
            else random.choice(paragraphs)
        )
        embed = quote_embed(self.statement, p, await reply_locale(interaction, public=True))
        await interaction.response.send_message(embed=embed, ephemeral=False)

    @paragraph.autocomplete("number")
    @quote.autocomplete("number")
    async def number_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        return [
            app_commands.Choice(name=paragraph_choice_name(p), value=p.number)
            for p in suggest_paragraphs(self.statement, str(current))
        ]


async def setup(bot: AdvocacyClient) -> None:
    bot.add_dynamic_items(PageButton)
    await bot.add_cog(Statement(bot))


async def teardown(bot: AdvocacyClient) -> None:
    bot.remove_dynamic_items(PageButton)
