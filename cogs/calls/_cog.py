"""/call: the call script and outcome buttons; /call-script, /call-reset-script, /call-stats.

``/call bill:`` is a command of its own (Discord can't run a command that also has
subcommands), so the organizer and tally commands sit beside it as ``/call-…``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.calls.flow import call_embed, campaign_in, script_text, stats_embed
from bot.calls.script import default_template, validate_template
from bot.campaigns import storage as campaign_store
from bot.campaigns.model import Campaign
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, MODAL_TEXT_INPUT, clip
from cogs._common.permissions import check_organizer, organizer_only
from cogs._common.transformers import BillTransformer
from cogs._common.translator import cmd
from cogs._common.tree import BotModal, report_component_error
from cogs.calls.buttons import register_call_buttons
from cogs.calls.offices import add_own_offices

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

Bill = app_commands.Transform[Campaign, BillTransformer]


SCRIPT_MODAL = "call:script-edit:"  # + the campaign's slug


class ScriptModal(BotModal):
    """The organizer's script editor, opened with the current template.

    Its submit is handled by :meth:`Calls.on_interaction` from the custom id alone, so an
    organizer's text is saved even when the bot restarted while they were typing.
    """

    def __init__(self, campaign: Campaign, current: str, locale) -> None:
        super().__init__(
            title=clip(t("calls.script.modal_title", locale, short_name=campaign.short_name), 45),
            custom_id=f"{SCRIPT_MODAL}{campaign.slug}",
            timeout=None,
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("calls.script.field_label", locale),
                custom_id="script",
                style=discord.TextStyle.paragraph,
                default=current,
                placeholder=clip(t("calls.script.field_placeholder", locale), 100),
                max_length=MODAL_TEXT_INPUT,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing here: the cog's listener saves it (the same path after a restart)."""


def _submitted_value(components: list, custom_id: str) -> str | None:
    """The value of one text input in a modal submit payload (rows or labels, nested)."""
    for component in components:
        if component.get("custom_id") == custom_id and "value" in component:
            return component["value"]
        nested = component.get("components") or (
            [component["component"]] if "component" in component else []
        )
        found = _submitted_value(nested, custom_id)
        if found is not None:
            return found
    return None


class Calls(commands.Cog):
    def __init__(self, bot: AdvocacyBot) -> None:
        self.bot = bot

    @app_commands.command(name="call", description=cmd("calls.call.description"))
    @app_commands.describe(bill=cmd("calls.call.option_bill"))
    @app_commands.guild_only()
    async def call(self, interaction: discord.Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        embed = await call_embed(self.bot, interaction.guild_id, bill, interaction.locale)
        view = await add_own_offices(
            self.bot, interaction.guild_id, interaction.user.id, bill, embed, interaction.locale
        )
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

    @app_commands.command(name="call-script", description=cmd("calls.script.description"))
    @app_commands.describe(bill=cmd("calls.script.option_bill"))
    @app_commands.guild_only()
    @organizer_only
    async def call_script(self, interaction: discord.Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        current = await campaign_store.get_script(self.bot.db, interaction.guild_id, bill.slug)
        template = current or default_template(bill.slug, interaction.locale)
        await interaction.response.send_modal(ScriptModal(bill, template, interaction.locale))

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Save a submitted script editor (see :class:`ScriptModal`)."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        custom_id = (interaction.data or {}).get("custom_id", "")
        if not custom_id.startswith(SCRIPT_MODAL):
            return
        try:
            await self._save_script(interaction, custom_id.removeprefix(SCRIPT_MODAL))
        except Exception as error:
            await report_component_error(interaction, error)

    async def _save_script(self, interaction: discord.Interaction, slug: str) -> None:
        await check_organizer(interaction)
        assert interaction.guild_id is not None
        campaign = await campaign_in(self.bot, interaction.guild_id, slug)
        if campaign is None:
            raise UserError("calls.script.gone")
        value = _submitted_value((interaction.data or {}).get("components", []), "script")
        template = validate_template(value or "")
        await campaign_store.set_script(
            self.bot.db,
            interaction.guild_id,
            campaign.slug,
            template,
            interaction.user.id,
            self.bot.clock.now().isoformat(),
        )
        embed = await call_embed(self.bot, interaction.guild_id, campaign, interaction.locale)
        await interaction.response.send_message(
            t("calls.script.saved", interaction.locale, short_name=campaign.short_name),
            embed=embed,
            ephemeral=True,
        )

    @app_commands.command(
        name="call-reset-script", description=cmd("calls.reset_script.description")
    )
    @app_commands.describe(bill=cmd("calls.reset_script.option_bill"))
    @app_commands.guild_only()
    @organizer_only
    async def call_reset_script(self, interaction: discord.Interaction, bill: Bill) -> None:
        assert interaction.guild_id is not None
        removed = await campaign_store.reset_script(self.bot.db, interaction.guild_id, bill.slug)
        key = "calls.reset_script.done" if removed else "calls.reset_script.nothing"
        text = t(key, interaction.locale, short_name=bill.short_name)
        preview = await script_text(self.bot, interaction.guild_id, bill, interaction.locale)
        await interaction.response.send_message(
            clip(f"{text}\n\n{preview}", MESSAGE_CONTENT), ephemeral=True
        )

    @app_commands.command(name="call-stats", description=cmd("calls.stats.description"))
    @app_commands.describe(bill=cmd("calls.stats.option_bill"))
    @app_commands.guild_only()
    async def call_stats(self, interaction: discord.Interaction, bill: Bill | None = None) -> None:
        assert interaction.guild_id is not None
        embed = await stats_embed(
            self.bot, interaction.guild_id, interaction.user.id, bill, interaction.locale
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: AdvocacyBot) -> None:
    register_call_buttons(bot)
    await bot.add_cog(Calls(bot))
