"""/group-location: organizers set or undo where a signatory is, for their server.

A top-level group of its own (not under /groups) so that Discord hides it from members:
Discord's default member permissions apply to whole top-level commands only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.core.i18n import t
from bot.core.limits import AUTOCOMPLETE_CHOICES
from bot.core.markdown import escape_markdown
from bot.groups.corrections import location_for
from bot.groups.storage import add_location_edit, undo_latest_edit
from bot.groups.suggest import suggest_cities, suggest_states
from bot.privacy.audit import AuditAction
from cogs._common.audit import post_audit
from cogs._common.permissions import (
    organizer_default,
    organizer_only,
    organizers_only_autocomplete,
)
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.groups.gazetteer import server_gazetteer
from cogs.groups.transformers import GroupOption

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

Choices = list[app_commands.Choice[str]]


@app_commands.guild_only()
@organizer_default
class GroupLocation(
    commands.GroupCog,
    group_name="group-location",
    group_description=cmd("groups.location_group.description"),
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="set", description=cmd("groups.set.description"))
    @app_commands.describe(
        group=cmd("groups.set.option_group"),
        city=cmd("groups.set.option_city"),
        state=cmd("groups.set.option_state"),
    )
    @organizer_only
    async def set_(
        self,
        interaction: Interaction,
        group: GroupOption,
        city: str | None = None,
        state: str | None = None,
    ) -> None:
        assert interaction.guild_id is not None  # organizer_only refuses direct messages
        gaz = await server_gazetteer(self.bot, interaction.guild_id)
        loc = location_for(gaz, city, state)
        await add_location_edit(
            self.bot.db,
            interaction.guild_id,
            group.position,
            city=loc.city,
            state=loc.state,
            metro=loc.metro,
            set_by=interaction.user.id,
            set_at=self.bot.clock.now().isoformat(),
        )
        await interaction.response.send_message(
            t(
                "groups.set.done",
                interaction.locale,
                group=escape_markdown(group.name),
                location=escape_markdown(gaz.describe(loc)),
            ),
            ephemeral=True,
        )
        await post_audit(interaction, AuditAction.GROUP_LOCATION_SET, group.name, gaz.describe(loc))

    @set_.autocomplete("state")
    @organizers_only_autocomplete
    async def state_autocomplete(self, interaction: Interaction, current: str) -> Choices:
        return [
            app_commands.Choice(name=name, value=code)
            for name, code in suggest_states(self.bot.content, current, AUTOCOMPLETE_CHOICES)
        ]

    @set_.autocomplete("city")
    @organizers_only_autocomplete
    async def city_autocomplete(self, interaction: Interaction, current: str) -> Choices:
        gaz = await server_gazetteer(self.bot, interaction.guild_id)
        found = suggest_cities(gaz, current, AUTOCOMPLETE_CHOICES)
        return [app_commands.Choice(name=name, value=city) for name, city in found]

    @app_commands.command(name="undo", description=cmd("groups.undo.description"))
    @app_commands.describe(group=cmd("groups.undo.option_group"))
    @organizer_only
    async def undo(self, interaction: Interaction, group: GroupOption) -> None:
        assert interaction.guild_id is not None
        locale = interaction.locale
        name = escape_markdown(group.name)
        undone = await undo_latest_edit(self.bot.db, interaction.guild_id, group.position)
        if undone is None:
            await interaction.response.send_message(
                t("groups.undo.nothing", locale, group=name), ephemeral=True
            )
            return
        gaz = await server_gazetteer(self.bot, interaction.guild_id)
        entry = gaz.entries[group.position - 1]
        if entry.location is None:
            text = t("groups.undo.done_unknown", locale, group=name)
        else:
            source = (
                "groups.undo.source_organizer"
                if entry.from_organizer
                else "groups.undo.source_name"
            )
            text = t(
                "groups.undo.done_now",
                locale,
                group=name,
                location=escape_markdown(gaz.describe(entry.location)),
                source=t(source, locale),
            )
        await interaction.response.send_message(text, ephemeral=True)
        await post_audit(interaction, AuditAction.GROUP_LOCATION_UNDONE, group.name)
