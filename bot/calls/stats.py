"""Periods and streaks for call tallies, in the server's time zone.

A "day" is the calendar date where the server is (its /setup time zone). Weeks start on
Monday; a month is the calendar month. A member's weekly streak counts consecutive weeks
with at least one call, ending this week (or last week, if they haven't called yet this
week: a streak isn't broken until a whole week passes without a call).
"""

from __future__ import annotations

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


def weekly_streak(days: list[str] | list[date], today: date) -> int:
    """Consecutive Monday-start weeks with a call, ending this week or last week."""
    weeks = set()
    for d in days:
        day = date.fromisoformat(d) if isinstance(d, str) else d
        weeks.add(day - timedelta(days=day.weekday()))
    this_week = today - timedelta(days=today.weekday())
    week = this_week if this_week in weeks else this_week - timedelta(days=7)
    streak = 0
    while week in weeks:
        streak += 1
        week -= timedelta(days=7)
    return streak


async def server_zone(db: Database, guild_id: int, default: str) -> ZoneInfo:
    settings = await get_guild_settings(db, guild_id)
    try:
        return ZoneInfo(settings.timezone or default)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("America/New_York")
