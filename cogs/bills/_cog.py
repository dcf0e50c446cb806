"""/bills: the acts as campaigns, their versions across Congresses, and status lines
(organizers keep them current with /bill-tracking: ``tracking.py``).

The cog also keeps the official record of every tracked bill current: when the bot runs
online (a token, and ``BILLSTATUS_URL`` not ``off``) it starts the daily refresh, as the
reps cog starts the weekly one of the members of Congress.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.calls.stats import server_zone
from bot.campaigns import storage as store
from bot.campaigns.model import BillVersion, Campaign, load_campaigns
from bot.campaigns.on_record import VersionRecord, version_record
from bot.campaigns.record.fetch import billstatus_base
from bot.campaigns.record.refresh import auto_fetch_enabled, refresh_forever
from cogs._common.transformers import Bill
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.bills.embeds import info_embed, list_embed, status_lines
from cogs.bills.tracking import BillTracking

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

HISTORY_SHOWN = 8


@app_commands.guild_only()
class Bills(
    commands.GroupCog, group_name="bills", group_description=cmd("bills.group.description")
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        self.refresher: asyncio.Task[None] | None = None
        super().__init__()

    async def cog_load(self) -> None:
        base = billstatus_base(self.bot.settings)
        if base is not None and auto_fetch_enabled(self.bot.settings):
            self.refresher = asyncio.create_task(
                refresh_forever(self.bot.db, self.bot.clock, self.bot.content, base),
                name="bill-records-refresh",
            )

    async def cog_unload(self) -> None:
        if self.refresher is not None:
            self.refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.refresher

    async def _campaigns(self, guild_id: int) -> list[Campaign]:
        return await load_campaigns(self.bot.db, self.bot.content, guild_id, self.bot.clock.now())

    async def _records(
        self, campaign: Campaign, versions: Iterable[BillVersion]
    ) -> dict[BillVersion, VersionRecord]:
        return {v: await version_record(self.bot.db, campaign, v) for v in versions}

    # ------------------------------------------------------------------ members

    @app_commands.command(name="list", description=cmd("bills.list.description"))
    async def list_(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        campaigns = await self._campaigns(interaction.guild_id)
        records: dict[BillVersion, VersionRecord] = {}
        for c in campaigns:
            records |= await self._records(c, c.current_versions)
        embed = list_embed(campaigns, records, interaction.locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="info", description=cmd("bills.info.description"))
    @app_commands.describe(bill=cmd("bills.info.option_bill"))
    async def info(self, interaction: Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        db, guild_id = self.bot.db, interaction.guild_id
        zone = await server_zone(db, guild_id, self.bot.settings.default_timezone)
        history = await store.status_history(db, guild_id, bill.slug, HISTORY_SHOWN)
        status = status_lines(history, zone, interaction.locale)
        records = await self._records(bill, bill.current_versions)
        embed = info_embed(bill, status, records, self.bot.clock.now(), interaction.locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: AdvocacyClient) -> None:
    await bot.add_cog(Bills(bot))
    await bot.add_cog(BillTracking(bot))
