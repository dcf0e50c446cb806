"""Repeats on the local wall clock: examples across DST, and properties against a plain oracle."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.reminders.recurrence import REPEATS, Rule, first_occurrence, next_after, occurrences_after
from bot.reminders.timeparse import localize, wall_clock

NY = ZoneInfo("America/New_York")


def test_weekly_6pm_stays_6pm_across_both_changes():
    rule = Rule("weekly", datetime(2026, 2, 27, 18, 0), NY)  # Fridays, 6 pm
    times = list(_take(occurrences_after(rule, datetime(2026, 2, 1, tzinfo=UTC)), 40))
    assert all(wall_clock(at, NY).hour == 18 for at in times)
    utc_hours = {at.hour for at in times}
    assert utc_hours == {22, 23}  # EDT and EST


def test_daily_on_a_skipped_hour_moves_forward_only_that_day():
    rule = Rule("daily", datetime(2026, 3, 6, 2, 30), NY)
    times = list(_take(occurrences_after(rule, datetime(2026, 3, 6, tzinfo=UTC)), 4))
    assert [wall_clock(at, NY) for at in times] == [
        datetime(2026, 3, 6, 2, 30),
        datetime(2026, 3, 7, 2, 30),
        datetime(2026, 3, 8, 3, 30),  # 2:30 doesn't exist that night
        datetime(2026, 3, 9, 2, 30),
    ]


def test_repeated_hour_fires_once():
    rule = Rule("daily", datetime(2026, 10, 30, 1, 30), NY)
    times = list(_take(occurrences_after(rule, datetime(2026, 10, 30, tzinfo=UTC)), 4))
    assert len({wall_clock(at, NY).date() for at in times}) == 4


def test_monthly_on_the_31st_uses_each_months_last_day():
    rule = Rule("monthly", datetime(2026, 1, 31, 18, 0), NY)
    days = [wall_clock(at, NY).day for at in _take(occurrences_after(rule, _utc(2026, 1, 1)), 4)]
    assert days == [31, 28, 31, 30]


def test_weekdays_skip_the_weekend_and_until_ends():
    rule = Rule("weekdays", datetime(2026, 11, 27, 9, 0), NY, until=date(2026, 12, 2))
    days = [wall_clock(at, NY).date() for at in occurrences_after(rule, _utc(2026, 11, 1))]
    assert days == [date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)]


def test_first_occurrence_of_a_weekday_rule_anchored_on_saturday_is_monday():
    rule = Rule("weekdays", datetime(2026, 11, 28, 9, 0), NY)
    assert wall_clock(first_occurrence(rule), NY) == datetime(2026, 11, 30, 9, 0)


def test_a_one_off_has_one_occurrence():
    rule = Rule("none", datetime(2026, 12, 4, 18, 0), NY)
    assert next_after(rule, _utc(2026, 12, 1)) == localize(datetime(2026, 12, 4, 18, 0), NY)
    assert next_after(rule, _utc(2026, 12, 5)) is None


def test_bad_rules_are_refused():
    with pytest.raises(ValueError):
        Rule("hourly", datetime(2026, 1, 1), NY)
    with pytest.raises(ValueError):
        Rule("daily", datetime(2026, 1, 1, tzinfo=UTC), NY)


# --- properties ------------------------------------------------------------------------------

ZONES = [
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Lord_Howe",  # a 30-minute change
    "America/Santiago",
    "Pacific/Chatham",
    "Asia/Hong_Kong",
    "UTC",
]


def _utc(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


def _take(iterator, n):
    for i, item in enumerate(iterator):
        if i >= n:
            return
        yield item


def _oracle(rule: Rule, count: int) -> list[datetime]:
    """The intended local times, stepped one by one from the anchor (no shortcuts)."""
    out: list[datetime] = []
    day = 0
    while len(out) < count:
        if rule.repeat == "monthly":
            month = rule.anchor.month - 1 + day
            year, month = rule.anchor.year + month // 12, month % 12 + 1
            last = calendar.monthrange(year, month)[1]
            out.append(rule.anchor.replace(year=year, month=month, day=min(rule.anchor.day, last)))
        else:
            candidate = rule.anchor + timedelta(days=day)
            if rule.repeat == "none":
                return [rule.anchor]
            wanted = {
                "daily": True,
                "weekdays": candidate.weekday() < 5,
                "weekly": day % 7 == 0,
                "biweekly": day % 14 == 0,
            }
            if wanted[rule.repeat]:
                out.append(candidate)
        day += 1
    return out


anchors = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2029, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@settings(max_examples=200, deadline=None)
@given(
    repeat=st.sampled_from(REPEATS),
    anchor=anchors,
    zone=st.sampled_from(ZONES),
    skip=st.integers(min_value=0, max_value=400 * 24),
)
def test_every_occurrence_lands_on_the_intended_local_wall_time(repeat, anchor, zone, skip):
    rule = Rule(repeat, anchor, ZoneInfo(zone))
    after = localize(anchor, rule.zone) + timedelta(hours=skip) - timedelta(days=1)
    expected = [
        at for at in (localize(local, rule.zone) for local in _oracle(rule, 500)) if at > after
    ][:5]
    assume(expected or repeat == "none")
    got = list(_take(occurrences_after(rule, after), len(expected) or 1))
    assert got == expected
    for at in got:
        intended = next(local for local in _oracle(rule, 500) if localize(local, rule.zone) == at)
        shown = wall_clock(at, rule.zone)
        if (
            localize(shown, rule.zone) == at
            and wall_clock(localize(intended, rule.zone), rule.zone) == intended
        ):
            assert shown == intended  # the time exists: exactly the intended wall time
        else:
            assert shown > intended  # skipped by a change: moved forward, never back
            assert shown - intended <= timedelta(hours=1)


@settings(max_examples=200, deadline=None)
@given(
    repeat=st.sampled_from(REPEATS),
    anchor=anchors,
    zone=st.sampled_from(ZONES),
    after=st.datetimes(min_value=datetime(2024, 6, 1), max_value=datetime(2031, 1, 1)),
)
def test_next_after_is_strictly_later_and_increasing(repeat, anchor, zone, after):
    rule = Rule(repeat, anchor, ZoneInfo(zone))
    moment = after.replace(tzinfo=UTC)
    times = list(_take(occurrences_after(rule, moment), 6))
    assert all(at > moment for at in times)
    assert times == sorted(set(times))
    assert next_after(rule, moment) == (times[0] if times else None)
