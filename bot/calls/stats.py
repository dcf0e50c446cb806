"""Periods and streaks for call tallies, in the server's time zone.

A "day" is the calendar date where the server is (its /setup time zone). Weeks start on
Monday; a month is the calendar month. A member's weekly streak counts consecutive weeks
with at least one call, ending this week (or last week, if they haven't called yet this
week: a streak isn't broken until a whole week passes without a call).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.database import Database
from bot.core.guild_settings import get_guild_settings


@dataclass(frozen=True, slots=True)
class Periods:
    today: date
    week_start: date
    month_start: date


def periods(now: datetime, zone: ZoneInfo) -> Periods:
    today = now.astimezone(zone).date()
    return Periods(today, today - timedelta(days=today.weekday()), today.replace(day=1))


def week_of(day: date | str) -> date:
    """The Monday of the week ``day`` falls in."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Streak:
    """Consecutive weeks with a call: ``weeks`` of them, the last one starting ``week``."""

    week: date
    weeks: int

    def after_call(self, day: date | str) -> Streak:
        """The streak once a call on ``day`` is counted (a day before ``week`` changes nothing)."""
        week = week_of(day)
        if week == self.week + timedelta(days=7):
            return Streak(week, self.weeks + 1)
        return Streak(week, 1) if week > self.week else self

    def shown(self, today: date) -> int:
        """The streak as of ``today``: alive through the week after its last one."""
        this_week = week_of(today)
        return self.weeks if self.week in (this_week, this_week - timedelta(days=7)) else 0


def streak_of(days: Iterable[str | date]) -> Streak | None:
    """The run of weeks with a call that ends at the latest one (None: no calls)."""
    weeks = {week_of(d) for d in days}
    if not weeks:
        return None
    last = week = max(weeks)
    count = 0
    while week in weeks:
        count += 1
        week -= timedelta(days=7)
    return Streak(last, count)


def weekly_streak(days: list[str] | list[date], today: date) -> int:
    """Consecutive Monday-start weeks with a call, ending this week or last week."""
    current = [d for d in days if week_of(d) <= week_of(today)]
    streak = streak_of(current)
    return 0 if streak is None else streak.shown(today)


async def server_zone(db: Database, guild_id: int, default: str) -> ZoneInfo:
    settings = await get_guild_settings(db, guild_id)
    try:
        return ZoneInfo(settings.timezone or default)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("America/New_York")
