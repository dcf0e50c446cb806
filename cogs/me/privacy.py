"""/me privacy and /me forget: what the bot keeps, whether a member may be named, deleting it."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.i18n import t
from bot.core.limits import EMBED_FIELD_VALUE, clip
from bot.privacy.explain import Explanation, explain, kind_name
from bot.privacy.members import day_of, seen
from bot.privacy.registry import forget_member, member_data_kinds, member_inventory
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


def explanation_embed(found: Explanation) -> discord.Embed:
    embed = discord.Embed(title=found.title, description=found.intro)
    for name, value in found.fields:
        embed.add_field(name=name, value=clip(value, EMBED_FIELD_VALUE), inline=False)
    embed.set_footer(text=found.footer)
    return embed


@me.command(name="privacy", description=cmd("privacy.show.description"))
@app_commands.describe(show=cmd("privacy.show.option_show"))
async def privacy(interaction: Interaction, show: bool | None = None) -> None:
    """Without ``show``: what the bot keeps about the member and their naming choice."""
    assert interaction.guild_id is not None
    bot, guild_id, user_id = interaction.client, interaction.guild_id, interaction.user.id
    now_iso = bot.clock.now().isoformat()
    if show is not None:
        await set_show_name(bot.db, guild_id, user_id, show, now_iso)
        key = "privacy.show.on" if show else "privacy.show.off"
        await interaction.response.send_message(t(key, interaction.locale), ephemeral=True)
        return
    await seen(bot.db, guild_id, user_id, day_of(now_iso))
    current = await get_show_name(bot.db, guild_id, user_id)
    inventory = await member_inventory(bot.db, guild_id, user_id)
    found = explain(inventory, bot.settings.retention_days, interaction.locale)
    key = "privacy.show.is_on" if current else "privacy.show.is_off"
    await interaction.response.send_message(
        t(key, interaction.locale), embed=explanation_embed(found), ephemeral=True
    )


@me.command(name="forget", description=cmd("privacy.forget.description"))
async def forget(interaction: Interaction) -> None:
    view = ForgetConfirm(interaction.user.id, interaction.locale)
    kinds = "; ".join(kind_name(k.key, interaction.locale) for k in member_data_kinds())
    await interaction.response.send_message(
        t("privacy.forget.confirm", interaction.locale, kinds=kinds), view=view, ephemeral=True
    )
    view.message = await interaction.original_response()
