"""/reminders for every member: subscribe to a bill's reminders by DM, stop, see them, the
calendar.

A top-level group of its own, apart from the organizers' /remind: Discord hides commands
from members only as whole top-level commands, so members see this group and not /remind.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.campaigns.model import Campaign, load_campaigns
from bot.core.i18n import t
from bot.reminders import ics, subscriptions
from bot.reminders import storage as store
from bot.reminders.call_days import call_days
from bot.reminders.texts import campaign_name, subscription_line
from cogs._common.respond import respond
from cogs._common.transformers import BillTransformer
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.reminders.embeds import text_embed
from cogs.reminders.transport import probe_dm

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

Bill = app_commands.Transform[Campaign, BillTransformer]


@app_commands.guild_only()
class Subscriptions(
    commands.GroupCog,
    group_name="reminders",
    group_description=cmd("reminders.members_group.description"),
):
    """/reminders subscribe, unsubscribe, mine and calendar."""

    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        super().__init__()

    async def _reply(self, interaction: Interaction, text: str) -> None:
        await respond(interaction, content=text)

    @app_commands.command(name="subscribe", description=cmd("reminders.subscribe.description"))
    @app_commands.describe(bill=cmd("reminders.subscribe.option_bill"))
    async def subscribe(self, interaction: Interaction, bill: Bill) -> None:
        guild = interaction.guild
        assert guild is not None
        locale = interaction.locale
        now = self.bot.clock.now().isoformat()
        if not await subscriptions.subscribe(
            self.bot.db, guild.id, interaction.user.id, bill.slug, now
        ):
            await self._reply(
                interaction, t("reminders.subscribe.already", locale, name=bill.short_name)
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        reachable = await probe_dm(
            interaction.user,
            t("reminders.subscribe.probe", locale, name=bill.short_name, server=guild.name),
        )
        key = "reminders.subscribe.done" if reachable else "reminders.subscribe.dms_closed"
        await interaction.followup.send(t(key, locale, name=bill.short_name), ephemeral=True)

    @app_commands.command(name="unsubscribe", description=cmd("reminders.unsubscribe.description"))
    @app_commands.describe(bill=cmd("reminders.subscribe.option_bill"))
    async def unsubscribe(self, interaction: Interaction, bill: Bill) -> None:
        assert interaction.guild is not None
        removed = await subscriptions.unsubscribe(
            self.bot.db, interaction.guild.id, interaction.user.id, bill.slug
        )
        key = "reminders.unsubscribe.done" if removed else "reminders.unsubscribe.not_subscribed"
        await self._reply(interaction, t(key, interaction.locale, name=bill.short_name))

    @app_commands.command(name="mine", description=cmd("reminders.mine.description"))
    async def mine(self, interaction: Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        locale = interaction.locale
        slugs = await subscriptions.member_subscriptions(self.bot.db, guild.id, interaction.user.id)
        if not slugs:
            await self._reply(interaction, t("reminders.mine.empty", locale))
            return
        pending = await store.upcoming(self.bot.db, guild.id, limit=200)
        lines = [
            subscription_line(slug, campaign_name(self.bot.content, slug), pending, locale)
            for slug in slugs
        ]
        embed = text_embed(t("reminders.mine.title", locale), lines)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="calendar", description=cmd("reminders.calendar.description"))
    async def calendar(self, interaction: Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        locale = interaction.locale
        now = self.bot.clock.now()
        pending = await store.upcoming(self.bot.db, guild.id, limit=200)
        campaigns = {
            c.slug: c for c in await load_campaigns(self.bot.db, self.bot.content, guild.id, now)
        }
        events = call_days(
            pending, campaigns, now, server_id=guild.id, server_name=guild.name, locale=locale
        )
        if not events:
            await self._reply(interaction, t("reminders.calendar.empty", locale))
            return
        text = ics.calendar(events, now, name=guild.name)
        file = discord.File(io.BytesIO(text.encode("utf-8")), filename="call-days.ics")
        await interaction.response.send_message(
            t("reminders.calendar.done", locale), file=file, ephemeral=True
        )
