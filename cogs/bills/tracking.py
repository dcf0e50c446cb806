"""/bill-tracking: organizers add an act's new numbers, choose the current one, post status.

A top-level group of its own (not under /bills) so that Discord hides it from members:
Discord's default member permissions apply to whole top-level commands only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.campaigns.versions import post_status, set_current_version
from bot.core.i18n import t
from bot.privacy.audit import AuditAction
from cogs._common.audit import post_audit
from cogs._common.permissions import organizer_default, organizer_only
from cogs._common.transformers import Bill
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.bills.adding import add_version_checked
from cogs.bills.embeds import expiry_note

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


@app_commands.guild_only()
@organizer_default
class BillTracking(
    commands.GroupCog,
    group_name="bill-tracking",
    group_description=cmd("bills.tracking_group.description"),
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        super().__init__()

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
