"""/remind: organizers schedule call reminders (members subscribe with /reminders:
``_members.py``)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.campaigns.model import load_campaign
from bot.core.errors import UserError
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import t
from bot.core.language import known_locale, server_locale
from bot.core.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, clip
from bot.core.timezones import suggest_timezones
from bot.privacy.members import member_ids
from bot.reminders import delivery_records as records
from bot.reminders import lifecycle, planning
from bot.reminders import storage as store
from bot.reminders.delivery import Deliverer
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.fanout import FanOut
from bot.reminders.pacing import Pacer
from bot.reminders.recurrence import Repeat
from bot.reminders.texts import (
    campaign_name,
    choice_label,
    history_lines,
    next_time_text,
    summary_line,
)
from bot.reminders.timeparse import warm_up
from cogs._common.permissions import (
    organizer_default,
    organizer_only,
    organizers_only_autocomplete,
)
from cogs._common.respond import respond
from cogs._common.translator import cmd
from cogs._common.types import Interaction
from cogs.reminders._members import Bill
from cogs.reminders._preview import add_warnings, preview_view, save_confirmed
from cogs.reminders.checks import check_channel, check_role
from cogs.reminders.embeds import preview_embed, show_embed, text_embed
from cogs.reminders.events import can_manage_events, sync_event
from cogs.reminders.transport import DiscordTransport

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

REPEAT_CHOICES = [app_commands.Choice(name=cmd(r.choice_key), value=r.value) for r in Repeat]
# The options /remind create and /remind edit share, described once.
OPTIONS = {
    "bill": cmd("reminders.create.option_bill"),
    "when": cmd("reminders.create.option_when"),
    "repeat": cmd("reminders.create.option_repeat"),
    "until": cmd("reminders.create.option_until"),
    "channel": cmd("reminders.create.option_channel"),
    "role": cmd("reminders.create.option_role"),
    "note": cmd("reminders.create.option_note"),
    "timezone": cmd("reminders.create.option_timezone"),
    "grace": cmd("reminders.create.option_grace"),
}
LIST_LIMIT = 20
HISTORY_LIMIT = 20
STOP_GRACE = 2.0  # seconds the post and DM lanes may finish what is in hand when the bot stops


@app_commands.guild_only()
@organizer_default
class Reminders(
    commands.GroupCog,
    group_name="remind",
    group_description=cmd("reminders.group.description"),
):
    def __init__(self, bot: AdvocacyClient) -> None:
        self.bot = bot
        self.live_previews: set[str] = set()  # tokens of the previews this process holds
        self.pacer = Pacer(bot.clock)
        self.transport = DiscordTransport(bot, self.pacer)
        self.fanout = FanOut(bot.db, bot.clock, self.transport)
        self.deliverer = Deliverer(bot.db, bot.clock, self.transport, on_queued=self.fanout.wake)
        self.dispatcher = Dispatcher(
            bot.clock,
            self.deliverer.next_due,
            self.deliverer.run_due,
            prepare=self.deliverer.prepare,
            lead_for=self.deliverer.lead_for,
        )
        super().__init__()

    # --- lifecycle -------------------------------------------------------------------

    async def cog_load(self) -> None:
        await asyncio.to_thread(warm_up)  # the parser's data, off the event loop
        if self.bot.is_ready():
            self.start_delivering()

    async def cog_unload(self) -> None:
        await self.dispatcher.stop()
        await self.deliverer.stop(grace=STOP_GRACE)
        await self.fanout.stop(grace=STOP_GRACE)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        self.start_delivering()

    def start_delivering(self) -> None:
        self.dispatcher.start()
        self.fanout.start()

    # --- helpers ---------------------------------------------------------------------

    def _name(self, slug: str) -> str:
        return campaign_name(self.bot.content, slug)

    async def _reply(self, interaction: Interaction, text: str) -> None:
        await respond(interaction, content=text)

    # --- organizers: create ----------------------------------------------------------

    @app_commands.command(name="create", description=cmd("reminders.create.description"))
    @app_commands.describe(event=cmd("reminders.create.option_event"), **OPTIONS)
    @app_commands.choices(repeat=REPEAT_CHOICES)
    @organizer_only
    async def create(
        self,
        interaction: Interaction,
        bill: Bill,
        when: app_commands.Range[str, 1, 100],
        repeat: app_commands.Choice[str] | None = None,
        until: app_commands.Range[str, 1, 100] | None = None,
        channel: discord.TextChannel | None = None,
        role: discord.Role | None = None,
        note: str | None = None,
        timezone: str | None = None,
        event: bool = False,
        grace: app_commands.Range[int, 0, 1440] | None = None,
    ) -> None:
        guild = interaction.guild
        assert guild is not None
        target = check_channel(channel or interaction.channel, guild.me)
        check_role(role, target, guild.me)
        if event and not can_manage_events(guild):
            raise UserError("reminders.event.no_permission")
        settings = await get_guild_settings(self.bot.db, guild.id)
        draft = planning.plan(
            guild_id=guild.id,
            campaign=bill.slug,
            when=when,
            zone=planning.zone_for(timezone, settings.timezone, self.bot.settings.default_timezone),
            repeat=repeat.value if repeat else None,
            until=until,
            channel_id=target.id,
            role_id=role.id if role else None,
            note=note,
            created_by=interaction.user.id,
            now=self.bot.clock.now(),
            event=event,
            grace_minutes=grace,
        )

        async def confirmed(pressed: Interaction) -> None:
            await save_confirmed(self.bot, self.dispatcher, pressed, draft, bill)

        view = preview_view(interaction.user.id, confirmed, interaction.locale, self.live_previews)
        mention = f"{role.mention} " if role else ""
        post_locale = known_locale(settings.language)
        embed = preview_embed(draft, bill, mention, target.mention, interaction.locale, post_locale)
        await add_warnings(embed, self.bot.db, bill, self.bot.clock.now(), interaction.locale)
        await view.send(interaction, t("reminders.create.check", interaction.locale), embed=embed)

    # --- organizers: list, show, edit, pause, resume, cancel, history ---------------------

    @app_commands.command(name="list", description=cmd("reminders.list.description"))
    @organizer_only
    async def list_(self, interaction: Interaction) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        found = await store.list_reminders(self.bot.db, interaction.guild.id, limit=LIST_LIMIT + 1)
        if not found:
            await self._reply(interaction, t("reminders.list.empty", locale))
            return
        lines = [summary_line(r, self._name(r.campaign), locale) for r in found[:LIST_LIMIT]]
        if len(found) > LIST_LIMIT:
            total = await store.count_reminders(self.bot.db, interaction.guild.id)
            lines.append(t("reminders.list.more", locale, count=total - LIST_LIMIT))
        embed = text_embed(t("reminders.list.title", locale), lines)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="show", description=cmd("reminders.show.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def show(self, interaction: Interaction, id: int) -> None:
        assert interaction.guild is not None
        reminder = await lifecycle.require(self.bot.db, interaction.guild.id, id)
        now = self.bot.clock.now()
        campaign = await load_campaign(
            self.bot.db, self.bot.content, interaction.guild.id, reminder.campaign, now
        )
        maker = reminder.created_by
        creator = (
            (await member_ids(self.bot.db, interaction.guild.id, [maker])).get(maker)
            if isinstance(maker, bytes)
            else None
        )
        post_locale = await server_locale(self.bot.db, interaction.guild.id)
        embed = show_embed(reminder, campaign, now, interaction.locale, creator, post_locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="edit", description=cmd("reminders.edit.description"))
    @app_commands.describe(
        id=cmd("reminders.common.option_id"),
        clear_role=cmd("reminders.edit.option_clear_role"),
        **OPTIONS,
    )
    @app_commands.choices(repeat=REPEAT_CHOICES)
    @organizer_only
    async def edit(
        self,
        interaction: Interaction,
        id: int,
        bill: Bill | None = None,
        when: app_commands.Range[str, 1, 100] | None = None,
        repeat: app_commands.Choice[str] | None = None,
        until: app_commands.Range[str, 1, 100] | None = None,
        channel: discord.TextChannel | None = None,
        role: discord.Role | None = None,
        clear_role: bool = False,
        note: str | None = None,
        timezone: str | None = None,
        grace: app_commands.Range[int, 0, 1440] | None = None,
    ) -> None:
        guild = interaction.guild
        assert guild is not None
        reminder = await lifecycle.require(self.bot.db, guild.id, id)
        if channel is not None:
            check_channel(channel, guild.me)
        check_role(role, channel or guild.get_channel_or_thread(reminder.channel_id), guild.me)
        updated = await lifecycle.apply_edit(
            self.bot.db,
            reminder,
            self.bot.clock.now(),
            campaign=bill.slug if bill else None,
            when=when,
            zone=planning.zone_for(timezone, None, reminder.timezone) if timezone else None,
            repeat=repeat.value if repeat else None,
            until=until,
            channel_id=channel.id if channel else None,
            role_id=role.id if role else None,
            clear_role=clear_role,
            note=note,
            grace_minutes=grace,
        )
        self.dispatcher.wake(None)
        if updated.next_due != reminder.next_due:
            await sync_event(self.bot, updated)
        await self._reply(
            interaction,
            next_time_text(
                updated,
                interaction.locale,
                done="reminders.edit.done",
                paused="reminders.edit.done_paused",
                no_time="reminders.edit.done_no_time",
            ),
        )

    @app_commands.command(name="pause", description=cmd("reminders.pause.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def pause(self, interaction: Interaction, id: int) -> None:
        assert interaction.guild is not None
        await lifecycle.pause(self.bot.db, interaction.guild.id, id, self.bot.clock.now())
        self.dispatcher.wake(None)
        await self._reply(interaction, t("reminders.pause.done", interaction.locale, id=id))

    @app_commands.command(name="resume", description=cmd("reminders.resume.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def resume(self, interaction: Interaction, id: int) -> None:
        assert interaction.guild is not None
        before = await lifecycle.require(self.bot.db, interaction.guild.id, id)
        if interaction.guild.get_channel_or_thread(before.channel_id) is None:
            raise UserError("reminders.resume.channel_missing", id=id)
        resumed = await lifecycle.resume(
            self.bot.db, interaction.guild.id, id, self.bot.clock.now()
        )
        self.dispatcher.wake(resumed.next_due)
        if resumed.next_due != before.next_due:
            await sync_event(self.bot, resumed)
        await self._reply(
            interaction,
            next_time_text(
                resumed,
                interaction.locale,
                done="reminders.resume.done",
                no_time="reminders.resume.done_no_time",
            ),
        )

    @app_commands.command(name="cancel", description=cmd("reminders.cancel.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def cancel(self, interaction: Interaction, id: int) -> None:
        assert interaction.guild is not None
        cancelled = await lifecycle.cancel(
            self.bot.db, interaction.guild.id, id, self.bot.clock.now()
        )
        self.dispatcher.wake(None)
        await sync_event(self.bot, cancelled)
        await self._reply(interaction, t("reminders.cancel.done", interaction.locale, id=id))

    @app_commands.command(name="history", description=cmd("reminders.history.description"))
    @app_commands.describe(id=cmd("reminders.history.option_id"))
    @organizer_only
    async def history(self, interaction: Interaction, id: int | None = None) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        if id is not None:
            await lifecycle.require(self.bot.db, interaction.guild.id, id)
        rows = await records.history(self.bot.db, interaction.guild.id, id, HISTORY_LIMIT)
        if not rows:
            await self._reply(interaction, t("reminders.history.empty", locale))
            return
        embed = text_embed(t("reminders.history.title", locale), history_lines(rows, locale))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @create.autocomplete("timezone")
    @edit.autocomplete("timezone")
    @organizers_only_autocomplete
    async def _timezone_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in suggest_timezones(current)]

    @show.autocomplete("id")
    @edit.autocomplete("id")
    @pause.autocomplete("id")
    @resume.autocomplete("id")
    @cancel.autocomplete("id")
    @history.autocomplete("id")
    @organizers_only_autocomplete
    async def _id_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild is None:
            return []
        found = await store.list_reminders(
            self.bot.db, interaction.guild.id, limit=AUTOCOMPLETE_CHOICES * 4
        )
        typed = current.strip().lstrip("#")
        return [
            app_commands.Choice(
                name=clip(choice_label(r, self._name(r.campaign), interaction.locale), CHOICE_NAME),
                value=r.id,
            )
            for r in found
            if not typed or str(r.id).startswith(typed)
        ][:AUTOCOMPLETE_CHOICES]
