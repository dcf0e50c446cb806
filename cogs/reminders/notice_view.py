"""Notices to organizers on Discord: the "Resume them" button under "I'm back", and the
notices kept for an organizer's next /remind command."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import Locale, t
from bot.core.limits import BUTTON_LABEL, MESSAGE_CONTENT, clip
from bot.reminders import departures, notices
from bot.reminders.texts import notice_text
from cogs._common.permissions import is_organizer
from cogs._common.types import Interaction, ours
from cogs.reminders.events import sync_event

RETURNED = "reminders.notice.returned"


class ResumeAwayButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"remind:resume-away:(?P<guild>[0-9]{1,20})",
):
    """Resumes the server's reminders the bot paused when it was removed (organizers)."""

    def __init__(self, guild_id: int, locale: Locale | None = None) -> None:
        self.guild_id = guild_id
        super().__init__(
            discord.ui.Button(
                label=clip(t("reminders.notice.resume_button", locale), BUTTON_LABEL),
                style=discord.ButtonStyle.primary,
                custom_id=f"remind:resume-away:{guild_id}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ResumeAwayButton:
        return cls(int(match["guild"]), interaction.locale)

    async def callback(self, interaction: discord.Interaction) -> None:
        await resume_pressed(ours(interaction), self.guild_id)


async def resume_pressed(interaction: Interaction, guild_id: int) -> None:
    bot, locale = interaction.client, interaction.locale
    member = interaction.user
    if interaction.guild_id != guild_id or not isinstance(member, discord.Member):
        await interaction.response.send_message(
            t("reminders.notice.not_organizer", locale), ephemeral=True
        )
        return
    settings = await get_guild_settings(bot.db, guild_id)
    if not is_organizer(member, settings.organizer_role_id):
        await interaction.response.send_message(
            t("reminders.notice.not_organizer", locale), ephemeral=True
        )
        return
    resumed = await departures.resume_paused(bot.db, guild_id, bot.clock.now())
    dispatcher = getattr(bot.get_cog("Reminders"), "dispatcher", None)
    if dispatcher is not None:
        dispatcher.wake(None)
    for reminder in resumed:
        await sync_event(bot, reminder)
    if resumed:
        text = notice_text(
            "reminders.notice.resumed",
            {"ids": [r.id for r in resumed], "count": len(resumed)},
            locale,
        )
    else:
        text = t("reminders.notice.nothing_to_resume", locale)
    await interaction.response.send_message(text, ephemeral=True)


def notice_view(guild_id: int, key: str, locale: Locale | None = None) -> discord.ui.View | None:
    """The button a notice carries, if any."""
    if key != RETURNED:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(ResumeAwayButton(guild_id, locale))
    return view


async def send_kept_notices(interaction: Interaction) -> None:
    """After an organizer's /remind command: what the server's organizers are still to be
    told (kept when no log channel could say it), once, privately."""
    guild, member = interaction.guild, interaction.user
    if guild is None or not isinstance(member, discord.Member):
        return
    db = interaction.client.db
    if not await notices.waiting(db, guild.id):
        return
    settings = await get_guild_settings(db, guild.id)
    if not is_organizer(member, settings.organizer_role_id):
        return
    kept = await notices.take(db, guild.id)
    locale = interaction.locale
    lines = [t("reminders.notice.title", locale)]
    lines += [notice_text(n.key, n.values, locale) for n in kept]
    returned = any(n.key == RETURNED for n in kept)
    view = notice_view(guild.id, RETURNED, locale) if returned else None
    text = clip("\n".join(lines), MESSAGE_CONTENT)
    if view is None:
        await interaction.followup.send(text, ephemeral=True)
    else:
        await interaction.followup.send(text, ephemeral=True, view=view)
