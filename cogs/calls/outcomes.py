"""The outcome buttons: how a call went, recorded by custom id, also after a restart.

``call:outcome:<slug>:<outcome>[:<office>][@<guild id>]`` records how the call went
(``reached``, ``voicemail``, ``no_answer``), optionally for one office (a legislator's id).
State lives in the custom id and the database; nothing is kept in memory.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.calls.flow import report_call, thank_you
from bot.calls.outcomes import Outcome
from bot.core.i18n import Locale, t
from bot.core.limits import BUTTON_LABEL, CUSTOM_ID, clip
from cogs._common.types import Interaction
from cogs.calls.routing import (
    GUILD,
    OFFICE,
    SLUG,
    clicked_campaign,
    guild_in,
    guild_suffix,
    run_reporting_errors,
)

_OFFICE_RE = re.compile(rf"^{OFFICE}$")
_OUTCOMES = tuple(o.value for o in Outcome)
_OUTCOME = "|".join(_OUTCOMES)
_STYLES = {
    Outcome.REACHED: discord.ButtonStyle.success,
    Outcome.VOICEMAIL: discord.ButtonStyle.primary,
    Outcome.NO_ANSWER: discord.ButtonStyle.secondary,
}


def outcome_custom_id(
    slug: str, outcome: str, office: str | None = None, guild_id: int | None = None
) -> str:
    if outcome not in _OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    if office is not None and not _OFFICE_RE.match(office):
        raise ValueError(f"office id {office!r} must match {OFFICE}")
    custom_id = f"call:outcome:{slug}:{outcome}"
    if office:
        custom_id += f":{office}"
    custom_id += guild_suffix(guild_id)
    if len(custom_id) > CUSTOM_ID:
        raise ValueError(f"custom id too long: {custom_id!r}")
    return custom_id


class CallOutcomeButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        rf"call:outcome:(?P<slug>{SLUG}):(?P<outcome>{_OUTCOME})(?::(?P<office>{OFFICE}))?{GUILD}"
    ),
):
    """Records how the member's call went and thanks them with the server's running count."""

    def __init__(
        self,
        slug: str,
        outcome: str,
        office: str | None = None,
        guild_id: int | None = None,
        label: str | None = None,
    ) -> None:
        self.slug = slug
        self.outcome = Outcome(outcome)
        self.office = office
        self.guild_id = guild_id
        super().__init__(
            discord.ui.Button(
                label=clip(label or t(self.outcome.button_key), BUTTON_LABEL),
                style=_STYLES[self.outcome],
                custom_id=outcome_custom_id(slug, outcome, office, guild_id),
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> CallOutcomeButton:
        return cls(match["slug"], match["outcome"], match["office"], guild_in(match["guild"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await run_reporting_errors(self.clicked, interaction)

    async def clicked(self, interaction: Interaction) -> None:
        guild_id, campaign = await clicked_campaign(interaction, self.guild_id, self.slug)
        report = await report_call(
            interaction.client,
            guild_id,
            interaction.user.id,
            self.slug,
            self.outcome,
            self.office or "",
        )
        await interaction.response.send_message(
            thank_you(campaign, self.outcome, report, interaction.locale), ephemeral=True
        )


def outcome_buttons(
    slug: str,
    office: str | None = None,
    guild_id: int | None = None,
    locale: Locale | None = None,
    row: int | None = None,
) -> list[CallOutcomeButton]:
    """The three outcome buttons, optionally for one office (labels in ``locale``)."""
    buttons = []
    for outcome in Outcome:
        button = CallOutcomeButton(slug, outcome, office, guild_id, t(outcome.button_key, locale))
        if row is not None:
            button.item.row = row
        buttons.append(button)
    return buttons


def outcome_view(
    slug: str,
    office: str | None = None,
    guild_id: int | None = None,
    locale: Locale | None = None,
) -> discord.ui.View:
    """A view with the three outcome buttons (no timeout: they're routed by custom id)."""
    view = discord.ui.View(timeout=None)
    for button in outcome_buttons(slug, office, guild_id, locale):
        view.add_item(button)
    return view
