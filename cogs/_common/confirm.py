"""One Confirm/Cancel view for private confirmations: its author answers it, once, in time."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import discord

from bot.core.i18n import catalog, t
from cogs._common.tree import BotView
from cogs._common.types import Interaction

OnConfirm = Callable[[Interaction], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class ConfirmTexts:
    """The catalog keys of what a confirmation says."""

    confirm: str  # the Confirm button's label
    cancel: str  # the Cancel button's label
    cancelled: str  # the message once Cancel is pressed
    expired: str  # the message once it times out unanswered
    not_yours: str  # the private answer to anyone but its author
    already_answered: str | None = None  # the private answer to a late press; None: silence

    def __post_init__(self) -> None:
        """A missing key fails when the cog loads, not when a member presses a button."""
        keys = (self.confirm, self.cancel, self.cancelled, self.expired, self.not_yours)
        missing = [k for k in (*keys, self.already_answered) if k and k not in catalog()]
        if missing:
            raise KeyError(f"not in the catalog: {', '.join(missing)}")


class ConfirmView(BotView):
    """Confirm runs ``on_confirm`` (which answers the press); Cancel says it was cancelled.

    Only ``author_id`` may press; anyone else is told so privately. The first press wins:
    another one, while Confirm is still running or after either took effect, changes nothing.
    A Confirm that is refused or fails leaves the view usable (the error reaches the user
    through :class:`BotView`). Unanswered after ``timeout`` seconds, the message says it
    expired and loses its buttons. ``custom_ids`` (Confirm's, Cancel's) name the buttons for
    a handler that answers presses after a restart; ``on_close`` runs once, when the view
    stops or expires.
    """

    def __init__(
        self,
        author_id: int,
        texts: ConfirmTexts,
        on_confirm: OnConfirm,
        locale: discord.Locale | str | None,
        *,
        timeout: float,
        style: discord.ButtonStyle = discord.ButtonStyle.success,
        custom_ids: tuple[str, str] | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(timeout=timeout)
        self.author_id = author_id
        self.texts = texts
        self.on_confirm = on_confirm
        self.locale = locale
        self.on_close = on_close
        self.message: discord.InteractionMessage | None = None
        self.done = False  # answered, or Confirm is running
        self.confirm.label = t(texts.confirm, locale)
        self.confirm.style = style
        self.cancel.label = t(texts.cancel, locale)
        if custom_ids is not None:
            self.confirm.custom_id, self.cancel.custom_id = custom_ids

    async def send(
        self, interaction: Interaction, content: str, *, embed: discord.Embed | None = None
    ) -> None:
        """Ask privately, as the first response to ``interaction``."""
        if embed is None:
            await interaction.response.send_message(content, view=self, ephemeral=True)
        else:
            await interaction.response.send_message(content, embed=embed, view=self, ephemeral=True)
        self.message = await interaction.original_response()

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:

        if interaction.user.id != self.author_id:
            await interaction.response.send_message(
                t(self.texts.not_yours, interaction.locale), ephemeral=True
            )
            return False
        return True

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.success)
    async def confirm(self, interaction: Interaction, _: discord.ui.Button[ConfirmView]) -> None:
        if await self._already_answered(interaction):
            return
        self.done = True  # before any await: a second press must not confirm twice
        try:
            await self.on_confirm(interaction)
        except BaseException:
            self.done = False  # refused or failed: nothing was done, the view stays usable
            raise
        self.stop()

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: Interaction, _: discord.ui.Button[ConfirmView]) -> None:
        if await self._already_answered(interaction):
            return
        self.done = True
        self.stop()
        await interaction.response.edit_message(
            content=t(self.texts.cancelled, interaction.locale), embed=None, view=None
        )

    async def _already_answered(self, interaction: Interaction) -> bool:
        """A press after Confirm or Cancel took effect, or while Confirm is running."""
        if not self.done:
            return False
        if self.texts.already_answered is None:
            await interaction.response.defer()  # the first press's answer is on its way
        else:
            await interaction.response.send_message(
                t(self.texts.already_answered, interaction.locale), ephemeral=True
            )
        return True

    def _close(self) -> None:
        close, self.on_close = self.on_close, None
        if close is not None:
            close()

    def stop(self) -> None:
        self._close()
        super().stop()

    async def on_timeout(self) -> None:
        self._close()
        if self.message is not None and not self.done:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(content=t(self.texts.expired, self.locale), view=None)
