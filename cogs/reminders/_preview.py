"""The private preview of /remind create: Confirm saves the reminder; presses after a restart."""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.campaigns.model import Campaign
from bot.campaigns.warnings import campaign_warnings, warning_text
from bot.core.database import Database
from bot.core.errors import UserError
from bot.core.i18n import Locale, t
from bot.core.limits import EMBED_FIELD_VALUE, clip
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.planning import Draft, save
from bot.reminders.timeparse import discord_time
from cogs._common.confirm import ConfirmTexts, ConfirmView, OnConfirm
from cogs._common.types import Interaction
from cogs.reminders.events import create_event

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

PREVIEW_SECONDS = 600
PREVIEW_TEXTS = ConfirmTexts(
    confirm="reminders.create.confirm",
    cancel="reminders.create.cancel",
    cancelled="reminders.create.discarded",
    expired="reminders.create.expired",
    not_yours="reminders.create.not_yours",
    already_answered="reminders.create.already_answered",
)


def preview_view(
    author_id: int, on_confirm: OnConfirm, locale: discord.Locale | None, live: set[str]
) -> ConfirmView:
    """Confirm/Cancel under a preview. Its token is in ``live`` while this process can answer
    it; the buttons carry the token, so :class:`StalePreviewButton` knows the others."""
    token = secrets.token_hex(8)
    live.add(token)
    return ConfirmView(
        author_id,
        PREVIEW_TEXTS,
        on_confirm,
        locale,
        timeout=PREVIEW_SECONDS,
        custom_ids=(f"remind:preview:confirm:{token}", f"remind:preview:cancel:{token}"),
        on_close=lambda: live.discard(token),
    )


async def add_warnings(
    embed: discord.Embed, db: Database, campaign: Campaign, now: datetime, locale: Locale
) -> None:
    """Say on the preview, before Confirm, what is wrong with the bill's numbers (all
    expired, not found in the record...), so the organizer can fix it first."""
    warnings = await campaign_warnings(db, [campaign], now)
    if warnings:
        lines = "\n".join(f"⚠️ {warning_text(w, locale)}" for w in warnings)
        embed.add_field(
            name=t("reminders.preview.warnings", locale),
            value=clip(lines, EMBED_FIELD_VALUE),
            inline=False,
        )


async def save_confirmed(
    bot: AdvocacyClient,
    dispatcher: Dispatcher,
    interaction: Interaction,
    draft: Draft,
    bill: Campaign,
) -> None:
    """Confirm on the preview: store the reminder (and its event), say when it goes out."""
    now = bot.clock.now()
    if draft.first_due <= now:
        raise UserError("reminders.when.past", when=discord_time(draft.first_due))
    guild = interaction.guild
    assert guild is not None
    event_id: int | None = None
    event_error: str | None = None
    if draft.event:
        # Creating the event is a Discord request of its own: acknowledge the press first
        # so a slow answer can't run past Discord's three seconds for a reply.
        await interaction.response.defer()
        channel = guild.get_channel_or_thread(draft.channel_id)
        try:
            created = await create_event(
                guild, bill.short_name, draft.first_due, channel.name if channel else ""
            )
            event_id = created.id
        except discord.HTTPException as exc:
            event_error = exc.text or str(exc.status)
    reminder_id = await save(bot.db, draft, now, event_id)
    dispatcher.wake(draft.first_due.timestamp())
    key = "reminders.create.saved"
    if draft.event:
        key = "reminders.create.event_failed" if event_error else "reminders.create.saved_event"
    text = t(
        key,
        interaction.locale,
        id=reminder_id,
        when=discord_time(draft.first_due, "F"),
        relative=discord_time(draft.first_due, "R"),
        channel=f"<#{draft.channel_id}>",
        reason=clip(event_error or "", 200),
    )
    if interaction.response.is_done():
        await interaction.edit_original_response(content=text, view=None)
    else:
        await interaction.response.edit_message(content=text, view=None)


class StalePreviewButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"remind:preview:(?:confirm|cancel):(?P<token>[0-9a-f]+)",
):
    """Confirm or Cancel on a preview the bot no longer holds (it restarted): say it expired
    instead of leaving the organizer with "The application did not respond"."""

    def __init__(self, token: str) -> None:
        super().__init__(discord.ui.Button(label="…", custom_id=f"remind:preview:confirm:{token}"))
        self.token = token

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[discord.ui.View],
        match: re.Match[str],
        /,
    ) -> StalePreviewButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot = interaction.client
        cog = bot.get_cog("Reminders") if isinstance(bot, commands.Bot) else None
        if self.token in getattr(cog, "live_previews", ()):
            return  # the live preview answers this press itself
        await interaction.response.edit_message(
            content=t("reminders.create.expired", interaction.locale), embed=None, view=None
        )
