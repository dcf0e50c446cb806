"""Delivery through SimCord: restarts, downtime, failures, DMs, and each post exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers import bot_posts, restart, schedule, stop_delivering

pytestmark = pytest.mark.usefixtures("close_restarted_bots")


async def test_restart_with_reminders_pending_fires_each_once(world):
    await schedule(world, "in 10 minutes")
    await schedule(world, "in 20 minutes", channel=world.general)
    await schedule(world, "in 30 minutes", repeat="daily")
    await restart(world)
    await world.env.advance_time(30 * 60)
    await restart(world)
    await world.env.advance_time(24 * 3600)
    assert len(bot_posts(world.call_to_action)) == 3  # 10 min, 30 min, and a day later
    assert len(bot_posts(world.general)) == 1


async def test_downtime_inside_the_grace_window_posts_late_with_a_note(world):
    await schedule(world, "in 10 minutes")
    await stop_delivering(world)
    await world.env.advance_time(40 * 60)
    assert bot_posts(world.call_to_action) == []
    await restart(world)
    posts = bot_posts(world.call_to_action)
    assert len(posts) == 1
    assert "This reminder is late" in posts[0].content
    history = await world.organizer.slash(world.general, "remind history")
    assert "posted" in history.response.embeds[0].description
    assert "(late)" in history.response.embeds[0].description


async def test_downtime_past_the_grace_window_is_recorded_missed_without_a_burst(world):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.general)
    await schedule(world, "in 10 minutes", repeat="daily")
    await stop_delivering(world)
    await world.env.advance_time(3 * 24 * 3600)  # three occurrences fall while down
    await restart(world)
    assert bot_posts(world.call_to_action) == []
    history = await world.organizer.slash(world.general, "remind history")
    text = history.response.embeds[0].description
    assert text.count("missed") == 3
    assert "was missed" in bot_posts(world.general)[-1].content
    await world.env.advance_time(24 * 3600)  # the next future occurrence goes out normally
    posts = bot_posts(world.call_to_action)
    assert len(posts) == 1 and "late" not in posts[0].content


async def test_a_shorter_grace_window_records_a_missed_post(world):
    reminder = await schedule(world, "in 10 minutes", grace=15)
    shown = await world.organizer.slash(world.general, "remind show", id=reminder)
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    assert "up to 15 minutes" in fields["If the bot was offline"]
    await stop_delivering(world)
    await world.env.advance_time(30 * 60)  # 20 minutes late: past its 15
    await restart(world)
    assert bot_posts(world.call_to_action) == []
    history = await world.organizer.slash(world.general, "remind history", id=reminder)
    assert "missed" in history.response.embeds[0].description


async def test_cancelling_the_reminder_the_dispatcher_sleeps_on(world):
    first = await schedule(world, "in 10 minutes")
    await schedule(world, "in 20 minutes", channel=world.general)
    dispatcher = world.env.bot.get_cog("Reminders").dispatcher
    assert dispatcher.waiting_for == (world.env.now() + timedelta(minutes=10)).timestamp()
    done = await world.organizer.slash(world.general, "remind cancel", id=first)
    assert f"#{first}** is cancelled" in done.response.content
    assert dispatcher.waiting_for == (world.env.now() + timedelta(minutes=20)).timestamp()
    await world.env.advance_time(20 * 60)
    assert bot_posts(world.call_to_action) == []
    assert len(bot_posts(world.general)) == 1


async def test_a_sooner_reminder_wakes_the_dispatcher(world):
    await schedule(world, "in 2 hours")
    await schedule(world, "in 5 minutes", channel=world.general)
    await world.env.advance_time(5 * 60)
    assert len(bot_posts(world.general)) == 1


async def test_deleted_channel_pauses_its_reminder_and_the_dispatcher_goes_on(world):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.general)
    gone = world.guild.create_text_channel("gone")
    doomed = await schedule(world, "in 10 minutes", channel=gone)
    await schedule(world, "in 20 minutes")
    world.env.backend.delete_channel(gone.id)
    await world.env.settle()
    await world.env.advance_time(20 * 60)
    assert len(bot_posts(world.call_to_action)) == 1
    log = bot_posts(world.general)[-1].content
    assert f"Reminder #{doomed} is paused" in log and "channel was deleted" in log
    listed = await world.organizer.slash(world.general, "remind list")
    assert "paused (its channel was deleted)" in listed.response.embeds[0].description


async def test_discord_error_marks_the_delivery_failed(world):
    await schedule(world, "in 10 minutes")
    world.env.inject_error("POST", f"/channels/{world.call_to_action.id}/messages", status=500)
    await world.env.advance_time(10 * 60)
    assert bot_posts(world.call_to_action) == []
    history = await world.organizer.slash(world.general, "remind history")
    assert "Discord returned an error (500)" in history.response.embeds[0].description
    await schedule(world, "in 10 minutes")  # the dispatcher still runs
    await world.env.advance_time(10 * 60)
    assert len(bot_posts(world.call_to_action)) == 1


async def test_lost_permission_marks_the_delivery_failed(world):
    reminder = await schedule(world, "in 10 minutes")
    world.env.inject_error(
        "POST",
        f"/channels/{world.call_to_action.id}/messages",
        status=403,
        code=50013,
        message="Missing Permissions",
    )
    await world.env.advance_time(10 * 60)
    history = await world.organizer.slash(world.general, "remind history", id=reminder)
    assert "no longer have permission" in history.response.embeds[0].description


async def test_subscribers_get_a_dm_and_closed_dms_do_not_stop_the_others(world):
    closed = world.guild.add_member(world.env.create_user("closed"))
    world.env.inject_error(
        "POST",
        f"/channels/{closed.user.dm_channel.id}/messages",
        status=403,
        code=50007,
        message="Cannot send messages to this user",
        times=None,
    )
    ok = await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    assert "Subscribed" in ok.response.content and "closed" not in ok.response.content
    warned = await closed.slash(world.general, "reminders subscribe", bill="hketo")
    assert "direct messages are closed" in warned.response.content
    again = await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    assert "already subscribed" in again.response.content

    await schedule(world, "in 10 minutes", note="Call before 5 pm.")
    await world.env.advance_time(10 * 60)
    dm = world.member.user.dm_channel.last_message
    assert "HK Advocacy Demo" in dm.content and "HKETO Certification Act" in dm.content
    assert "> Call before 5 pm." in dm.content
    history = await world.organizer.slash(world.general, "remind history")
    assert "1 DMs sent, 1 DMs failed" in history.response.embeds[0].description


async def test_a_post_made_just_before_a_crash_is_not_repeated_after_long_downtime(world):
    # The process dies after Discord took the post but before it was recorded as sent, and
    # stays down past Discord's nonce window: the retry must find the post, not repeat it.
    reminder_id = await schedule(world, "in 5 minutes", note="Ask for a floor vote.")
    await world.env.advance_time(5 * 60)
    (first,) = bot_posts(world.call_to_action)
    await stop_delivering(world)
    db = world.env.bot.db
    occurrence = int(first.created_at.timestamp())
    await db.execute(
        "UPDATE reminder_deliveries SET state='sending', message_id=NULL WHERE reminder_id=?",
        (reminder_id,),
    )
    await db.execute(
        "UPDATE reminders SET status='active', next_due=? WHERE id=?", (occurrence, reminder_id)
    )
    await world.env.advance_time(15 * 60)  # down for 15 minutes, inside the grace hour

    await restart(world)
    await world.env.advance_time(1)
    assert [m.id for m in bot_posts(world.call_to_action)] == [first.id]
    row = await world.env.bot.db.fetchone(
        "SELECT state, message_id, attempts FROM reminder_deliveries WHERE reminder_id=?",
        (reminder_id,),
    )
    assert tuple(row) == ("sent", first.id, 2)


async def test_a_retry_still_posts_when_the_first_attempt_never_reached_discord(world):
    reminder_id = await schedule(world, "in 5 minutes", note="Ask for a floor vote.")
    await stop_delivering(world)
    await world.env.advance_time(5 * 60)
    db = world.env.bot.db
    due = await db.fetchval("SELECT next_due FROM reminders WHERE id=?", (reminder_id,))
    await db.execute(
        "INSERT INTO reminder_deliveries (guild_id, reminder_id, occurrence, state, nonce,"
        " attempts, updated_at) VALUES (?, ?, ?, 'sending', 'x', 1, 'then')",
        (world.guild.id, reminder_id, due),
    )
    await world.env.advance_time(15 * 60)
    await restart(world)
    await world.env.advance_time(1)
    (post,) = bot_posts(world.call_to_action)
    assert "This reminder is late" in post.content
