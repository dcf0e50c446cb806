"""/setup: organizers configure the server (organizer role, time zone, log channel,
language).

``/setup show`` also marks the first-day checklist's progress and lists what organizers
should fix in the campaigns (to-dos from ``bot.campaigns.warnings``): acts whose numbers
have all expired, numbers the official record doesn't have or that name another act.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.campaigns.model import load_campaigns
from bot.campaigns.warnings import campaign_warnings, warning_text
from bot.core.guild_settings import get_guild_settings, update_guild_settings
from bot.core.i18n import t
from bot.core.language import known_locale, language_name
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.core.markdown import escape_markdown
from bot.core.timezones import resolve_timezone, suggest_timezones, zone_name_key
from cogs._common.permissions import organizer_default, organizer_only, organizers_only_autocomplete
from cogs._common.translator import cmd
from cogs._common.types import Interaction, Locale
from cogs.setup.checklist import checklist_lines, progress
from cogs.setup.language import LanguageSetting
from cogs.setup.welcome import Welcome

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


@app_commands.guild_only()
@organizer_default
class Setup(
    LanguageSetting,
    commands.GroupCog,
    group_name="setup",
    group_description=cmd("setup.group.description"),
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        super().__init__()

    async def _save(self, interaction: Interaction, **values: object) -> None:
        assert interaction.guild is not None
        await update_guild_settings(
            self.bot.db, interaction.guild.id, self.bot.clock.now().isoformat(), **values
        )

    @app_commands.command(
        name="organizer-role", description=cmd("setup.organizer_role.description")
    )
    @app_commands.describe(role=cmd("setup.organizer_role.option_role"))
    @organizer_only
    async def organizer_role(
        self, interaction: Interaction, role: discord.Role | None = None
    ) -> None:
        if role is not None and role.is_default():
            await interaction.response.send_message(
                t("setup.organizer_role.everyone", interaction.locale), ephemeral=True
            )
            return
        await self._save(interaction, organizer_role_id=role.id if role else None)
        key = "setup.organizer_role.set" if role else "setup.organizer_role.cleared"
        await interaction.response.send_message(
            t(key, interaction.locale, role=role.mention if role else ""), ephemeral=True
        )

    @app_commands.command(name="timezone", description=cmd("setup.timezone.description"))
    @app_commands.describe(name=cmd("setup.timezone.option_name"))
    @organizer_only
    async def timezone(self, interaction: Interaction, name: str) -> None:
        zone = resolve_timezone(name)
        await self._save(interaction, timezone=zone.key)
        typed = " ".join(name.split())
        if typed.lower().replace(" ", "_") == zone.key.lower():
            text = t("setup.timezone.set", interaction.locale, zone=zone.key)
        else:  # "Pacific", "EST": the IANA name it stands for, shown back
            text = t(
                "setup.timezone.set_from",
                interaction.locale,
                typed=escape_markdown(typed[:100]),
                zone=zone.key,
            )
        await interaction.response.send_message(text, ephemeral=True)

    @timezone.autocomplete("name")
    @organizers_only_autocomplete
    async def timezone_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=zone_choice_name(z, interaction.locale), value=z)
            for z in suggest_timezones(current)
        ]

    @app_commands.command(name="log-channel", description=cmd("setup.log_channel.description"))
    @app_commands.describe(channel=cmd("setup.log_channel.option_channel"))
    @organizer_only
    async def log_channel(
        self, interaction: Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        if channel is not None and not channel.permissions_for(channel.guild.me).send_messages:
            await interaction.response.send_message(
                t("setup.log_channel.cannot_post", interaction.locale, channel=channel.mention),
                ephemeral=True,
            )
            return
        await self._save(interaction, log_channel_id=channel.id if channel else None)
        key = "setup.log_channel.set" if channel else "setup.log_channel.cleared"
        await interaction.response.send_message(
            t(key, interaction.locale, channel=channel.mention if channel else ""), ephemeral=True
        )

    @app_commands.command(name="show", description=cmd("setup.show.description"))
    @organizer_only
    async def show(self, interaction: Interaction) -> None:
        assert interaction.guild is not None
        locale, db, now = interaction.locale, self.bot.db, self.bot.clock.now()
        s = await get_guild_settings(db, interaction.guild.id)
        none = t("setup.show.not_set", locale)
        done = await progress(db, interaction.guild.id, s)
        lines = [
            t(
                "setup.show.text",
                locale,
                role=f"<@&{s.organizer_role_id}>" if s.organizer_role_id else none,
                zone=s.timezone or f"{self.bot.settings.default_timezone} ({none})",
                channel=f"<#{s.log_channel_id}>" if s.log_channel_id else none,
                language=language_name(known_locale(s.language)),
            ),
            "",
            t("setup.checklist.heading", locale, done=len(done.done), total=len(done.steps)),
            *checklist_lines(done, locale),
        ]
        if done.complete:
            lines.append(t("setup.checklist.all_done", locale))
        campaigns = await load_campaigns(db, self.bot.content, interaction.guild.id, now)
        todo = [f"• {warning_text(w, locale)}" for w in await campaign_warnings(db, campaigns, now)]
        lines += ["", t("setup.show.todo_title", locale)]
        lines += todo or [t("setup.show.todo_none", locale)]
        text = "\n".join(lines)
        await interaction.response.send_message(clip(text, MESSAGE_CONTENT), ephemeral=True)


def zone_choice_name(zone: str, locale: Locale) -> str:
    """ "America/Los_Angeles — Pacific time (PT)" for the US zones, else the IANA name."""
    key = zone_name_key(zone)
    return f"{zone} — {t(key, locale)}"[:100] if key else zone


async def setup(bot: AdvocacyClient) -> None:
    await bot.add_cog(Setup(bot))
    await bot.add_cog(Welcome(bot))
