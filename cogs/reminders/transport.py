"""The reminders' Discord transport: the channel post with its call buttons, DMs, the log.

The delivery engine (:mod:`bot.reminders.delivery`) decides what goes out and records it;
this is how it reaches Discord. Also :func:`probe_dm`, the test DM on /remind subscribe.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import discord

from bot.campaigns.model import Campaign, load_campaign
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.reminders import delivery_records as records
from bot.reminders.delivery import DeliveryFailed, Occurrence, make_nonce
from bot.reminders.states import Failure
from bot.reminders.storage import Reminder, subscribers
from bot.reminders.texts import bill_numbers, dm_text, post_text
from bot.reps.lookup import own_office_lines
from cogs.calls.buttons import call_action_view
from cogs.reminders.checks import PostChannel
from cogs.reminders.events import sync_event

if TYPE_CHECKING:
    from bot.app import AdvocacyBot

log = logging.getLogger(__name__)

DM_CONCURRENCY = 10
EARLIER_POST_SCAN = 50  # messages read on a retry to find a post made before a crash


class DiscordTransport:
    """Posts through the bot: the channel post with the call buttons, then the DMs.

    Implements :class:`bot.reminders.delivery.Transport`.
    """

    def __init__(self, bot: AdvocacyBot) -> None:
        self.bot = bot
        self._dm_limit = asyncio.Semaphore(DM_CONCURRENCY)

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
    def _names(campaign: Campaign | None, slug: str) -> tuple[str, str]:
        if campaign is None:
            return slug, ""
        return campaign.short_name, bill_numbers(campaign)

    async def post(self, occ: Occurrence) -> int:
        reminder = occ.reminder
        guild = self.bot.get_guild(reminder.guild_id)
        channel = guild.get_channel_or_thread(reminder.channel_id) if guild else None
        if guild is None or not isinstance(channel, PostChannel):
            raise DeliveryFailed(Failure.CHANNEL_MISSING)
        perms = channel.permissions_for(guild.me)
        if not (perms.view_channel and perms.send_messages):
            raise DeliveryFailed(Failure.FORBIDDEN)
        role = guild.get_role(reminder.role_id) if reminder.role_id else None
        if role is not None and role.is_default():
            role = None  # never @everyone
        campaign = await self._campaign(reminder)
        name, numbers = self._names(campaign, reminder.campaign)
        mention = f"{role.mention} " if role else ""
        on_time = post_text(mention, name, numbers, reminder.note, occ.due, None)
        text = (
            post_text(mention, name, numbers, reminder.note, occ.due, occ.due)
            if occ.late
            else on_time
        )
        if occ.retry:
            earlier = await self._earlier_post(channel, occ, on_time)
            if earlier is not None:
                return earlier
        mentions = discord.AllowedMentions(
            everyone=False, users=False, roles=[role] if role else False
        )
        try:
            if campaign is None:
                message = await channel.send(text, nonce=occ.nonce, allowed_mentions=mentions)
            else:
                message = await channel.send(
                    text,
                    nonce=occ.nonce,
                    allowed_mentions=mentions,
                    view=call_action_view(campaign.slug),
                )
        except discord.NotFound as exc:
            raise DeliveryFailed(Failure.CHANNEL_MISSING, str(exc.code)) from exc
        except discord.Forbidden as exc:
            raise DeliveryFailed(Failure.FORBIDDEN, str(exc.code)) from exc
        except discord.HTTPException as exc:
            raise DeliveryFailed(Failure.HTTP, str(exc.status)) from exc
        return message.id

    async def _earlier_post(self, channel: PostChannel, occ: Occurrence, base: str) -> int | None:
        """On a retry: the post an earlier attempt made before the process died, if any.

        Discord drops a repeated nonce only for a few minutes, so after longer downtime the
        channel itself is checked: a message of ours since the due time that starts with
        this post's text (``base``: without a "late" line), whose id no delivery recorded.
        """
        me = channel.guild.me
        try:
            async for message in channel.history(
                limit=EARLIER_POST_SCAN, after=occ.due - timedelta(seconds=1)
            ):
                if message.author.id == me.id and message.content.startswith(base):
                    recorded = await records.message_recorded(
                        self.bot.db, occ.reminder.guild_id, message.id
                    )
                    if not recorded:
                        return message.id
        except discord.HTTPException:
            log.info("could not read #%s to check for an earlier post", channel)
        return None

    async def direct_messages(self, occ: Occurrence) -> tuple[int, int]:
        """DM every subscriber not yet reached for this occurrence (a retry skips them)."""
        reminder = occ.reminder
        occurrence = int(occ.due.timestamp())
        users = await subscribers(self.bot.db, reminder.guild_id, reminder.campaign)
        if not users:
            return 0, 0
        done = await records.dms_done(self.bot.db, reminder, occurrence)
        guild = self.bot.get_guild(reminder.guild_id)
        campaign = await self._campaign(reminder)
        name, numbers = self._names(campaign, reminder.campaign)

        async def text_for(user_id: int) -> str:
            return dm_text(
                guild.name if guild else "",
                name,
                numbers,
                reminder.note,
                occ.due,
                occ.due if occ.late else None,
                offices=await self._own_offices(reminder.guild_id, user_id, campaign),
            )

        results = await asyncio.gather(
            *(
                self._dm(user_id, text_for, occ, campaign)
                for user_id in users
                if user_id not in done
            )
        )
        sent = sum(results) + sum(done.values())
        return sent, len(results) + len(done) - sent

    async def _own_offices(
        self, guild_id: int, user_id: int, campaign: Campaign | None
    ) -> list[str]:
        """The member's own offices for the campaign's current versions (none if unsaved)."""
        if campaign is None:
            return []
        lines: list[str] = []
        for version in campaign.current_versions:
            lines += await own_office_lines(self.bot.db, guild_id, user_id, version.chamber)
        return lines

    async def _dm(
        self,
        user_id: int,
        text_for: Callable[[int], Awaitable[str]],
        occ: Occurrence,
        campaign: Campaign | None,
    ) -> bool:
        reminder = occ.reminder
        occurrence = int(occ.due.timestamp())
        async with self._dm_limit:
            try:
                text = await text_for(user_id)
                # No user lookup: the DM channel opens from the id alone (one request, cached).
                channel = await self.bot.create_dm(discord.Object(id=user_id))
                nonce = make_nonce(reminder.id, occurrence, user_id)
                none = discord.AllowedMentions.none()
                if campaign is None:
                    await channel.send(text, nonce=nonce, allowed_mentions=none)
                else:
                    view = call_action_view(campaign.slug, guild_id=reminder.guild_id)
                    await channel.send(text, nonce=nonce, allowed_mentions=none, view=view)
                sent = True
            except discord.HTTPException:
                log.info("could not DM member %s for reminder %s", user_id, reminder.id)
                sent = False
        await records.record_dm(self.bot.db, reminder, occurrence, user_id, sent)
        return sent

    async def moved_on(self, reminder: Reminder, next_due: int | None) -> None:
        """An occurrence went out (or was missed): the next one gets its own event."""
        await sync_event(self.bot, reminder, went_out=True)

    async def report(self, reminder: Reminder, key: str, **values: str | int) -> None:
        settings = await get_guild_settings(self.bot.db, reminder.guild_id)
        if settings.log_channel_id is None:
            return
        guild = self.bot.get_guild(reminder.guild_id)
        channel = guild.get_channel(settings.log_channel_id) if guild else None
        if not isinstance(channel, PostChannel):
            return
        try:
            await channel.send(
                clip(t(key, **values), MESSAGE_CONTENT),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            log.warning("could not post to the log channel of server %s", reminder.guild_id)


async def probe_dm(user: discord.User | discord.Member, text: str) -> bool:
    """Try a DM (on subscribe); False when the member's DMs are closed to the bot."""
    try:
        await user.send(text, allowed_mentions=discord.AllowedMentions.none())
        return True
    except discord.HTTPException:
        return False
