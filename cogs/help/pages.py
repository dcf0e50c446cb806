"""The two pages of /help, members' and organizers', with buttons to switch between them."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.core.enums import CatalogEnum
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, clip
from cogs._common.paging import page_button, turn_page
from cogs._common.tree import BotItem, BotView
from cogs._common.types import Interaction, Locale


class HelpPage(CatalogEnum, key_prefix="help.page"):
    """A page of /help: who the commands on it are for."""

    MEMBERS = "members"
    ORGANIZERS = "organizers"


def help_message(page: HelpPage, locale: Locale) -> tuple[discord.Embed, BotView]:
    """The page as an embed, with a button to each page (the one shown is disabled)."""
    embed = discord.Embed(
        title=t(f"help.{page.value}.title", locale),
        description=clip(t(f"help.{page.value}.text", locale).strip(), EMBED_DESCRIPTION),
    )
    embed.set_footer(text=t("help.common.footer", locale))
    view = BotView(timeout=None)
    for other in HelpPage:
        view.add_item(HelpButton(other, t(other.catalog_key, locale), disabled=other is page))
    return embed, view


class HelpButton(
    BotItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"help:page:(?P<page>[a-z]+)",
):
    """Switches /help to the other page; the page lives in the custom id (restarts keep it)."""

    def __init__(self, page: HelpPage, label: str = "…", *, disabled: bool = False) -> None:
        super().__init__(page_button(f"help:page:{page.value}", label, disabled=disabled))
        self.page = page

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> HelpButton:
        try:
            page = HelpPage(match["page"])
        except ValueError:
            page = HelpPage.MEMBERS
        return cls(page)

    async def handle(self, interaction: Interaction) -> None:
        embed, view = help_message(self.page, interaction.locale)
        await turn_page(interaction, embed, view)
