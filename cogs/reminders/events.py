"""Discord scheduled events for reminders created with ``event:true``, kept in step.

Each occurrence gets an event (external, one hour) so the call day shows in the server's
Events tab. :func:`sync_event` is the one place that keeps it in step with the reminder:
after an edit or a resume, after a cancel, and after an occurrence went out.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord

from bot.campaigns.model import load_campaign
from bot.core.i18n import t
from bot.core.limits import SCHEDULED_EVENT_DESCRIPTION, clip
from bot.reminders import storage as store
from bot.reminders.planning import EVENT_LENGTH
from bot.reminders.states import Status
from bot.reminders.storage import Reminder
from bot.reminders.texts import event_name

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient

log = logging.getLogger(__name__)


def can_manage_events(guild: discord.Guild) -> bool:
    perms = guild.me.guild_permissions
    return perms.manage_events or perms.create_events


async def create_event(
    guild: discord.Guild, name: str, start: datetime, channel_name: str
) -> discord.ScheduledEvent:
    """A call-day event at ``start``; raises :class:`discord.HTTPException` if refused."""
    return await guild.create_scheduled_event(
        name=event_name(name),
        start_time=start,
        end_time=start + EVENT_LENGTH,
        entity_type=discord.EntityType.external,
        privacy_level=discord.PrivacyLevel.guild_only,
        location=t("reminders.event.location"),
        description=clip(
            t("reminders.event.description", name=name, channel=channel_name),
            SCHEDULED_EVENT_DESCRIPTION,
        ),
    )


async def _find(guild: discord.Guild, event_id: int) -> discord.ScheduledEvent:
    event = guild.get_scheduled_event(event_id)
    return event if event is not None else await guild.fetch_scheduled_event(event_id)


async def _move(guild: discord.Guild, event_id: int, start: datetime) -> bool:
    """Move a scheduled event to ``start``; False if it is gone or can no longer move."""
    try:
        event = await _find(guild, event_id)
        if event.status is not discord.EventStatus.scheduled:
            return False
        await event.edit(start_time=start, end_time=start + EVENT_LENGTH)
        return True
    except discord.HTTPException:
        log.info("could not move scheduled event %s", event_id, exc_info=True)
        return False


async def _delete(guild: discord.Guild, event_id: int) -> None:
    """Delete an event that has not ended (one already gone is fine)."""
    try:
        event = await _find(guild, event_id)
        if event.status in (discord.EventStatus.scheduled, discord.EventStatus.active):
            await event.delete()
    except discord.HTTPException:
        log.info("could not delete scheduled event %s", event_id, exc_info=True)


async def _create_for(
    bot: AdvocacyClient, guild: discord.Guild, reminder: Reminder, start: datetime
) -> int | None:
    """A new event for the reminder's occurrence at ``start``; None if Discord refused it."""
    campaign = await load_campaign(
        bot.db, bot.content, reminder.guild_id, reminder.campaign, bot.clock.now()
    )
    channel = guild.get_channel_or_thread(reminder.channel_id)
    try:
        created = await create_event(
            guild,
            campaign.short_name if campaign else reminder.campaign,
            start,
            channel.name if channel else "",
        )
    except discord.HTTPException:
        log.info("could not create the next event of reminder %s", reminder.id)
        return None
    return created.id


async def sync_event(bot: AdvocacyClient, reminder: Reminder, *, went_out: bool = False) -> None:
    """Keep the reminder's scheduled event (if it has one) on its next occurrence.

    - Cancelled: the event is deleted, unless it already ended.
    - ``went_out`` (the event's occurrence was posted, or missed): that event stays, to
      complete by itself, and the next occurrence gets an event of its own.
    - Otherwise (edited, resumed): the event moves to the next occurrence; if it can no
      longer move, the next occurrence gets a new one.
    With no next occurrence the reminder keeps no event. If Discord refuses a new event,
    the stored id stays as it was, so the next sync tries again.
    """
    guild = bot.get_guild(reminder.guild_id)
    if guild is None or reminder.event_id is None:
        return
    if reminder.status is Status.CANCELLED:
        await _delete(guild, reminder.event_id)
        return
    new_id: int | None = None
    if reminder.next_due is None:
        if not went_out:
            await _delete(guild, reminder.event_id)
    else:
        start = datetime.fromtimestamp(reminder.next_due, UTC)
        if not went_out and await _move(guild, reminder.event_id, start):
            return
        new_id = await _create_for(bot, guild, reminder, start)
        if new_id is None:
            return
    await store.update_reminder(
        bot.db, reminder.guild_id, reminder.id, bot.clock.now().isoformat(), event_id=new_id
    )
