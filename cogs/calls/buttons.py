"""The call flow's buttons, routed by custom id so they keep working after a restart.

- ``call:script:<slug>`` opens the call script privately, with the outcome buttons.
- ``call:outcome:<slug>:<outcome>[:<office>]`` records how the call went (``reached``,
  ``voicemail``, ``no_answer``), optionally for one office (a legislator's id).

Either id may end in ``@<guild id>`` so that a button in a direct message (a reminder DM)
knows which server's campaign and tally it belongs to. State lives in the custom id and
the database; nothing is kept in memory. Register once with :func:`register_call_buttons`.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.calls.flow import OUTCOMES, call_embed, campaign_in, report_call, thank_you
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import BUTTON_LABEL, CUSTOM_ID, clip
from cogs._common.tree import report_component_error

SLUG = r"[a-z0-9][a-z0-9_-]{0,19}"
OFFICE = r"[A-Za-z0-9_.-]{1,32}"
_OFFICE_RE = re.compile(rf"^{OFFICE}$")
_GUILD = r"(?:@(?P<guild>[0-9]{1,20}))?"
_STYLES = {
    "reached": discord.ButtonStyle.success,
    "voicemail": discord.ButtonStyle.primary,
    "no_answer": discord.ButtonStyle.secondary,
}


def _suffix(guild_id: int | None) -> str:
    return f"@{guild_id}" if guild_id is not None else ""


def script_custom_id(slug: str, guild_id: int | None = None) -> str:
    return f"call:script:{slug}{_suffix(guild_id)}"


def outcome_custom_id(
    slug: str, outcome: str, office: str | None = None, guild_id: int | None = None
) -> str:
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    if office is not None and not _OFFICE_RE.match(office):
        raise ValueError(f"office id {office!r} must match {OFFICE}")
    custom_id = f"call:outcome:{slug}:{outcome}"
    if office:
        custom_id += f":{office}"
    custom_id += _suffix(guild_id)
    if len(custom_id) > CUSTOM_ID:
        raise ValueError(f"custom id too long: {custom_id!r}")
    return custom_id


async def _guild_for(interaction: discord.Interaction, guild_from_id: str | None) -> int:
    """The server a click belongs to: where it happened, or the one its id names (DMs)."""
    if interaction.guild_id is not None:
        if guild_from_id is not None and int(guild_from_id) != interaction.guild_id:
            raise UserError("calls.button.wrong_server")
        return interaction.guild_id
    if guild_from_id is None:
        raise UserError("calls.button.dm_without_server")
    guild = interaction.client.get_guild(int(guild_from_id))
    if guild is None:
        raise UserError("calls.button.dm_without_server")
    if guild.get_member(interaction.user.id) is None:
        try:
            await guild.fetch_member(interaction.user.id)
        except discord.NotFound:
            raise UserError("calls.button.not_a_member") from None
    return guild.id


async def _campaign(interaction: discord.Interaction, guild_id: int, slug: str) -> Any:
    campaign = await campaign_in(interaction.client, guild_id, slug)
    if campaign is None:
        raise UserError("calls.button.unknown_campaign")
    return campaign


class CallScriptButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"call:script:(?P<slug>{SLUG}){_GUILD}",
):
    """Opens the campaign's call script, privately, with the outcome buttons under it."""

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
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> CallScriptButton:
        guild = match["guild"]
        return cls(match["slug"], int(guild) if guild else None, item.label)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            guild_id = await _guild_for(interaction, str(self.guild_id) if self.guild_id else None)
            campaign = await _campaign(interaction, guild_id, self.slug)
            from cogs.calls.offices import add_own_offices

            embed = await call_embed(interaction.client, guild_id, campaign, interaction.locale)
            view = await add_own_offices(
                interaction.client,
                guild_id,
                interaction.user.id,
                campaign,
                embed,
                interaction.locale,
                in_dm=interaction.guild_id is None,
            )
            await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        except Exception as error:
            await report_component_error(interaction, error)


class CallOutcomeButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        rf"call:outcome:(?P<slug>{SLUG}):(?P<outcome>reached|voicemail|no_answer)"
        rf"(?::(?P<office>{OFFICE}))?{_GUILD}"
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
        self.outcome = outcome
        self.office = office
        self.guild_id = guild_id
        super().__init__(
            discord.ui.Button(
                label=clip(label or t(f"calls.button.{outcome}"), BUTTON_LABEL),
                style=_STYLES[outcome],
                custom_id=outcome_custom_id(slug, outcome, office, guild_id),
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> CallOutcomeButton:
        guild = match["guild"]
        return cls(match["slug"], match["outcome"], match["office"], int(guild) if guild else None)

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            guild_id = await _guild_for(interaction, str(self.guild_id) if self.guild_id else None)
            campaign = await _campaign(interaction, guild_id, self.slug)
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
        except Exception as error:
            await report_component_error(interaction, error)


def outcome_buttons(
    slug: str,
    office: str | None = None,
    guild_id: int | None = None,
    locale: discord.Locale | str | None = None,
    row: int | None = None,
) -> list[CallOutcomeButton]:
    """The three outcome buttons, optionally for one office (labels in ``locale``)."""
    buttons = []
    for outcome in OUTCOMES:
        button = CallOutcomeButton(
            slug, outcome, office, guild_id, label=t(f"calls.button.{outcome}", locale)
        )
        if row is not None:
            button.item.row = row
        buttons.append(button)
    return buttons


def outcome_view(
    slug: str,
    office: str | None = None,
    guild_id: int | None = None,
    locale: discord.Locale | str | None = None,
) -> discord.ui.View:
    """A view with the three outcome buttons (no timeout: they're routed by custom id)."""
    view = discord.ui.View(timeout=None)
    for button in outcome_buttons(slug, office, guild_id, locale):
        view.add_item(button)
    return view


def call_action_view(
    slug: str,
    *,
    guild_id: int | None = None,
    locale: discord.Locale | str | None = None,
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
