"""A server's upcoming call days as calendar events, for /reminders calendar's .ics file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from bot.campaigns.model import Campaign
from bot.core.i18n import Locale, t
from bot.reminders.ics import IcsEvent
from bot.reminders.lifecycle import upcoming_times
from bot.reminders.planning import EVENT_LENGTH
from bot.reminders.storage import Reminder
from bot.reminders.texts import bill_numbers

CALENDAR_DAYS = 90
PER_REMINDER = 100  # occurrences of one reminder at most
EVENTS_MAX = 500  # events in one file at most


def call_days(
    reminders: Iterable[Reminder],
    campaigns: Mapping[str, Campaign],
    now: datetime,
    *,
    server_id: int,
    server_name: str,
    locale: Locale | None,
) -> list[IcsEvent]:
    """The active reminders' occurrences in the next :data:`CALENDAR_DAYS`, soonest first."""
    events = []
    for r in reminders:
        campaign = campaigns.get(r.campaign)
        name = campaign.short_name if campaign else r.campaign
        numbers = bill_numbers(campaign, locale)
        for at in upcoming_times(r, now, timedelta(days=CALENDAR_DAYS), limit=PER_REMINDER):
            events.append(
                IcsEvent(
                    uid=f"reminder-{r.id}-{int(at.timestamp())}@{server_id}",
                    start=at,
                    end=at + EVENT_LENGTH,
                    summary=t("reminders.calendar.summary", locale, name=name),
                    description=t(
                        "reminders.calendar.event_text",
                        locale,
                        name=name,
                        numbers=numbers,
                        server=server_name,
                    ),
                )
            )
    events.sort(key=lambda e: e.start)
    return events[:EVENTS_MAX]
