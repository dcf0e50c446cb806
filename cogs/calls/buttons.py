"""The call buttons a reminder or a post carries, routed by custom id after a restart too.

- ``call:script:<slug>[@<guild id>]`` opens the call card privately (:mod:`cogs.calls.card`);
- the outcome buttons (:mod:`cogs.calls.outcomes`) record how the call went.

In a server channel the ids name no server; in a direct message they carry the server's id,
so clicks count for that server. Register once with :func:`register_call_buttons`.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.core.i18n import Locale, t
from bot.core.limits import BUTTON_LABEL, clip
from cogs._common.types import Interaction
from cogs.calls.card import call_card_message
from cogs.calls.outcomes import CallOutcomeButton, outcome_buttons
from cogs.calls.routing import (
    GUILD,
    SLUG,
    clicked_campaign,
    guild_in,
    guild_suffix,
    run_reporting_errors,
)


def script_custom_id(slug: str, guild_id: int | None = None) -> str:
    return f"call:script:{slug}{guild_suffix(guild_id)}"


class CallScriptButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"call:script:(?P<slug>{SLUG}){GUILD}",
):
    """Opens the campaign's call card, privately, with the outcome buttons under it."""

    def __init__(self, slug: str, guild_id: int | None = None, label: str | None = None) -> None:
        self.slug = slug
        self.guild_id = guild_id
        super().__init__(
            discord.ui.Button(
                label=clip(label or t("calls.button.script"), BUTTON_LABEL),
                style=discord.ButtonStyle.primary,
                custom_id=script_custom_id(slug, guild_id),
                emoji="📞",
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> CallScriptButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["slug"], guild_in(match["guild"]), label)

    async def callback(self, interaction: discord.Interaction) -> None:
        await run_reporting_errors(self.clicked, interaction)

    async def clicked(self, interaction: Interaction) -> None:
        guild_id, campaign = await clicked_campaign(interaction, self.guild_id, self.slug)
        embed, view = await call_card_message(
            interaction.client,
            guild_id,
            interaction.user.id,
            campaign,
            interaction.locale,
            in_dm=interaction.guild_id is None,
        )
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)


def call_action_view(
    slug: str,
    *,
    guild_id: int | None = None,
    locale: Locale | None = None,
) -> discord.ui.View:
    """ "Open call script" plus the three outcome buttons, for a post or a DM.

    In a server channel, leave ``guild_id`` out. For a direct message, pass the server's
    id so clicks are counted for that server.
    """
    view = discord.ui.View(timeout=None)
    view.add_item(CallScriptButton(slug, guild_id, label=t("calls.button.script", locale)))
    for button in outcome_buttons(slug, None, guild_id, locale):
        view.add_item(button)
    return view


def register_call_buttons(bot: discord.Client) -> None:
    """Route the call buttons by custom id, including those posted before a restart."""
    bot.add_dynamic_items(CallScriptButton, CallOutcomeButton)
