"""/dm-reminders, in a DM with the bot: every reminder a member gets by DM, from every server,
and a way to stop any or all of them. The menu and the button work after restarts too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.campaigns.model import load_campaign
from bot.core.formatting import plural
from bot.core.i18n import Locale, t
from bot.core.limits import BUTTON_LABEL, CHOICE_NAME, EMBED_DESCRIPTION, clip
from bot.reminders import subscriptions
from bot.reminders.texts import subscription_choice
from cogs._common.translator import cmd
from cogs._common.types import Interaction, ours
from cogs.calls.routing import SLUG

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

MENU_OPTIONS = 25  # Discord's most in one menu; "Stop all" covers the rest
STOP_CHOSEN = "remind:dms:stop"
STOP_ALL = "remind:dms:stop-all"
_VALUE = re.compile(rf"^(?P<guild>[0-9]{{1,20}}):(?P<slug>{SLUG})$")


async def _rows(bot: AdvocacyClient, user_id: int, locale: Locale | None) -> list[tuple[str, str]]:
    """(menu value ``guild:slug``, label ``Server · Campaign``) of each subscription."""
    out = []
    now = bot.clock.now()
    for guild_id, slug in await subscriptions.everywhere(bot.db, user_id):
        guild = bot.get_guild(guild_id)
        server = guild.name if guild else t("reminders.dms.unknown_server", locale)
        campaign = await load_campaign(bot.db, bot.content, guild_id, slug, now)
        out.append(
            (
                f"{guild_id}:{slug}",
                subscription_choice(server, campaign.short_name if campaign else slug),
            )
        )
    return out


async def dm_list_message(
    bot: AdvocacyClient, user_id: int, locale: Locale | None, note: str | None = None
) -> tuple[discord.Embed, discord.ui.View | None]:
    """The member's list, with the menu and the button to stop them (none when empty)."""
    rows = await _rows(bot, user_id, locale)
    lines = [note] if note else []
    if not rows:
        lines.append(t("reminders.dms.empty", locale))
        embed = discord.Embed(title=t("reminders.dms.title", locale), description="\n".join(lines))
        return embed, None
    lines += [t("reminders.dms.line", locale, subscription=label) for _, label in rows]
    embed = discord.Embed(
        title=t("reminders.dms.title", locale),
        description=clip("\n".join(lines), EMBED_DESCRIPTION),
    )
    view = discord.ui.View(timeout=None)
    view.add_item(StopChosenMenu(rows[:MENU_OPTIONS], locale))
    view.add_item(StopAllButton(locale))
    return embed, view


class StopChosenMenu(
    discord.ui.DynamicItem[discord.ui.Select[discord.ui.View]], template=STOP_CHOSEN
):
    """Stops the subscriptions chosen in the menu."""

    def __init__(
        self, rows: list[tuple[str, str]] | None = None, locale: Locale | None = None
    ) -> None:
        options = [
            discord.SelectOption(label=clip(label, CHOICE_NAME), value=value)
            for value, label in rows or [("0:x", "-")]
        ]
        super().__init__(
            discord.ui.Select(
                custom_id=STOP_CHOSEN,
                placeholder=clip(t("reminders.dms.choose", locale), CHOICE_NAME),
                min_values=1,
                max_values=len(options),
                options=options,
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StopChosenMenu:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        chosen = cast("dict[str, Any]", interaction.data or {}).get("values") or []
        pairs = [(int(m["guild"]), m["slug"]) for v in chosen if (m := _VALUE.match(str(v)))]
        await _stop(ours(interaction), pairs)


class StopAllButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=STOP_ALL):
    """Stops every subscription of the member, in every server."""

    def __init__(self, locale: Locale | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(t("reminders.dms.stop_all", locale), BUTTON_LABEL),
                style=discord.ButtonStyle.danger,
                custom_id=STOP_ALL,
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StopAllButton:
        return cls(interaction.locale)

    async def callback(self, interaction: discord.Interaction) -> None:
        bot = ours(interaction).client
        await _stop(ours(interaction), await subscriptions.everywhere(bot.db, interaction.user.id))


async def _stop(interaction: Interaction, pairs: list[tuple[int, str]]) -> None:
    bot, locale = interaction.client, interaction.locale
    stopped = 0
    for guild_id, slug in pairs:
        stopped += await subscriptions.unsubscribe(bot.db, guild_id, interaction.user.id, slug)
    note = plural("reminders.dms.stopped", stopped, locale)
    embed, view = await dm_list_message(bot, interaction.user.id, locale, note)
    if view is None:
        await interaction.response.edit_message(embed=embed, view=None)
    else:
        await interaction.response.edit_message(embed=embed, view=view)


class DmReminders(commands.Cog):
    """The one reminders command for a DM with the bot."""

    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot

    @app_commands.command(name="dm-reminders", description=cmd("reminders.dms.description"))
    @app_commands.allowed_contexts(guilds=False, dms=True, private_channels=False)
    @app_commands.allowed_installs(guilds=True, users=False)
    async def dm_reminders(self, interaction: Interaction) -> None:
        embed, view = await dm_list_message(self.bot, interaction.user.id, interaction.locale)
        if view is None:
            await interaction.response.send_message(embed=embed, ephemeral=True)
        else:
            await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
