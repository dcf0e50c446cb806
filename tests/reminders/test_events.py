"""Discord scheduled events kept in step with reminders, and the calendar (.ics) file."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import restart, schedule, stop_delivering, stored

NY = ZoneInfo("America/New_York")

pytestmark = pytest.mark.usefixtures("close_restarted_bots")


async def test_event_is_created_moved_and_deleted_with_the_reminder(world):
    reminder = await schedule(world, "2026-01-05 18:00", event=True)
    events = list(world.env.backend.guilds[world.guild.id].scheduled_events.values())
    assert len(events) == 1 and events[0].name == "Call day: HKETO Certification Act"
    start = datetime(2026, 1, 5, 18, 0, tzinfo=NY)
    assert datetime.fromisoformat(events[0].scheduled_start_time) == start
    await world.organizer.slash(world.general, "remind edit", id=reminder, when="2026-01-06 18:00")
    moved = next(iter(world.env.backend.guilds[world.guild.id].scheduled_events.values()))
    assert datetime.fromisoformat(moved.scheduled_start_time) == start + timedelta(days=1)
    await world.organizer.slash(world.general, "remind cancel", id=reminder)
    assert not world.env.backend.guilds[world.guild.id].scheduled_events


async def test_a_repeating_reminders_next_call_day_gets_its_own_event(world):
    await schedule(world, "2026-01-05 18:00", repeat="weekly", event=True)
    await world.env.advance_time(5 * 24 * 3600)
    events = world.env.backend.guilds[world.guild.id].scheduled_events.values()
    starts = sorted(datetime.fromisoformat(e.scheduled_start_time) for e in events)
    first = datetime(2026, 1, 5, 18, 0, tzinfo=NY)
    assert starts == [first, first + timedelta(days=7)]


async def test_after_missed_occurrences_the_event_moves_to_the_next_call_day(world):
    reminder = await schedule(world, "2026-01-05 18:00", repeat="weekly", event=True)
    await stop_delivering(world)
    await world.env.advance_time(10 * 24 * 3600)  # down across the first call day
    await restart(world)
    await world.env.advance_time(1)
    assert await stored(world, reminder, "next_due") == (
        int(datetime(2026, 1, 12, 18, 0, tzinfo=NY).timestamp()),
    )
    starts = [
        datetime.fromisoformat(e.scheduled_start_time)
        for e in world.env.backend.guilds[world.guild.id].scheduled_events.values()
        if e.status == 1  # scheduled, not completed or cancelled
    ]
    assert datetime(2026, 1, 12, 18, 0, tzinfo=NY) in starts


async def test_calendar_attaches_an_ics_file_of_upcoming_call_days(world):
    await schedule(world, "2026-01-05 18:00", repeat="weekly")
    result = await world.member.slash(world.general, "reminders calendar")
    assert result.ephemeral
    attachment = result.response.attachments[0]
    assert attachment.filename == "call-days.ics"
    text = (await attachment.read()).decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 13  # weekly for 90 days
    assert "DTSTART:20260105T230000Z" in text
