"""The private call card of ``/call`` and "Open call script": the embed and its button rows.

The script is the one each office's cosponsorship calls for (one per office when the
member's offices are known). Under it, the member's own offices (from ``/me location``)
with where each stands on the bill, each with a row of outcome buttons carrying that
office's id, so each call is recorded per office. When an office is not known, the plain
outcome row stays so the member can still report a call made another way.
"""

from __future__ import annotations

import discord

from bot.calls.flow import call_card
from bot.calls.offices import CallOffices, call_offices, chambers_of
from bot.calls.services import Services
from bot.campaigns.model import Campaign
from bot.core.i18n import Locale, t
from bot.core.limits import BUTTON_LABEL, EMBED_FIELD_VALUE, EMBED_TOTAL, clip
from bot.reps.contact import title
from cogs._common.tree import BotView
from cogs.calls.embeds import call_embed
from cogs.calls.outcomes import outcome_buttons

VIEW_SECONDS = 900  # the rows' buttons are routed by custom id and work after this too


def offices_view(
    slug: str,
    found: CallOffices,
    locale: Locale | None = None,
    guild_id: int | None = None,
) -> discord.ui.View:
    """A row per office (its name, then the three outcomes), plus the plain row if needed.

    ``guild_id`` goes into the buttons' custom ids when they are shown outside the server
    (a reminder DM), so a tap counts for the right server.
    """
    view = BotView(timeout=VIEW_SECONDS)
    row = 0
    for member in found.offices[:4]:
        view.add_item(
            discord.ui.Button(
                label=clip(f"{title(member, locale)} {member.name}", BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
                disabled=True,
                row=row,
            )
        )
        for button in outcome_buttons(slug, member.bioguide, guild_id, locale=locale, row=row):
            view.add_item(button)
        row += 1
    if found.incomplete or not found.offices:
        for button in outcome_buttons(slug, None, guild_id, locale=locale, row=row):
            view.add_item(button)
    return view


async def call_card_message(
    bot: Services,
    guild_id: int,
    user_id: int,
    campaign: Campaign,
    locale: Locale | None = None,
    *,
    in_dm: bool = False,
) -> tuple[discord.Embed, discord.ui.View]:
    """The card's embed, with the member's own offices added, and its button rows.

    ``in_dm``: the card is shown outside the server, so the buttons carry its id.
    """
    found = await call_offices(
        bot.db, guild_id, user_id, chambers_of(campaign), bot.content.states, locale, campaign
    )
    card = await call_card(bot, guild_id, campaign, locale, found.standings)
    embed = call_embed(card, locale)
    name = t("reps.call.field", locale)
    room = min(EMBED_FIELD_VALUE, EMBED_TOTAL - len(embed) - len(name))
    if room > 0:
        embed.add_field(name=name, value=clip(found.text, room), inline=False)
    return embed, offices_view(campaign.slug, found, locale, guild_id if in_dm else None)
