"""/bills: the acts as campaigns, their versions across Congresses, and status lines.

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
from bot.campaigns.versions import post_status, set_current_version
from bot.core.i18n import t
from bot.privacy.audit import AuditAction
from cogs._common.audit import post_audit
from cogs._common.permissions import organizer_only
from cogs._common.transformers import Bill
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.bills.adding import add_version_checked
from cogs.bills.embeds import expiry_note, info_embed, list_embed, status_lines

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

    # --------------------------------------------------------------- organizers

    @app_commands.command(name="add-version", description=cmd("bills.add_version.description"))
    @app_commands.describe(
        bill=cmd("bills.add_version.option_bill"),
        number=cmd("bills.add_version.option_number"),
        congress=cmd("bills.add_version.option_congress"),
        current=cmd("bills.add_version.option_current"),
    )
    @organizer_only
    async def add_version(
        self,
        interaction: Interaction,
        bill: Bill,
        number: app_commands.Range[str, 1, 40],
        congress: app_commands.Range[int, 1, 999],
        current: bool | None = None,
    ) -> None:
        await add_version_checked(interaction, bill, number, congress, current)

    @app_commands.command(name="set-current", description=cmd("bills.set_current.description"))
    @app_commands.describe(
        bill=cmd("bills.set_current.option_bill"),
        number=cmd("bills.set_current.option_number"),
        congress=cmd("bills.set_current.option_congress"),
    )
    @organizer_only
    async def set_current(
        self,
        interaction: Interaction,
        bill: Bill,
        number: app_commands.Range[str, 1, 40],
        congress: app_commands.Range[int, 1, 999] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        locale, now = interaction.locale, self.bot.clock.now()
        v = await set_current_version(
            self.bot.db,
            interaction.guild_id,
            bill,
            number,
            congress,
            actor=interaction.user.id,
            now=now,
        )
        text = t(
            "bills.set_current.done",
            locale,
            label=v.label,
            congress=v.congress_label,
            chamber=t(v.chamber.catalog_key, locale),
            short_name=bill.short_name,
        )
        text += expiry_note(self.bot.content, v.congress, now, locale)
        await interaction.response.send_message(text, ephemeral=True)
        await post_audit(interaction, AuditAction.VERSION_CURRENT, bill.short_name, v.label)

    @app_commands.command(name="set-status", description=cmd("bills.set_status.description"))
    @app_commands.describe(
        bill=cmd("bills.set_status.option_bill"), text=cmd("bills.set_status.option_text")
    )
    @organizer_only
    async def set_status(self, interaction: Interaction, bill: Bill, text: str) -> None:
        assert interaction.guild_id is not None
        line = await post_status(
            self.bot.db,
            interaction.guild_id,
            bill,
            text,
            actor=interaction.user.id,
            now=self.bot.clock.now(),
        )
        await interaction.response.send_message(
            t("bills.set_status.done", interaction.locale, short_name=bill.short_name, text=line),
            ephemeral=True,
        )
        await post_audit(interaction, AuditAction.STATUS_POSTED, bill.short_name, line)


async def setup(bot: AdvocacyClient) -> None:
    await bot.add_cog(Bills(bot))
