"""/call: the call script and outcome buttons; /call-script, /call-reset-script, /call-stats.

``/call bill:`` is a command of its own (Discord can't run a command that also has
subcommands), so the organizer and tally commands sit beside it as ``/call-…``. Each act
has three scripts an organizer can edit (``variant:``): the general one, and one each for
offices that cosponsor and that don't.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.calls.flow import call_card, campaign_in, script_text
from bot.calls.office_scripts import template_for
from bot.calls.script import default_template, render_example, validate_template
from bot.calls.standing import ScriptVariant
from bot.calls.tallies import tallies
from bot.campaigns import storage as campaign_store
from bot.campaigns.model import Campaign
from bot.core.errors import UserError
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.privacy.audit import AuditAction
from cogs._common.audit import post_audit
from cogs._common.permissions import (
    check_organizer,
    is_organizer,
    organizer_default,
    organizer_only,
)
from cogs._common.transformers import BillTransformer
from cogs._common.translator import cmd
from cogs._common.tree import report_component_error
from cogs._common.types import Interaction
from cogs.calls.buttons import register_call_buttons
from cogs.calls.card import call_card_message
from cogs.calls.embeds import call_embed, stats_embed
from cogs.calls.script_editor import ScriptModal, submitted_script, submitted_target

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

Bill = app_commands.Transform[Campaign, BillTransformer]
VARIANT_CHOICES = [
    app_commands.Choice(name=cmd(v.catalog_key), value=v.value) for v in ScriptVariant
]


def _variant(choice: app_commands.Choice[str] | None) -> ScriptVariant:
    return ScriptVariant.GENERAL if choice is None else ScriptVariant(choice.value)


class Calls(commands.Cog):
    def __init__(self, bot: AdvocacyClient) -> None:
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
    @app_commands.describe(
        bill=cmd("calls.script.option_bill"), variant=cmd("calls.script.option_variant")
    )
    @app_commands.choices(variant=VARIANT_CHOICES)
    @app_commands.guild_only()
    @organizer_default
    @organizer_only
    async def call_script(
        self,
        interaction: Interaction,
        bill: Bill,
        variant: app_commands.Choice[str] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        db, guild_id, which = self.bot.db, interaction.guild_id, _variant(variant)
        if which is ScriptVariant.GENERAL:
            current = await campaign_store.get_script(db, guild_id, bill.slug)
        else:
            current = await campaign_store.get_script_variant(db, guild_id, bill.slug, which.value)
        template = current or default_template(bill.slug, interaction.locale, which)
        modal = ScriptModal(bill, template, interaction.locale, which)
        await interaction.response.send_modal(modal)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: Interaction) -> None:
        """Save a submitted script editor (see :class:`ScriptModal`)."""
        target = submitted_target(interaction)
        if target is None:
            return
        try:
            await self._save_script(interaction, *target)
        except Exception as error:
            await report_component_error(interaction, error)

    async def _save_script(
        self, interaction: Interaction, slug: str, variant: ScriptVariant
    ) -> None:
        await check_organizer(interaction)
        assert interaction.guild_id is not None
        db, guild_id, locale = self.bot.db, interaction.guild_id, interaction.locale
        campaign = await campaign_in(self.bot, guild_id, slug)
        if campaign is None:
            raise UserError("calls.script.gone")
        template = validate_template(submitted_script(interaction) or "", variant)
        now, actor = self.bot.clock.now().isoformat(), interaction.user.id
        if variant is ScriptVariant.GENERAL:
            await campaign_store.set_script(db, guild_id, campaign.slug, template, actor, now)
            text = t("calls.script.saved", locale, short_name=campaign.short_name)
            card = await call_card(self.bot, guild_id, campaign, locale)
        else:
            await campaign_store.set_script_variant(
                db, guild_id, campaign.slug, variant.value, template, actor, now
            )
            text = t(
                "calls.script.saved_variant",
                locale,
                short_name=campaign.short_name,
                variant=t(variant.catalog_key, locale),
            )
            example = render_example(template, campaign, locale, variant)
            card = dataclasses.replace(
                await call_card(self.bot, guild_id, campaign, locale), script=example
            )
        await interaction.response.send_message(
            text, embed=call_embed(card, locale), ephemeral=True
        )
        which = t(variant.catalog_key, interaction.guild_locale)
        await post_audit(interaction, AuditAction.SCRIPT_SET, campaign.short_name, which)

    @app_commands.command(
        name="call-reset-script", description=cmd("calls.reset_script.description")
    )
    @app_commands.describe(
        bill=cmd("calls.reset_script.option_bill"), variant=cmd("calls.script.option_variant")
    )
    @app_commands.choices(variant=VARIANT_CHOICES)
    @app_commands.guild_only()
    @organizer_default
    @organizer_only
    async def call_reset_script(
        self,
        interaction: Interaction,
        bill: Bill,
        variant: app_commands.Choice[str] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        db, guild_id, locale = self.bot.db, interaction.guild_id, interaction.locale
        which = _variant(variant)
        if which is ScriptVariant.GENERAL:
            removed = await campaign_store.reset_script(db, guild_id, bill.slug)
            preview = await script_text(self.bot, guild_id, bill, locale)
        else:
            removed = await campaign_store.reset_script_variant(
                db, guild_id, bill.slug, which.value
            )
            template = await template_for(self.bot, guild_id, bill.slug, which, locale)
            preview = render_example(template, bill, locale, which)
        key = "calls.reset_script." + ("done" if removed else "nothing")
        if which is not ScriptVariant.GENERAL:
            key += "_variant"
        text = t(key, locale, short_name=bill.short_name, variant=t(which.catalog_key, locale))
        await interaction.response.send_message(
            clip(f"{text}\n\n{preview}", MESSAGE_CONTENT), ephemeral=True
        )
        if removed:
            label = t(which.catalog_key, interaction.guild_locale)
            await post_audit(interaction, AuditAction.SCRIPT_RESET, bill.short_name, label)

    @app_commands.command(name="call-stats", description=cmd("calls.stats.description"))
    @app_commands.describe(bill=cmd("calls.stats.option_bill"))
    @app_commands.guild_only()
    async def call_stats(self, interaction: Interaction, bill: Bill | None = None) -> None:
        assert interaction.guild_id is not None
        found = await tallies(self.bot, interaction.guild_id, interaction.user.id, bill)
        settings = await get_guild_settings(self.bot.db, interaction.guild_id)
        organizer = isinstance(interaction.user, discord.Member) and is_organizer(
            interaction.user, settings.organizer_role_id
        )
        embed = stats_embed(found, bill, interaction.locale, by_target=organizer)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: AdvocacyClient) -> None:
    register_call_buttons(bot)
    await bot.add_cog(Calls(bot))
