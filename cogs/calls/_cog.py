"""/call: the call script and outcome buttons; /call-script, /call-reset-script, /call-stats.

``/call bill:`` is a command of its own (Discord can't run a command that also has
subcommands), so the organizer and tally commands sit beside it as ``/call-…``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.calls.flow import call_card, campaign_in, script_text
from bot.calls.script import default_template, validate_template
from bot.calls.tallies import tallies
from bot.campaigns import storage as campaign_store
from bot.campaigns.model import Campaign
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.privacy.audit import AuditAction
from cogs._common.audit import post_audit
from cogs._common.permissions import check_organizer, organizer_only
from cogs._common.transformers import BillTransformer
from cogs._common.translator import cmd
from cogs._common.tree import report_component_error
from cogs._common.types import Interaction
from cogs.calls.buttons import register_call_buttons
from cogs.calls.card import call_card_message
from cogs.calls.embeds import call_embed, stats_embed
from cogs.calls.script_editor import ScriptModal, submitted_script, submitted_slug

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

Bill = app_commands.Transform[Campaign, BillTransformer]


class Calls(commands.Cog):
    def __init__(self, bot: AdvocacyBot) -> None:
        self.bot = bot

    @app_commands.command(name="call", description=cmd("calls.call.description"))
    @app_commands.describe(bill=cmd("calls.call.option_bill"))
    @app_commands.guild_only()
    async def call(self, interaction: Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        embed, view = await call_card_message(
            self.bot, interaction.guild_id, interaction.user.id, bill, interaction.locale
        )
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

    @app_commands.command(name="call-script", description=cmd("calls.script.description"))
    @app_commands.describe(bill=cmd("calls.script.option_bill"))
    @app_commands.guild_only()
    @organizer_only
    async def call_script(self, interaction: Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        current = await campaign_store.get_script(self.bot.db, interaction.guild_id, bill.slug)
        template = current or default_template(bill.slug, interaction.locale)
        await interaction.response.send_modal(ScriptModal(bill, template, interaction.locale))

    @commands.Cog.listener()
    async def on_interaction(self, interaction: Interaction) -> None:
        """Save a submitted script editor (see :class:`ScriptModal`)."""
        slug = submitted_slug(interaction)
        if slug is None:
            return
        try:
            await self._save_script(interaction, slug)
        except Exception as error:
            await report_component_error(interaction, error)

    async def _save_script(self, interaction: Interaction, slug: str) -> None:
        await check_organizer(interaction)
        assert interaction.guild_id is not None
        campaign = await campaign_in(self.bot, interaction.guild_id, slug)
        if campaign is None:
            raise UserError("calls.script.gone")
        template = validate_template(submitted_script(interaction) or "")
        await campaign_store.set_script(
            self.bot.db,
            interaction.guild_id,
            campaign.slug,
            template,
            interaction.user.id,
            self.bot.clock.now().isoformat(),
        )
        card = await call_card(self.bot, interaction.guild_id, campaign, interaction.locale)
        await interaction.response.send_message(
            t("calls.script.saved", interaction.locale, short_name=campaign.short_name),
            embed=call_embed(card, interaction.locale),
            ephemeral=True,
        )
        await post_audit(interaction, AuditAction.SCRIPT_SET, campaign.short_name)

    @app_commands.command(
        name="call-reset-script", description=cmd("calls.reset_script.description")
    )
    @app_commands.describe(bill=cmd("calls.reset_script.option_bill"))
    @app_commands.guild_only()
    @organizer_only
    async def call_reset_script(self, interaction: Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        removed = await campaign_store.reset_script(self.bot.db, interaction.guild_id, bill.slug)
        key = "calls.reset_script.done" if removed else "calls.reset_script.nothing"
        text = t(key, interaction.locale, short_name=bill.short_name)
        preview = await script_text(self.bot, interaction.guild_id, bill, interaction.locale)
        await interaction.response.send_message(
            clip(f"{text}\n\n{preview}", MESSAGE_CONTENT), ephemeral=True
        )
        if removed:
            await post_audit(interaction, AuditAction.SCRIPT_RESET, bill.short_name)

    @app_commands.command(name="call-stats", description=cmd("calls.stats.description"))
    @app_commands.describe(bill=cmd("calls.stats.option_bill"))
    @app_commands.guild_only()
    async def call_stats(self, interaction: Interaction, bill: Bill | None = None) -> None:
        assert interaction.guild_id is not None
        found = await tallies(self.bot, interaction.guild_id, interaction.user.id, bill)
        embed = stats_embed(found, bill, interaction.locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: AdvocacyBot) -> None:
    register_call_buttons(bot)
    await bot.add_cog(Calls(bot))
