"""/groups: the 24 signatory organizations, where they are, and organizers' corrections."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.content import Content, Signatory
from bot.core.i18n import t
from bot.core.limits import AUTOCOMPLETE_CHOICES
from bot.groups.places import (
    Gazetteer,
    effective_groups,
    group_choice_name,
    group_choice_value,
    info_embed,
    list_embeds,
    near_embed,
    resolve_group,
    split_city,
    suggest_groups,
)
from bot.groups.places import escape as escape_md
from bot.groups.storage import add_location_edit, current_edits, undo_latest_edit
from cogs._common.permissions import organizer_only
from cogs._common.translator import cmd

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

Choices = list[app_commands.Choice[str]]


async def gazetteer(bot: AdvocacyBot, guild: discord.Guild | None) -> Gazetteer:
    """The groups as this server sees them (name-derived only outside a server)."""
    edits = await current_edits(bot.db, guild.id) if guild is not None else {}
    return Gazetteer(bot.content, effective_groups(bot.content, edits))


class GroupTransformer(app_commands.Transformer):
    """A signatory by name, short name (AZ4HK), number or a unique part of its name."""

    async def transform(self, interaction: discord.Interaction, value: str) -> Signatory:
        return resolve_group(interaction.client.content, value)  # type: ignore[attr-defined]

    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction, value: str
    ) -> Choices:
        content: Content = interaction.client.content  # type: ignore[attr-defined]
        return [
            app_commands.Choice(name=group_choice_name(s), value=group_choice_value(s))
            for s in suggest_groups(content, str(value), AUTOCOMPLETE_CHOICES)
        ]


GroupOption = app_commands.Transform[Signatory, GroupTransformer]


class Groups(
    commands.GroupCog, group_name="groups", group_description=cmd("groups.group.description")
):
    def __init__(self, bot: AdvocacyBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="list", description=cmd("groups.list.description"))
    @app_commands.describe(public=cmd("groups.common.option_public"))
    async def list_(self, interaction: discord.Interaction, public: bool = False) -> None:
        gaz = await gazetteer(self.bot, interaction.guild)
        first, *rest = list_embeds(gaz, interaction.locale)
        await interaction.response.send_message(embed=first, ephemeral=not public)
        for embed in rest:
            await interaction.followup.send(embed=embed, ephemeral=not public)

    @app_commands.command(name="near", description=cmd("groups.near.description"))
    @app_commands.describe(
        place=cmd("groups.near.option_place"), public=cmd("groups.common.option_public")
    )
    async def near(
        self, interaction: discord.Interaction, place: str, public: bool = False
    ) -> None:
        gaz = await gazetteer(self.bot, interaction.guild)
        match = gaz.resolve(place)
        await interaction.response.send_message(
            embed=near_embed(gaz, match, interaction.locale), ephemeral=not public
        )

    @near.autocomplete("place")
    async def place_autocomplete(self, interaction: discord.Interaction, current: str) -> Choices:
        gaz = await gazetteer(self.bot, interaction.guild)
        return [
            app_commands.Choice(name=name, value=value)
            for name, value in gaz.suggestions(current, AUTOCOMPLETE_CHOICES)
        ]

    @app_commands.command(name="info", description=cmd("groups.info.description"))
    @app_commands.describe(
        group=cmd("groups.info.option_group"), public=cmd("groups.common.option_public")
    )
    async def info(
        self, interaction: discord.Interaction, group: GroupOption, public: bool = False
    ) -> None:
        gaz = await gazetteer(self.bot, interaction.guild)
        entry = gaz.entries[group.position - 1]
        await interaction.response.send_message(
            embed=info_embed(gaz, entry, interaction.locale), ephemeral=not public
        )

    @app_commands.command(name="set-location", description=cmd("groups.set.description"))
    @app_commands.describe(
        group=cmd("groups.set.option_group"),
        city=cmd("groups.set.option_city"),
        state=cmd("groups.set.option_state"),
    )
    @organizer_only
    async def set_location(
        self,
        interaction: discord.Interaction,
        group: GroupOption,
        city: str | None = None,
        state: str | None = None,
    ) -> None:
        assert interaction.guild is not None  # organizer_only refuses direct messages
        gaz = await gazetteer(self.bot, interaction.guild)
        loc = gaz.location_for(city, state)
        await add_location_edit(
            self.bot.db,
            interaction.guild.id,
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
                group=escape_md(group.name),
                location=escape_md(gaz.describe(loc)),
            ),
            ephemeral=True,
        )

    @set_location.autocomplete("state")
    async def state_autocomplete(self, interaction: discord.Interaction, current: str) -> Choices:
        typed = current.strip().casefold()
        states = self.bot.content.states.items()
        starts = [
            (c, n)
            for c, n in states
            if typed in (c.casefold(), "") or n.casefold().startswith(typed)
        ]
        inner = [(c, n) for c, n in states if (c, n) not in starts and typed in n.casefold()]
        return [
            app_commands.Choice(name=f"{name} ({code})", value=code)
            for code, name in (starts + inner)[:AUTOCOMPLETE_CHOICES]
        ]

    @set_location.autocomplete("city")
    async def city_autocomplete(self, interaction: discord.Interaction, current: str) -> Choices:
        typed = current.strip().casefold()
        out: Choices = []
        for metro in self.bot.content.metros.values():
            for entry in metro.cities:
                city, state = split_city(entry, metro.state)
                if city.casefold().startswith(typed):
                    out.append(
                        app_commands.Choice(name=f"{city}, {state} — {metro.name}", value=city)
                    )
        return out[:AUTOCOMPLETE_CHOICES]

    @app_commands.command(name="undo-location", description=cmd("groups.undo.description"))
    @app_commands.describe(group=cmd("groups.undo.option_group"))
    @organizer_only
    async def undo_location(self, interaction: discord.Interaction, group: GroupOption) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        name = escape_md(group.name)
        undone = await undo_latest_edit(self.bot.db, interaction.guild.id, group.position)
        if undone is None:
            await interaction.response.send_message(
                t("groups.undo.nothing", locale, group=name), ephemeral=True
            )
            return
        gaz = await gazetteer(self.bot, interaction.guild)
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
                location=escape_md(gaz.describe(entry.location)),
                source=t(source, locale),
            )
        await interaction.response.send_message(text, ephemeral=True)


async def setup(bot: AdvocacyBot) -> None:
    await bot.add_cog(Groups(bot))
