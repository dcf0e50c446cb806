"""Discord scheduled events for reminders created with ``event:true``, kept in step.

Each occurrence gets an event (external, one hour) so the call day shows in the server's
Events tab. Editing the reminder moves the event; cancelling deletes it; after a repeating
reminder goes out, the next occurrence gets a new event (the past one completes by itself).
"""

from __future__ import annotations

import logging
from datetime import datetime

import discord

from bot.core.i18n import t
from bot.core.limits import SCHEDULED_EVENT_DESCRIPTION, clip
from bot.reminders.planning import EVENT_LENGTH, event_name

log = logging.getLogger(__name__)


def can_manage_events(guild: discord.Guild) -> bool:
    perms = guild.me.guild_permissions
    return perms.manage_events or perms.create_events


async def create_event(
    guild: discord.Guild, name: str, start: datetime, channel_name: str
) -> discord.ScheduledEvent:
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


async def move_event(guild: discord.Guild, event_id: int, start: datetime) -> bool:
    """Move a scheduled event to ``start``; False if it is gone or can no longer move."""
    event = guild.get_scheduled_event(event_id)
    try:
        if event is None:
            event = await guild.fetch_scheduled_event(event_id)
        if event.status is not discord.EventStatus.scheduled:
            return False
        await event.edit(start_time=start, end_time=start + EVENT_LENGTH)
        return True
    except discord.HTTPException:
        log.info("could not move scheduled event %s", event_id, exc_info=True)
        return False


async def delete_event(guild: discord.Guild, event_id: int) -> None:
    event = guild.get_scheduled_event(event_id)
    try:
        if event is None:
            event = await guild.fetch_scheduled_event(event_id)
        if event.status in (discord.EventStatus.scheduled, discord.EventStatus.active):
            await event.delete()
    except discord.HTTPException:
        log.info("could not delete scheduled event %s", event_id, exc_info=True)
