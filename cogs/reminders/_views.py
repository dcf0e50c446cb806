"""The private Confirm/Cancel preview of /remind create."""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.core.i18n import t
from bot.reminders.planning import Draft
from cogs._common.tree import BotView

OnConfirm = Callable[[discord.Interaction, Draft, Any], Awaitable[None]]


class ConfirmCreate(BotView):
    """Confirm stores the draft; Cancel discards it. Only its author can press them."""

    def __init__(
        self,
        author_id: int,
        draft: Draft,
        campaign: Any,
        on_confirm: OnConfirm,
        locale: discord.Locale | None,
        live: set[str] | None = None,
    ) -> None:
        super().__init__(timeout=600)
        # Known custom ids, so a press after a restart gets an answer (StalePreviewButton).
        self.token = secrets.token_hex(8)
        self.live = live if live is not None else set()
        self.live.add(self.token)
        self.confirm.custom_id = f"remind:preview:confirm:{self.token}"
        self.cancel.custom_id = f"remind:preview:cancel:{self.token}"
        self.author_id = author_id
        self.draft = draft
        self.campaign = campaign
        self.on_confirm = on_confirm
        self.message: discord.InteractionMessage | None = None
        self.done = False
        self.confirm.label = t("reminders.create.confirm", locale)
        self.cancel.label = t("reminders.create.cancel", locale)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.author_id:
            await interaction.response.send_message(
                t("reminders.create.not_yours", interaction.locale), ephemeral=True
            )
            return False
        return True

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.success)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        if await self._already_answered(interaction):
            return
        self.done = True  # before any await: a second press must not save a second reminder
        try:
            await self.on_confirm(interaction, self.draft, self.campaign)
        except BaseException:
            self.done = False  # refused or failed: nothing was saved, the preview stays usable
            raise
        self.stop()

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        if await self._already_answered(interaction):
            return
        self.done = True
        self.stop()
        await interaction.response.edit_message(
            content=t("reminders.create.discarded", interaction.locale), embed=None, view=None
        )

    async def _already_answered(self, interaction: discord.Interaction) -> bool:
        """A press after Confirm or Cancel took effect (or while Confirm is saving)."""
        if not self.done:
            return False
        await interaction.response.send_message(
            t("reminders.create.already_answered", interaction.locale), ephemeral=True
        )
        return True

    def stop(self) -> None:
        self.live.discard(self.token)
        super().stop()

    async def on_timeout(self) -> None:
        self.live.discard(self.token)
        if self.message is not None and not self.done:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(content=t("reminders.create.expired"), view=None)


class StalePreviewButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"remind:preview:(?:confirm|cancel):(?P<token>[0-9a-f]+)",
):
    """Confirm or Cancel on a preview the bot no longer holds (it restarted): say it expired
    instead of leaving the organizer with "The application did not respond"."""

    def __init__(self, token: str) -> None:
        super().__init__(discord.ui.Button(label="…", custom_id=f"remind:preview:confirm:{token}"))
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> StalePreviewButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        cog = interaction.client.get_cog("Reminders")  # type: ignore[attr-defined]
        if cog is not None and self.token in getattr(cog, "live_previews", ()):
            return  # the live preview answers this press itself
        await interaction.response.edit_message(
            content=t("reminders.create.expired", interaction.locale), embed=None, view=None
        )
