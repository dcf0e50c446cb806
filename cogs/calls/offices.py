"""The member's own offices in the call flow: who to call about a bill, one button row each.

For a bill with a current Senate version the member's two senators, for a House version
their representative (from ``/me location``), each with a row of the outcome buttons of
:mod:`bot.call_buttons` carrying that office's id, so each call is recorded per office.
When an office is not known (no location saved, no district, a vacancy, no data), the
plain outcome row stays so the member can still report a call made another way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import discord

from bot.core.database import Database
from bot.core.i18n import t
from bot.core.limits import BUTTON_LABEL, EMBED_FIELD_VALUE, EMBED_TOTAL, clip
from bot.reps.legislators import HOUSE, SENATE, Legislator
from bot.reps.lookup import has_senators, office_line, own_offices, title
from cogs._common.tree import BotView
from cogs.calls.buttons import outcome_buttons

VIEW_SECONDS = 900  # the rows' buttons are routed by custom id and work after this too


@dataclass(frozen=True, slots=True)
class CallOffices:
    text: str  # what the embed's "your offices" field says
    offices: tuple[Legislator, ...]
    incomplete: bool  # some chamber the bill targets has no office for this member


def chambers_of(campaign: Any) -> list[str]:
    """The chambers a campaign has a current version in, Senate first."""
    return [c for c in (SENATE, HOUSE) if campaign.current(c)]


async def call_offices(
    db: Database,
    guild_id: int,
    user_id: int,
    chambers: Sequence[str],
    states: dict[str, str],
    locale: discord.Locale | str | None = None,
) -> CallOffices:
    parts: list[str] = []
    offices: list[Legislator] = []
    incomplete = False
    for chamber in chambers:
        where, members = await own_offices(db, guild_id, user_id, chamber)
        if where is None:
            return CallOffices(t("reps.call.no_location", locale), (), True)
        heading = t(f"reps.call.{chamber}_heading", locale)
        if members:
            lines = [office_line(m, locale) for m in members]
            offices += members
            incomplete |= chamber == SENATE and len(members) < 2
        elif chamber == SENATE and not has_senators(where.state):
            lines = [t("reps.find.no_senators", locale, state=states.get(where.state, where.state))]
        elif chamber == HOUSE and where.district is None:
            lines = [t("reps.call.no_house_district", locale)]
            incomplete = True
        else:
            lines = [t("reps.call.none_in_data", locale)]
            incomplete = True
        parts.append(heading + "\n" + "\n".join(lines))
    return CallOffices("\n\n".join(parts), tuple(offices), incomplete)


def offices_view(
    slug: str,
    found: CallOffices,
    locale: discord.Locale | str | None = None,
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


async def add_own_offices(
    bot: Any,
    guild_id: int,
    user_id: int,
    campaign: Any,
    embed: discord.Embed,
    locale: discord.Locale | str | None = None,
    *,
    in_dm: bool = False,
) -> discord.ui.View:
    """Add the member's own offices to ``/call``'s embed; the view with their button rows.

    ``in_dm``: the card is shown outside the server, so the buttons carry its id.
    """
    found = await call_offices(
        bot.db, guild_id, user_id, chambers_of(campaign), bot.content.states, locale
    )
    name = t("reps.call.field", locale)
    room = min(EMBED_FIELD_VALUE, EMBED_TOTAL - len(embed) - len(name))
    if room > 0:
        embed.add_field(name=name, value=clip(found.text, room), inline=False)
    return offices_view(campaign.slug, found, locale, guild_id if in_dm else None)
