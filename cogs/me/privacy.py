"""/me privacy and /me forget: whether a member may be named, and deleting their data."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.i18n import catalog, t
from bot.privacy.registry import forget_member, member_data_kinds
from bot.privacy.storage import get_show_name, set_show_name
from cogs._common.confirm import ConfirmTexts, ConfirmView
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.me._group import me

CONFIRM_SECONDS = 120
FORGET_TEXTS = ConfirmTexts(
    confirm="privacy.forget.confirm_button",
    cancel="privacy.forget.cancel_button",
    cancelled="privacy.forget.cancelled",
    expired="privacy.forget.expired",
    not_yours="privacy.forget.not_yours",
)


def kind_name(key: str, locale: discord.Locale | str | None) -> str:
    """The catalog's name for a kind of member data (its key, readable, if it has none)."""
    full = f"privacy.kinds.{key}"
    return t(full, locale) if full in catalog() else key.replace("_", " ")


def forget_report(deleted: dict[str, int], locale: discord.Locale | str | None) -> str:
    lines = [
        t("privacy.forget.done_line", locale, kind=kind_name(key, locale), count=count)
        for key, count in deleted.items()
        if count
    ]
    if not lines:
        return t("privacy.forget.nothing", locale)
    return "\n".join([t("privacy.forget.done_title", locale), *lines])


class ForgetConfirm(ConfirmView):
    """Yes / Cancel for /me forget; only the member who asked can answer."""

    def __init__(self, user_id: int, locale: discord.Locale | str | None) -> None:
        super().__init__(
            user_id,
            FORGET_TEXTS,
            self._forget,
            locale,
            timeout=CONFIRM_SECONDS,
            style=discord.ButtonStyle.danger,
        )

    @staticmethod
    async def _forget(interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        deleted = await forget_member(
            interaction.client.db, interaction.guild_id, interaction.user.id
        )
        await interaction.response.edit_message(
            content=forget_report(deleted, interaction.locale), view=None
        )


@me.command(name="privacy", description=cmd("privacy.show.description"))
@app_commands.describe(show=cmd("privacy.show.option_show"))
async def privacy(interaction: discord.Interaction, show: bool | None = None) -> None:
    assert interaction.guild_id is not None
    bot = interaction.client
    if show is None:
        current = await get_show_name(bot.db, interaction.guild_id, interaction.user.id)  # type: ignore[attr-defined]
        key = "privacy.show.is_on" if current else "privacy.show.is_off"
    else:
        await set_show_name(
            bot.db,  # type: ignore[attr-defined]
            interaction.guild_id,
            interaction.user.id,
            show,
            bot.clock.now().isoformat(),  # type: ignore[attr-defined]
        )
        key = "privacy.show.on" if show else "privacy.show.off"
    await interaction.response.send_message(t(key, interaction.locale), ephemeral=True)


@me.command(name="forget", description=cmd("privacy.forget.description"))
async def forget(interaction: discord.Interaction) -> None:
    view = ForgetConfirm(interaction.user.id, interaction.locale)
    kinds = "; ".join(kind_name(k.key, interaction.locale) for k in member_data_kinds())
    await interaction.response.send_message(
        t("privacy.forget.confirm", interaction.locale, kinds=kinds), view=view, ephemeral=True
    )
    view.message = await interaction.original_response()
