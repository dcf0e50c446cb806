"""Problems found by driving the demo as a newcomer would; each test failed before its fix."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.demo.render import Names
from bot.reminders.timeparse import parse_when


async def test_blank_bill_is_asked_for_not_called_empty_quotes(world):
    result = await world.member.slash(world.general, "bills info", bill="   ")
    assert result.ephemeral
    text = result.response.content
    assert "“”" not in text
    assert text.startswith("Please type a bill")


async def test_unknown_bill_echo_is_shown_as_typed_not_as_markdown(world):
    result = await world.member.slash(world.general, "bills info", bill="**HK**")
    assert result.ephemeral
    assert "“\\*\\*HK\\*\\*”" in result.response.content


async def test_blank_timezone_is_asked_for(world):
    result = await world.organizer.slash(world.general, "setup timezone", name="   ")
    assert result.ephemeral
    assert result.response.content.startswith("Please type a time zone")


async def test_blank_reminder_time_is_asked_for(world):
    result = await world.organizer.slash(world.general, "remind create", bill="HKETO", when="   ")
    assert result.ephemeral
    text = result.response.content
    assert "“”" not in text
    assert text.startswith("Please type when the reminder should go out")


def test_demo_shows_an_out_of_range_discord_timestamp_instead_of_crashing():
    names = Names(now=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    text = "I couldn't read “<t:99999999999999:F>” as a time."
    assert names.humanize(text) == text


async def test_editing_a_paused_reminder_says_it_stays_paused(world):
    from tests.helpers import bot_posts, schedule

    rid = await schedule(world, "in 10 minutes")
    await world.organizer.slash(world.general, "remind pause", id=rid)
    await world.env.advance_time(11 * 60)  # its time passed while paused
    edited = await world.organizer.slash(world.general, "remind edit", id=rid, when="in 5 minutes")
    assert edited.ephemeral
    assert "still paused" in edited.response.content
    assert "/remind resume" in edited.response.content
    shown = await world.organizer.slash(world.general, "remind show", id=rid)
    when = next(f.value for f in shown.response.embeds[0].fields if f.name == "Goes out")
    assert "once resumed" in when
    await world.env.advance_time(10 * 60)
    assert bot_posts(world.call_to_action) == []  # paused means nothing went out


async def test_confirm_on_a_preview_from_before_a_restart_says_it_expired(world, settings):
    from bot.app import create_bot
    from tests.helpers import bot_posts

    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 10 minutes"
    )
    assert preview.response.embeds
    await world.env.restart_bot(create_bot(settings))
    pressed = await world.organizer.click(preview.response, label="Confirm")
    assert pressed.response.ephemeral  # the private preview, updated in place
    assert "expired; nothing was saved" in pressed.response.content
    listed = await world.organizer.slash(world.general, "remind list")
    assert "#1" not in (listed.response.content or "")
    await world.env.advance_time(15 * 60)
    assert bot_posts(world.general) == []


async def test_a_live_preview_still_confirms_once(world):
    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 10 minutes"
    )
    saved = await world.organizer.click(preview.response, label="Confirm")
    assert "Saved as reminder **#1**" in saved.response.content
    assert "expired" not in saved.response.content


async def test_a_bare_time_on_the_last_day_of_a_month_means_the_next_such_time(world):
    # The demo's clock starts at 19:00 on Dec 31 in New York: "noon" is noon tomorrow,
    # not Dec 1 of next year (dateparser's month-end roll-over).
    result = await world.organizer.slash(world.general, "remind create", bill="HKETO", when="noon")
    assert result.ephemeral and result.response.embeds, result.response.content
    when = next(f.value for f in result.response.embeds[0].fields if f.name == "Goes out")
    noon = int(datetime(2026, 1, 1, 17, 0, tzinfo=UTC).timestamp())
    assert when == f"<t:{noon}:F> (<t:{noon}:R>)"


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (datetime(2026, 1, 1, 0, 0, tzinfo=UTC), "6pm", datetime(2026, 1, 1, 23, 0)),
        (datetime(2026, 1, 1, 0, 0, tzinfo=UTC), "18:00 UTC", datetime(2026, 1, 1, 18, 0)),
        (datetime(2026, 7, 1, 1, 0, tzinfo=UTC), "noon", datetime(2026, 7, 1, 16, 0)),
        (datetime(2026, 3, 1, 4, 0, tzinfo=UTC), "at 8pm", datetime(2026, 3, 2, 1, 0)),
        (datetime(2026, 6, 10, 13, 0, tzinfo=UTC), "midnight", datetime(2026, 6, 11, 4, 0)),
        (datetime(2026, 6, 10, 13, 0, tzinfo=UTC), "6pm", datetime(2026, 6, 10, 22, 0)),
    ],
)
def test_bare_times_are_the_next_such_time(now, text, expected):
    assert parse_when(text, ZoneInfo("America/New_York"), now) == expected.replace(tzinfo=UTC)


async def test_show_with_no_grace_does_not_say_up_to_0_minutes(world):
    from tests.helpers import schedule

    rid = await schedule(world, "in 10 minutes", grace=0)
    shown = await world.organizer.slash(world.general, "remind show", id=rid)
    grace = next(
        f.value for f in shown.response.embeds[0].fields if f.name == "If the bot was offline"
    )
    assert "0 minutes" not in grace
    assert grace.startswith("never posted late")


async def test_until_without_a_repeat_is_refused_not_dropped(world):
    result = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 10 minutes", until="2026-02-01"
    )
    assert result.ephemeral
    assert not result.response.embeds  # no preview: nothing to confirm
    assert "Choose a `repeat`" in result.response.content


async def test_blank_state_is_asked_for(world):
    result = await world.member.slash(world.general, "me location", state="   ")
    assert result.ephemeral
    assert result.response.content.startswith("Please type a state")
    shown = await world.member.slash(world.general, "reps find", state=" ")
    assert shown.response.content.startswith("Please type a state")
