"""/groups: the 24 signatory organizations, where they are, and organizers' corrections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.core.i18n import t
from bot.core.limits import AUTOCOMPLETE_CHOICES
from bot.core.markdown import escape_markdown
from bot.groups.corrections import location_for
from bot.groups.locations import server_groups
from bot.groups.places import Gazetteer, gazetteer_for
from bot.groups.storage import add_location_edit, undo_latest_edit
from bot.groups.suggest import suggest_cities, suggest_places, suggest_states
from bot.groups.towns import load_us_towns_async
from bot.privacy.audit import AuditAction
from cogs._common.audit import post_audit
from cogs._common.language import reply_locale
from cogs._common.permissions import organizer_only, organizers_only_autocomplete
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.groups.embeds import info_embed, list_embeds, near_embed
from cogs.groups.transformers import GroupOption

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

Choices = list[app_commands.Choice[str]]


class Groups(
    commands.GroupCog, group_name="groups", group_description=cmd("groups.group.description")
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        super().__init__()

    async def cog_load(self) -> None:
        # The US towns load once per process, in a thread, before the bot logs in.
        await load_us_towns_async()

    async def _gazetteer(self, interaction: Interaction) -> Gazetteer:
        """The groups as this server sees them (name-derived only outside a server)."""
        content = self.bot.content
        entries = await server_groups(self.bot.db, content, interaction.guild_id)
        return gazetteer_for(content, entries, await load_us_towns_async())

    # ------------------------------------------------------------------ members

    @app_commands.command(name="list", description=cmd("groups.list.description"))
    @app_commands.describe(public=cmd("groups.common.option_public"))
    async def list_(self, interaction: Interaction, public: bool = False) -> None:
        locale = await reply_locale(interaction, public=public)
        first, *rest = list_embeds(await self._gazetteer(interaction), locale)
        await interaction.response.send_message(embed=first, ephemeral=not public)
        for embed in rest:
            await interaction.followup.send(embed=embed, ephemeral=not public)

    @app_commands.command(name="near", description=cmd("groups.near.description"))
    @app_commands.describe(
        place=cmd("groups.near.option_place"), public=cmd("groups.common.option_public")
    )
    async def near(self, interaction: Interaction, place: str, public: bool = False) -> None:
        gaz = await self._gazetteer(interaction)
        match = gaz.resolve(place)
        await interaction.response.send_message(
            embed=near_embed(gaz, match, await reply_locale(interaction, public=public)),
            ephemeral=not public,
        )

    @near.autocomplete("place")
    async def place_autocomplete(self, interaction: Interaction, current: str) -> Choices:
        gaz = await self._gazetteer(interaction)
        return [
            app_commands.Choice(name=name, value=value)
            for name, value in suggest_places(gaz, current, AUTOCOMPLETE_CHOICES)
        ]

    @app_commands.command(name="info", description=cmd("groups.info.description"))
    @app_commands.describe(
        group=cmd("groups.info.option_group"), public=cmd("groups.common.option_public")
    )
    async def info(
        self, interaction: Interaction, group: GroupOption, public: bool = False
    ) -> None:
        gaz = await self._gazetteer(interaction)
        entry = gaz.entries[group.position - 1]
        await interaction.response.send_message(
            embed=info_embed(gaz, entry, await reply_locale(interaction, public=public)),
            ephemeral=not public,
        )

    # --------------------------------------------------------------- organizers

    @app_commands.command(name="set-location", description=cmd("groups.set.description"))
    @app_commands.describe(
        group=cmd("groups.set.option_group"),
        city=cmd("groups.set.option_city"),
        state=cmd("groups.set.option_state"),
    )
    @organizer_only
    async def set_location(
        self,
        interaction: Interaction,
        group: GroupOption,
        city: str | None = None,
        state: str | None = None,
    ) -> None:
        assert interaction.guild_id is not None  # organizer_only refuses direct messages
        gaz = await self._gazetteer(interaction)
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

    @set_location.autocomplete("state")
    @organizers_only_autocomplete
    async def state_autocomplete(self, interaction: Interaction, current: str) -> Choices:
        return [
            app_commands.Choice(name=name, value=code)
            for name, code in suggest_states(self.bot.content, current, AUTOCOMPLETE_CHOICES)
        ]

    @set_location.autocomplete("city")
    @organizers_only_autocomplete
    async def city_autocomplete(self, interaction: Interaction, current: str) -> Choices:
        gaz = await self._gazetteer(interaction)
        found = suggest_cities(gaz, current, AUTOCOMPLETE_CHOICES)
        return [app_commands.Choice(name=name, value=city) for name, city in found]

    @app_commands.command(name="undo-location", description=cmd("groups.undo.description"))
    @app_commands.describe(group=cmd("groups.undo.option_group"))
    @organizer_only
    async def undo_location(self, interaction: Interaction, group: GroupOption) -> None:
        assert interaction.guild_id is not None
        locale = interaction.locale
        name = escape_markdown(group.name)
        undone = await undo_latest_edit(self.bot.db, interaction.guild_id, group.position)
        if undone is None:
            await interaction.response.send_message(
                t("groups.undo.nothing", locale, group=name), ephemeral=True
            )
            return
        gaz = await self._gazetteer(interaction)
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


async def setup(bot: AdvocacyClient) -> None:
    await bot.add_cog(Groups(bot))
