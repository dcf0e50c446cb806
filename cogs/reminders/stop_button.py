"""The "Stop these DMs" button every reminder DM carries; it works after restarts too.

Its custom id names the server, the campaign and the occurrence (never the member: the
member is whoever presses it in their own DMs), so a press ends that member's subscription
to that campaign in that server, and a retry after a crash can find the DM it made.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.campaigns.model import load_campaign
from bot.core.i18n import Locale, t
from bot.core.limits import BUTTON_LABEL, clip
from bot.reminders import subscriptions
from bot.reminders.jobs import DmJob
from cogs._common.types import Interaction, ours
from cogs.calls.routing import SLUG

PREFIX = "remind:stop"


class StopDmsButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=rf"{PREFIX}:(?P<guild>[0-9]{{1,20}}):(?P<slug>{SLUG}):"
    r"(?P<reminder>[0-9]{1,20}):(?P<occurrence>[0-9]{1,12})",
):
    """Ends the presser's subscription to the campaign in the server, and says so."""

    def __init__(
        self,
        guild_id: int,
        slug: str,
        reminder_id: int,
        occurrence: int,
        locale: Locale | None = None,
    ) -> None:
        self.guild_id = guild_id
        self.slug = slug
        super().__init__(
            discord.ui.Button(
                label=clip(t("reminders.dm.stop_button", locale), BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{PREFIX}:{guild_id}:{slug}:{reminder_id}:{occurrence}",
                emoji="🔕",
            )
        )

    @classmethod
    def for_job(cls, job: DmJob, locale: Locale | None = None) -> StopDmsButton:
        reminder = job.reminder
        return cls(reminder.guild_id, reminder.campaign, reminder.id, job.occurrence, locale)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StopDmsButton:
        return cls(
            int(match["guild"]),
            match["slug"],
            int(match["reminder"]),
            int(match["occurrence"]),
            interaction.locale,
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        await stop_pressed(ours(interaction), self.guild_id, self.slug)


async def stop_pressed(interaction: Interaction, guild_id: int, slug: str) -> None:
    bot = interaction.client
    removed = await subscriptions.unsubscribe(bot.db, guild_id, interaction.user.id, slug)
    guild = bot.get_guild(guild_id)
    campaign = await load_campaign(bot.db, bot.content, guild_id, slug, bot.clock.now())
    key = "reminders.dm.stopped" if removed else "reminders.dm.already_stopped"
    text = t(
        key,
        interaction.locale,
        name=campaign.short_name if campaign else slug,
        server=guild.name if guild else t("reminders.dms.unknown_server", interaction.locale),
    )
    await interaction.response.send_message(text, ephemeral=True)


def has_component(message: discord.Message, custom_id: str) -> bool:
    """Whether one of the message's buttons has this custom id."""
    for row in message.components:
        for child in getattr(row, "children", ()):
            if getattr(child, "custom_id", None) == custom_id:
                return True
    return False
