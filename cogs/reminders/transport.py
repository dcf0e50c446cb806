"""The reminders' Discord transport: the channel post, the DMs, the log channel.

The delivery engine (:mod:`bot.reminders.delivery`) and the fan-out
(:mod:`bot.reminders.fanout`) decide what goes out and record it; this is how it reaches
Discord. Every request first takes a slot from the shared
:class:`~bot.reminders.pacing.Pacer` (posts before DMs, the global limit kept ahead of time;
what discord.py's own rate limiter does is told in that module). Also :func:`probe_dm`, the
test DM on /reminders subscribe.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord

from bot.calls.standing import own_office_standing_lines
from bot.campaigns.model import Campaign, load_campaign
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import Locale
from bot.core.language import server_locale
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.privacy.member_language import dm_locale
from bot.reminders import delivery_records as records
from bot.reminders.jobs import DeliveryFailed, DmJob, Occurrence
from bot.reminders.pacing import Lane, Pacer
from bot.reminders.states import DmOutcome, Failure
from bot.reminders.storage import Reminder
from bot.reminders.texts import bill_numbers, dm_text, notice_text, post_text
from cogs.calls.buttons import call_action_view
from cogs.reminders.checks import PostChannel
from cogs.reminders.events import sync_event
from cogs.reminders.notice_view import notice_view
from cogs.reminders.stop_button import StopDmsButton, has_component

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

log = logging.getLogger(__name__)

EARLIER_POST_SCAN = 50  # messages read on a retry to find a post made before a crash
EARLIER_DM_SCAN = 50  # likewise in a member's DM channel
DM_CHANNELS_KEPT = 50_000  # members' DM channel ids remembered (in memory only)
UNKNOWN_MEMBER = 10007  # Discord's code: the user is not a member of the server
PASSING = frozenset({429, 500, 502, 503, 504, 524})  # statuses worth trying again later


class DiscordTransport:
    """Posts and DMs through the bot; implements :class:`bot.reminders.jobs.Transport`."""

    def __init__(self, bot: AdvocacyClient, pacer: Pacer) -> None:
        self.bot = bot
        self.pacer = pacer
        # discord.py keeps only 128 DM channels; a fan-out to thousands would reopen each.
        self._dm_channels: OrderedDict[int, int] = OrderedDict()

    async def _campaign(self, reminder: Reminder) -> Campaign | None:
        """The reminder's campaign as its server sees it (None if it no longer has it)."""
        return await load_campaign(
            self.bot.db,
            self.bot.content,
            reminder.guild_id,
            reminder.campaign,
            self.bot.clock.now(),
        )

    @staticmethod
    def _names(campaign: Campaign | None, slug: str, locale: Locale) -> tuple[str, str]:
        if campaign is None:
            return slug, ""
        return campaign.short_name, bill_numbers(campaign, locale)

    # --- the channel post -----------------------------------------------------------------

    def _channel(self, reminder: Reminder) -> tuple[discord.Guild, PostChannel]:
        guild = self.bot.get_guild(reminder.guild_id)
        if guild is None:
            raise DeliveryFailed(Failure.NOT_IN_SERVER)
        channel = guild.get_channel_or_thread(reminder.channel_id)
        if not isinstance(channel, PostChannel):
            raise DeliveryFailed(Failure.CHANNEL_MISSING)
        return guild, channel

    async def _post_texts(self, occ: Occurrence, role: discord.Role | None) -> tuple[str, str]:
        """(the post as it reads on time, as it reads now) for the occurrence."""
        reminder = occ.reminder
        locale = await server_locale(self.bot.db, reminder.guild_id)
        campaign = await self._campaign(reminder)
        name, numbers = self._names(campaign, reminder.campaign, locale)
        mention = f"{role.mention} " if role else ""
        on_time = post_text(mention, name, numbers, reminder.note, occ.due, None, locale)
        if not occ.late:
            return on_time, on_time
        late = post_text(mention, name, numbers, reminder.note, occ.due, occ.due, locale)
        return on_time, late

    async def post(self, occ: Occurrence) -> int:
        reminder = occ.reminder
        guild, channel = self._channel(reminder)
        perms = channel.permissions_for(guild.me)
        if not (perms.view_channel and perms.send_messages):
            raise DeliveryFailed(Failure.FORBIDDEN)
        role = guild.get_role(reminder.role_id) if reminder.role_id else None
        if role is not None and role.is_default():
            role = None  # never @everyone
        campaign = await self._campaign(reminder)
        _, text = await self._post_texts(occ, role)
        mentions = discord.AllowedMentions(
            everyone=False, users=False, roles=[role] if role else False
        )
        await self.pacer.acquire(Lane.POST)
        try:
            if campaign is None:
                message = await channel.send(text, nonce=occ.nonce, allowed_mentions=mentions)
            else:
                message = await channel.send(
                    text,
                    nonce=occ.nonce,
                    allowed_mentions=mentions,
                    view=call_action_view(
                        campaign.slug,
                        locale=await server_locale(self.bot.db, reminder.guild_id),
                    ),
                )
        except discord.NotFound as exc:
            raise DeliveryFailed(Failure.CHANNEL_MISSING, str(exc.code)) from exc
        except discord.Forbidden as exc:
            raise DeliveryFailed(Failure.FORBIDDEN, str(exc.code)) from exc
        except discord.HTTPException as exc:
            raise DeliveryFailed(Failure.HTTP, str(exc.status)) from exc
        return message.id

    async def find_post(self, occ: Occurrence) -> int | None:
        """On a retry: the post an earlier attempt made before the process died, if any.

        Discord drops a repeated nonce only for a few minutes, so after longer downtime the
        channel itself is checked: a message of ours since the due time that starts with
        this post's text (as it reads on time), whose id no delivery recorded.
        """
        try:
            guild, channel = self._channel(occ.reminder)
        except DeliveryFailed:
            return None
        role = guild.get_role(occ.reminder.role_id) if occ.reminder.role_id else None
        base, _ = await self._post_texts(occ, None if role and role.is_default() else role)
        await self.pacer.acquire(Lane.POST)
        try:
            async for message in channel.history(
                limit=EARLIER_POST_SCAN, after=occ.due - timedelta(seconds=1)
            ):
                if message.author.id == guild.me.id and message.content.startswith(base):
                    recorded = await records.message_recorded(
                        self.bot.db, occ.reminder.guild_id, message.id
                    )
                    if not recorded:
                        return message.id
        except discord.HTTPException:
            log.info("could not read #%s to check for an earlier post", channel)
        return None

    # --- one DM ---------------------------------------------------------------------------

    async def direct_message(self, job: DmJob) -> DmOutcome:
        """Check the member is still in the server, then DM them (a retry looks first)."""
        guild = self.bot.get_guild(job.reminder.guild_id)
        if guild is None:
            return DmOutcome.FAILED  # removed from the server: its DMs are dropped
        await self.pacer.acquire(Lane.DM)
        try:
            await guild.fetch_member(job.user_id)
        except discord.NotFound as exc:
            if exc.code == UNKNOWN_MEMBER:
                return DmOutcome.NOT_A_MEMBER
            return DmOutcome.FAILED
        except discord.HTTPException as exc:
            if exc.status in PASSING:
                return DmOutcome.RETRY
            # Can't tell (e.g. no access): they were subscribed, so the DM is still made.
        try:
            channel = await self._dm_channel(job.user_id)
            if job.retry and await self._already_sent(channel, job):
                return DmOutcome.ALREADY_SENT
            text, view = await self._dm_message(guild, job)
            await self.pacer.acquire(Lane.DM)
            none = discord.AllowedMentions.none()
            await channel.send(text, nonce=job.nonce, allowed_mentions=none, view=view)
        except discord.HTTPException as exc:
            if exc.status in PASSING:
                return DmOutcome.RETRY
            log.info("could not DM a member for reminder %s (%s)", job.reminder.id, exc.status)
            return DmOutcome.FAILED
        return DmOutcome.SENT

    async def _dm_channel(self, user_id: int) -> discord.abc.Messageable:
        """The member's DM channel, opened once (a request) and then remembered by id."""
        channel_id = self._dm_channels.get(user_id)
        if channel_id is None:
            user = self.bot.get_user(user_id)
            dm = user.dm_channel if user is not None else None
            if dm is None:
                await self.pacer.acquire(Lane.DM)
                dm = await self.bot.create_dm(discord.Object(id=user_id))
            channel_id = dm.id
            self._dm_channels[user_id] = channel_id
            if len(self._dm_channels) > DM_CHANNELS_KEPT:
                self._dm_channels.popitem(last=False)
        else:
            self._dm_channels.move_to_end(user_id)
        return self.bot.get_partial_messageable(channel_id, type=discord.ChannelType.private)

    async def _already_sent(self, channel: discord.abc.Messageable, job: DmJob) -> bool:
        """Whether an earlier attempt's DM is in the channel: a message of ours since the due
        time carrying this occurrence's "Stop these DMs" button (its id names the occurrence)."""
        wanted = StopDmsButton.for_job(job).custom_id
        me = self.bot.user
        await self.pacer.acquire(Lane.DM)
        async for message in channel.history(
            limit=EARLIER_DM_SCAN, after=job.due - timedelta(seconds=1)
        ):
            if me is not None and message.author.id == me.id and has_component(message, wanted):
                return True
        return False

    async def _dm_message(self, guild: discord.Guild, job: DmJob) -> tuple[str, discord.ui.View]:
        reminder = job.reminder
        campaign = await self._campaign(reminder)
        locale = await dm_locale(self.bot.db, reminder.guild_id, job.user_id)
        name, numbers = self._names(campaign, reminder.campaign, locale)
        offices: list[str] = []
        if campaign is not None:  # each office with where it stands on the bill
            offices = await own_office_standing_lines(
                self.bot.db, reminder.guild_id, job.user_id, campaign, locale
            )
        text = dm_text(
            guild.name,
            name,
            numbers,
            reminder.note,
            job.due,
            job.due if job.late else None,
            locale,
            offices=offices,
        )
        if campaign is None:
            view = discord.ui.View(timeout=None)
        else:
            view = call_action_view(campaign.slug, guild_id=reminder.guild_id, locale=locale)
        view.add_item(StopDmsButton.for_job(job, locale))
        return text, view

    # --- the organizers and the scheduled event -------------------------------------------

    async def moved_on(self, reminder: Reminder, next_due: int | None) -> None:
        """An occurrence went out (or was missed): the next one gets its own event."""
        await self.pacer.acquire(Lane.POST)
        await sync_event(self.bot, reminder, went_out=True)

    async def report(self, guild_id: int, key: str, values: dict[str, Any]) -> bool:
        """Tell the organizers in the server's log channel; False if that can't be done."""
        settings = await get_guild_settings(self.bot.db, guild_id)
        if settings.log_channel_id is None:
            return False
        guild = self.bot.get_guild(guild_id)
        channel = guild.get_channel(settings.log_channel_id) if guild else None
        if not isinstance(channel, PostChannel):
            return False
        locale = await server_locale(self.bot.db, guild_id)
        text = clip(notice_text(key, values, locale), MESSAGE_CONTENT)
        none = discord.AllowedMentions.none()
        view = notice_view(guild_id, key, locale)
        await self.pacer.acquire(Lane.POST)
        try:
            if view is None:
                await channel.send(text, allowed_mentions=none)
            else:
                await channel.send(text, allowed_mentions=none, view=view)
        except discord.HTTPException:
            log.warning("could not post to the log channel of server %s", guild_id)
            return False
        return True


async def probe_dm(user: discord.User | discord.Member, text: str) -> bool:
    """Try a DM (on subscribe); False when the member's DMs are closed to the bot."""
    try:
        await user.send(text, allowed_mentions=discord.AllowedMentions.none())
        return True
    except discord.HTTPException:
        return False
