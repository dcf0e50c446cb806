"""Reading "when": examples people type, and a property: a future time or a clear refusal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import UserError
from bot.core.i18n import t
from bot.reminders.timeparse import MAX_AHEAD, localize, parse_until, parse_when, wall_clock

NY = ZoneInfo("America/New_York")
# Friday 27 November 2026, 16:00 in New York.
NOW = datetime(2026, 11, 27, 21, 0, tzinfo=UTC)


def local(text: str, zone: ZoneInfo = NY, now: datetime = NOW) -> datetime:
    return wall_clock(parse_when(text, zone, now), zone)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 18:00", datetime(2026, 11, 28, 18, 0)),
        ("in 2 hours", datetime(2026, 11, 27, 18, 0)),
        ("2026-12-04 18:30", datetime(2026, 12, 4, 18, 30)),
        ("friday 6pm", datetime(2026, 12, 4, 18, 0)),
        ("next monday 9am", datetime(2026, 11, 30, 9, 0)),
        ("Dec 4 6:30 pm", datetime(2026, 12, 4, 18, 30)),
        ("6pm", datetime(2026, 11, 27, 18, 0)),
        ("  in   10   minutes ", datetime(2026, 11, 27, 16, 10)),
    ],
)
def test_what_people_type(text, expected):
    assert local(text) == expected


def test_discord_timestamp_is_exact():
    assert parse_when("<t:1796000000:F>", NY, NOW) == datetime.fromtimestamp(1796000000, UTC)
    assert parse_when("<t:1796000000>", NY, NOW) == datetime.fromtimestamp(1796000000, UTC)


def test_the_zone_decides_the_wall_clock():
    la = ZoneInfo("America/Los_Angeles")
    assert parse_when("2026-12-04 18:30", la, NOW) - parse_when(
        "2026-12-04 18:30", NY, NOW
    ) == timedelta(hours=3)


def test_relative_times_cross_a_dst_change_exactly():
    before_change = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 1:30 EDT, the repeated hour
    assert parse_when("in 2 hours", NY, before_change) == before_change + timedelta(hours=2)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("yesterday 6pm", "reminders.when.past"),
        ("2026-11-27 09:00", "reminders.when.past"),
        ("2028-01-01 09:00", "reminders.when.too_far"),
        ("when pigs fly", "reminders.when.unreadable"),
        ("", "reminders.when.unreadable"),
        ("!!!", "reminders.when.unreadable"),
        ("x" * 500, "reminders.when.unreadable"),
        ("<t:99999999999999:F>", "reminders.when.unreadable"),
    ],
)
def test_refusals(text, key):
    with pytest.raises(UserError) as caught:
        parse_when(text, NY, NOW)
    assert caught.value.key == key
    assert t(caught.value.key, **caught.value.values)  # every refusal formats


def test_unreadable_refusal_shows_examples():
    with pytest.raises(UserError) as caught:
        parse_when("when pigs fly", NY, NOW)
    text = t(caught.value.key, **caught.value.values)
    assert "friday 6pm" in text and "in 2 hours" in text


def test_nonexistent_and_ambiguous_local_times():
    # 8 March 2026, 2:30 doesn't exist in New York: clocks jump from 2:00 to 3:00.
    assert wall_clock(localize(datetime(2026, 3, 8, 2, 30), NY), NY) == datetime(2026, 3, 8, 3, 30)
    # 1 November 2026, 1:30 happens twice: the first (EDT) is taken.
    assert localize(datetime(2026, 11, 1, 1, 30), NY) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_until_reads_a_day():
    assert parse_until("2027-03-31", NY, NOW) == date(2027, 3, 31)
    assert parse_until("dec 31", NY, NOW) == date(2026, 12, 31)
    with pytest.raises(UserError):
        parse_until("2026-01-01", NY, NOW)


ZONES = ["America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Hong_Kong", "UTC"]
WORDS = ["tomorrow", "friday", "next", "in", "2", "hours", "6pm", "18:00", "at", "dec", "4"]


@settings(max_examples=150, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=40),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    ),
    zone=st.sampled_from(ZONES),
    offset=st.integers(min_value=0, max_value=3 * 365 * 24 * 3600),
)
def test_any_text_gives_a_future_time_or_a_clear_refusal(text, zone, offset):
    now = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=offset)
    try:
        at = parse_when(text, ZoneInfo(zone), now)
    except UserError as refusal:
        assert refusal.key.startswith("reminders.when.")
        assert t(refusal.key, **refusal.values)
        return
    assert at.tzinfo is not None
    assert now < at <= now + MAX_AHEAD
