"""/remind: organizers schedule call reminders; members get them by direct message."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.calls.flow import campaign_in
from bot.campaigns.model import Campaign, load_campaigns
from bot.core.errors import UserError
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import t
from bot.core.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, EMBED_DESCRIPTION, clip
from bot.core.timezones import suggest_timezones
from bot.reminders import planning as logic
from bot.reminders import storage as store
from bot.reminders.delivery import Deliverer, DiscordTransport, history_lines, probe_dm
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.ics import IcsEvent, calendar
from bot.reminders.storage import Reminder
from bot.reminders.timeparse import discord_time, warm_up
from cogs._common.permissions import organizer_only
from cogs._common.transformers import BillTransformer
from cogs._common.translator import cmd
from cogs.reminders._views import ConfirmCreate
from cogs.reminders.events import can_manage_events, create_event, delete_event, move_event

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

Bill = app_commands.Transform[Campaign, BillTransformer]
REPEAT_CHOICES = [
    app_commands.Choice(name=cmd(f"reminders.choice.{value}"), value=value)
    for value in logic.REPEATS
]
CALENDAR_DAYS = 90
LIST_LIMIT = 20


@app_commands.guild_only()
class Reminders(
    commands.GroupCog, group_name="remind", group_description=cmd("reminders.group.description")
):
    def __init__(self, bot: AdvocacyBot) -> None:
        self.bot = bot
        self.live_previews: set[str] = set()  # tokens of the previews this process holds
        self.deliverer = Deliverer(bot.db, bot.clock, DiscordTransport(bot))
        self.dispatcher = Dispatcher(
            bot.clock,
            self.deliverer.next_due,
            self.deliverer.run_due,
            prepare=self.deliverer.prepare,
        )
        super().__init__()

    # --- lifecycle -------------------------------------------------------------------

    async def cog_load(self) -> None:
        await asyncio.to_thread(warm_up)  # the parser's data, off the event loop
        if self.bot.is_ready():
            self.dispatcher.start()

    async def cog_unload(self) -> None:
        await self.dispatcher.stop()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        self.dispatcher.start()

    # --- helpers ---------------------------------------------------------------------

    def _name(self, slug: str) -> str:
        seed = next((c for c in self.bot.content.campaigns if c.slug == slug), None)
        return seed.short_name if seed else slug

    async def _zone(self, guild_id: int, option: str | None):  # type: ignore[no-untyped-def]
        settings = await get_guild_settings(self.bot.db, guild_id)
        return logic.zone_for(option, settings.timezone, self.bot.settings.default_timezone)

    async def _when_text(self, reminder: Reminder, locale: discord.Locale, key: str) -> str:
        if reminder.status == "paused" and reminder.next_due is not None:
            key = f"{key}_paused"  # say so, or the organizer thinks it will go out
        elif reminder.next_due is None or reminder.status != "active":
            return t(f"{key}_no_time", locale, id=reminder.id)
        due = datetime.fromtimestamp(reminder.next_due, UTC)
        return t(
            key,
            locale,
            id=reminder.id,
            when=discord_time(due, "F"),
            relative=discord_time(due, "R"),
        )

    # --- organizers: create ----------------------------------------------------------

    @app_commands.command(name="create", description=cmd("reminders.create.description"))
    @app_commands.describe(
        bill=cmd("reminders.create.option_bill"),
        when=cmd("reminders.create.option_when"),
        repeat=cmd("reminders.create.option_repeat"),
        until=cmd("reminders.create.option_until"),
        channel=cmd("reminders.create.option_channel"),
        role=cmd("reminders.create.option_role"),
        note=cmd("reminders.create.option_note"),
        timezone=cmd("reminders.create.option_timezone"),
        event=cmd("reminders.create.option_event"),
        grace=cmd("reminders.create.option_grace"),
    )
    @app_commands.choices(repeat=REPEAT_CHOICES)
    @organizer_only
    async def create(
        self,
        interaction: discord.Interaction,
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
        target = channel or interaction.channel
        logic.check_channel(target, guild.me)
        logic.check_role(role, target, guild.me)
        if event and not can_manage_events(guild):
            raise UserError("reminders.event.no_permission")
        draft = logic.plan(
            guild_id=guild.id,
            campaign=bill.slug,
            when=when,
            zone=await self._zone(guild.id, timezone),
            repeat=repeat.value if repeat else None,
            until=until,
            channel_id=target.id,  # type: ignore[union-attr]
            role_id=role.id if role else None,
            note=note,
            created_by=interaction.user.id,
            now=self.bot.clock.now(),
            event=event,
            grace_minutes=grace,
        )
        embed = logic.preview_embed(
            draft,
            bill.short_name,
            logic.bill_numbers(bill, interaction.locale),
            f"{role.mention} " if role else "",
            target.mention,  # type: ignore[union-attr]
            interaction.locale,
        )
        view = ConfirmCreate(
            interaction.user.id,
            draft,
            bill,
            self._confirm_create,
            interaction.locale,
            self.live_previews,
        )
        await interaction.response.send_message(
            t("reminders.create.check", interaction.locale), embed=embed, view=view, ephemeral=True
        )
        view.message = await interaction.original_response()

    async def _confirm_create(
        self, interaction: discord.Interaction, draft: logic.Draft, campaign: Campaign
    ) -> None:
        now = self.bot.clock.now()
        if draft.first_due <= now:
            raise UserError("reminders.when.past", when=discord_time(draft.first_due))
        guild = interaction.guild
        assert guild is not None
        channel = guild.get_channel_or_thread(draft.channel_id)
        event_id: int | None = None
        event_error: str | None = None
        if draft.event:
            # Creating the event is a Discord request of its own: acknowledge the press first
            # so a slow answer can't run past Discord's three seconds for a reply.
            await interaction.response.defer()
            try:
                created = await create_event(
                    guild, campaign.short_name, draft.first_due, channel.name if channel else ""
                )
                event_id = created.id
            except discord.HTTPException as exc:
                event_error = exc.text or str(exc.status)
        reminder_id = await logic.save(self.bot.db, draft, now, event_id)
        self.dispatcher.wake(draft.first_due.timestamp())
        values = {
            "id": reminder_id,
            "when": discord_time(draft.first_due, "F"),
            "relative": discord_time(draft.first_due, "R"),
            "channel": f"<#{draft.channel_id}>",
            "reason": clip(event_error or "", 200),
        }
        key = "reminders.create.saved"
        if draft.event:
            key = "reminders.create.event_failed" if event_error else "reminders.create.saved_event"
        text = t(key, interaction.locale, **values)
        if interaction.response.is_done():
            await interaction.edit_original_response(content=text, view=None)
        else:
            await interaction.response.edit_message(content=text, view=None)

    # --- organizers: list, show, edit, pause, resume, cancel, history ---------------------

    @app_commands.command(name="list", description=cmd("reminders.list.description"))
    @organizer_only
    async def list_(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        found = await store.list_reminders(self.bot.db, interaction.guild.id, limit=LIST_LIMIT + 1)
        if not found:
            await interaction.response.send_message(
                t("reminders.list.empty", interaction.locale), ephemeral=True
            )
            return
        lines = [
            logic.summary_line(r, self._name(r.campaign), interaction.locale)
            for r in found[:LIST_LIMIT]
        ]
        if len(found) > LIST_LIMIT:
            total = await store.count_reminders(self.bot.db, interaction.guild.id)
            lines.append(t("reminders.list.more", interaction.locale, count=total - LIST_LIMIT))
        embed = discord.Embed(
            title=t("reminders.list.title", interaction.locale),
            description=clip("\n".join(lines), EMBED_DESCRIPTION),
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="show", description=cmd("reminders.show.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def show(self, interaction: discord.Interaction, id: int) -> None:
        assert interaction.guild is not None
        r = await logic.require(self.bot.db, interaction.guild.id, id)
        locale = interaction.locale
        campaign = await campaign_in(self.bot, interaction.guild.id, r.campaign)
        due = (
            self.bot.clock.now() if r.next_due is None else datetime.fromtimestamp(r.next_due, UTC)
        )
        body = logic.post_text(
            f"<@&{r.role_id}> " if r.role_id else "",
            campaign.short_name if campaign else r.campaign,
            logic.bill_numbers(campaign, locale),
            r.note,
            due,
            None,
            locale,
        )
        embed = discord.Embed(title=t("reminders.show.title", locale, id=r.id), description=body)
        if r.next_due is not None and r.status in ("active", "paused"):
            due = datetime.fromtimestamp(r.next_due, UTC)
            when = t(
                "reminders.show.next" if r.status == "active" else "reminders.show.next_paused",
                locale,
                when=discord_time(due, "F"),
                relative=discord_time(due, "R"),
            )
        else:
            when = t("reminders.list.no_time", locale)
        embed.add_field(name=t("reminders.field.when", locale), value=when, inline=False)
        embed.add_field(
            name=t("reminders.field.repeat", locale),
            value=logic.repeat_label(r.repeat, r.until_local, locale),
        )
        embed.add_field(name=t("reminders.field.zone", locale), value=r.timezone)
        embed.add_field(name=t("reminders.field.channel", locale), value=f"<#{r.channel_id}>")
        embed.add_field(
            name=t("reminders.show.ping", locale),
            value=f"<@&{r.role_id}>" if r.role_id else t("reminders.show.no_ping", locale),
        )
        embed.add_field(
            name=t("reminders.field.status", locale),
            value=t(f"reminders.status.{r.status}", locale),
        )
        embed.add_field(
            name=t("reminders.field.grace", locale),
            value=t(
                "reminders.show.grace" if r.grace_seconds >= 60 else "reminders.show.grace_none",
                locale,
                minutes=r.grace_seconds // 60,
            ),
        )
        embed.add_field(name=t("reminders.show.created_by", locale), value=f"<@{r.created_by}>")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="edit", description=cmd("reminders.edit.description"))
    @app_commands.describe(
        id=cmd("reminders.common.option_id"),
        bill=cmd("reminders.create.option_bill"),
        when=cmd("reminders.create.option_when"),
        repeat=cmd("reminders.create.option_repeat"),
        until=cmd("reminders.create.option_until"),
        channel=cmd("reminders.create.option_channel"),
        role=cmd("reminders.create.option_role"),
        clear_role=cmd("reminders.edit.option_clear_role"),
        note=cmd("reminders.create.option_note"),
        timezone=cmd("reminders.create.option_timezone"),
        grace=cmd("reminders.create.option_grace"),
    )
    @app_commands.choices(repeat=REPEAT_CHOICES)
    @organizer_only
    async def edit(
        self,
        interaction: discord.Interaction,
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
        reminder = await logic.require(self.bot.db, guild.id, id)
        target = channel or guild.get_channel_or_thread(reminder.channel_id)
        if channel is not None:
            logic.check_channel(channel, guild.me)
        if role is not None:
            logic.check_role(role, target, guild.me)
        updated = await logic.apply_edit(
            self.bot.db,
            reminder,
            self.bot.clock.now(),
            campaign=bill.slug if bill else None,
            when=when,
            zone=logic.zone_for(timezone, None, reminder.timezone) if timezone else None,
            repeat=repeat.value if repeat else None,
            until=until,
            channel_id=channel.id if channel else None,
            role_id=role.id if role else None,
            clear_role=clear_role,
            note=note,
            grace_minutes=grace,
        )
        self.dispatcher.wake(None)
        if updated.event_id is not None and updated.next_due != reminder.next_due:
            await self._move_event(guild, updated)
        await interaction.response.send_message(
            await self._when_text(updated, interaction.locale, "reminders.edit.done"),
            ephemeral=True,
        )

    async def _move_event(self, guild: discord.Guild, reminder: Reminder) -> None:
        assert reminder.event_id is not None
        if reminder.next_due is None:
            await delete_event(guild, reminder.event_id)
            return
        start = datetime.fromtimestamp(reminder.next_due, UTC)
        if await move_event(guild, reminder.event_id, start):
            return
        channel = guild.get_channel_or_thread(reminder.channel_id)
        try:
            created = await create_event(
                guild, self._name(reminder.campaign), start, channel.name if channel else ""
            )
        except discord.HTTPException:
            return
        await store.update_reminder(
            self.bot.db,
            guild.id,
            reminder.id,
            self.bot.clock.now().isoformat(),
            event_id=created.id,
        )

    @app_commands.command(name="pause", description=cmd("reminders.pause.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def pause(self, interaction: discord.Interaction, id: int) -> None:
        assert interaction.guild is not None
        await logic.pause(self.bot.db, interaction.guild.id, id, self.bot.clock.now())
        self.dispatcher.wake(None)
        await interaction.response.send_message(
            t("reminders.pause.done", interaction.locale, id=id), ephemeral=True
        )

    @app_commands.command(name="resume", description=cmd("reminders.resume.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def resume(self, interaction: discord.Interaction, id: int) -> None:
        guild = interaction.guild
        assert guild is not None
        before = await logic.require(self.bot.db, guild.id, id)
        resumed = await logic.resume(self.bot.db, guild.id, id, self.bot.clock.now())
        self.dispatcher.wake(resumed.next_due)
        if resumed.event_id is not None and resumed.next_due != before.next_due:
            await self._move_event(guild, resumed)
        await interaction.response.send_message(
            await self._when_text(resumed, interaction.locale, "reminders.resume.done"),
            ephemeral=True,
        )

    @app_commands.command(name="cancel", description=cmd("reminders.cancel.description"))
    @app_commands.describe(id=cmd("reminders.common.option_id"))
    @organizer_only
    async def cancel(self, interaction: discord.Interaction, id: int) -> None:
        guild = interaction.guild
        assert guild is not None
        reminder = await logic.cancel(self.bot.db, guild.id, id, self.bot.clock.now())
        self.dispatcher.wake(None)
        if reminder.event_id is not None:
            await delete_event(guild, reminder.event_id)
        await interaction.response.send_message(
            t("reminders.cancel.done", interaction.locale, id=id), ephemeral=True
        )

    @app_commands.command(name="history", description=cmd("reminders.history.description"))
    @app_commands.describe(id=cmd("reminders.history.option_id"))
    @organizer_only
    async def history(self, interaction: discord.Interaction, id: int | None = None) -> None:
        assert interaction.guild is not None
        if id is not None:
            await logic.require(self.bot.db, interaction.guild.id, id)
        rows = await store.history(self.bot.db, interaction.guild.id, id, limit=20)
        if not rows:
            await interaction.response.send_message(
                t("reminders.history.empty", interaction.locale), ephemeral=True
            )
            return
        embed = discord.Embed(
            title=t("reminders.history.title", interaction.locale),
            description=clip(history_lines(rows, interaction.locale), EMBED_DESCRIPTION),
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @create.autocomplete("timezone")
    @edit.autocomplete("timezone")
    async def _timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in suggest_timezones(current)]

    @show.autocomplete("id")
    @edit.autocomplete("id")
    @pause.autocomplete("id")
    @resume.autocomplete("id")
    @cancel.autocomplete("id")
    @history.autocomplete("id")
    async def _id_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild is None:
            return []
        found = await store.list_reminders(
            self.bot.db, interaction.guild.id, limit=AUTOCOMPLETE_CHOICES * 4
        )
        typed = current.strip().lstrip("#")
        choices = []
        for r in found:
            if typed and not str(r.id).startswith(typed):
                continue
            when = (
                datetime.fromtimestamp(r.next_due, UTC).strftime("%Y-%m-%d %H:%M UTC")
                if r.next_due
                else t(f"reminders.status.{r.status}", interaction.locale)
            )
            label = f"#{r.id} {self._name(r.campaign)} · {when}"
            choices.append(app_commands.Choice(name=clip(label, CHOICE_NAME), value=r.id))
        return choices[:AUTOCOMPLETE_CHOICES]

    # --- members ---------------------------------------------------------------------

    @app_commands.command(name="subscribe", description=cmd("reminders.subscribe.description"))
    @app_commands.describe(bill=cmd("reminders.subscribe.option_bill"))
    async def subscribe(self, interaction: discord.Interaction, bill: Bill) -> None:
        guild = interaction.guild
        assert guild is not None
        locale = interaction.locale
        added = await store.subscribe(
            self.bot.db,
            guild.id,
            interaction.user.id,
            bill.slug,
            self.bot.clock.now().isoformat(),
        )
        if not added:
            await interaction.response.send_message(
                t("reminders.subscribe.already", locale, name=bill.short_name), ephemeral=True
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        reachable = await probe_dm(
            interaction.user,
            t("reminders.subscribe.probe", locale, name=bill.short_name, server=guild.name),
        )
        key = "reminders.subscribe.done" if reachable else "reminders.subscribe.dms_closed"
        await interaction.followup.send(t(key, locale, name=bill.short_name), ephemeral=True)

    @app_commands.command(name="unsubscribe", description=cmd("reminders.unsubscribe.description"))
    @app_commands.describe(bill=cmd("reminders.subscribe.option_bill"))
    async def unsubscribe(self, interaction: discord.Interaction, bill: Bill) -> None:
        assert interaction.guild is not None
        removed = await store.unsubscribe(
            self.bot.db, interaction.guild.id, interaction.user.id, bill.slug
        )
        key = "reminders.unsubscribe.done" if removed else "reminders.unsubscribe.not_subscribed"
        await interaction.response.send_message(
            t(key, interaction.locale, name=bill.short_name), ephemeral=True
        )

    @app_commands.command(name="mine", description=cmd("reminders.mine.description"))
    async def mine(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        locale = interaction.locale
        slugs = await store.member_subscriptions(self.bot.db, guild.id, interaction.user.id)
        if not slugs:
            await interaction.response.send_message(
                t("reminders.mine.empty", locale), ephemeral=True
            )
            return
        pending = await store.upcoming(self.bot.db, guild.id, limit=200)
        lines = []
        for slug in slugs:
            due = next((r.next_due for r in pending if r.campaign == slug and r.next_due), None)
            after = (
                t(
                    "reminders.mine.next",
                    locale,
                    when=discord_time(datetime.fromtimestamp(due, UTC), "f"),
                )
                if due
                else ""
            )
            lines.append(t("reminders.mine.line", locale, name=self._name(slug), next=after))
        embed = discord.Embed(
            title=t("reminders.mine.title", locale),
            description=clip("\n".join(lines), EMBED_DESCRIPTION),
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="calendar", description=cmd("reminders.calendar.description"))
    async def calendar(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        locale = interaction.locale
        now = self.bot.clock.now()
        pending = await store.upcoming(self.bot.db, guild.id, limit=200)
        campaigns = {
            c.slug: c for c in await load_campaigns(self.bot.db, self.bot.content, guild.id, now)
        }
        events = []
        for r in pending:
            campaign = campaigns.get(r.campaign)
            name = campaign.short_name if campaign else r.campaign
            for at in logic.upcoming_times(r, now, timedelta(days=CALENDAR_DAYS), limit=100):
                events.append(
                    IcsEvent(
                        uid=f"reminder-{r.id}-{int(at.timestamp())}@{guild.id}",
                        start=at,
                        end=at + logic.EVENT_LENGTH,
                        summary=t("reminders.calendar.summary", locale, name=name),
                        description=t(
                            "reminders.calendar.event_text",
                            locale,
                            name=name,
                            numbers=logic.bill_numbers(campaign, locale),
                            server=guild.name,
                        ),
                    )
                )
        if not events:
            await interaction.response.send_message(
                t("reminders.calendar.empty", locale), ephemeral=True
            )
            return
        events.sort(key=lambda e: e.start)
        text = calendar(events[:500], now, name=guild.name)
        file = discord.File(io.BytesIO(text.encode("utf-8")), filename="call-days.ics")
        await interaction.response.send_message(
            t("reminders.calendar.done", locale), file=file, ephemeral=True
        )
