"""/remind through SimCord and its simulated clock: schedule, deliver once, survive restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import discord
import pytest

from bot.app import create_bot
from tests.helpers import bot_posts, schedule

NY = ZoneInfo("America/New_York")


def message_posts(env) -> list:
    return [r for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]


@pytest.fixture(autouse=True)
async def _close_restarted_bots(world):
    yield
    if world.env.bot.db is not None:
        await world.env.bot.db.close()  # a bot started by restart() (closing twice is fine)


async def restart(world) -> None:
    """Restart the bot process on the same database (the virtual Discord persists)."""
    old = world.env.bot
    await world.env.restart_bot(create_bot(old.settings))
    await old.db.close()


async def stop_delivering(world) -> None:
    """The bot goes down: nothing is delivered until :func:`restart`."""
    await world.env.bot.get_cog("Reminders").dispatcher.stop()


# --- create, preview, one-off delivery ---------------------------------------------------


async def test_preview_shows_post_and_time_and_cancel_saves_nothing(world):
    result = await world.organizer.slash(
        world.general,
        "remind create",
        bill="H.R. 1103",
        when="in 2 hours",
        channel=world.call_to_action,
        note="Ask for a floor vote.",
    )
    assert result.ephemeral
    embed = result.response.embeds[0]
    assert "HKETO Certification Act" in embed.description
    assert "> Ask for a floor vote." in embed.description
    due = int((world.env.now() + timedelta(hours=2)).timestamp())
    when = next(f.value for f in embed.fields if f.name == "Goes out")
    assert f"<t:{due}:F>" in when and f"<t:{due}:R>" in when
    gone = await world.organizer.click(result.response, label="Cancel")
    assert "nothing was saved" in gone.response.content
    listed = await world.organizer.slash(world.general, "remind list")
    assert "No reminders are scheduled" in listed.response.content


async def test_one_off_fires_once_at_the_right_time(world):
    env = world.env
    await schedule(world, "in 10 minutes", role=world.organizers, note="Bring your zip code.")
    await env.advance_time(10 * 60 - 1)
    assert bot_posts(world.call_to_action) == []
    await env.advance_time(1)
    posts = bot_posts(world.call_to_action)
    assert len(posts) == 1
    post = posts[0]
    assert post.created_at == datetime(2026, 1, 1, 0, 10, tzinfo=UTC)
    assert post.content.startswith(f"{world.organizers.mention} 📞")
    assert "HKETO Certification Act" in post.content and "> Bring your zip code." in post.content
    labels = [c.label for row in post.components for c in row.children]
    assert "Open call script" in labels and "I reached someone" in labels
    await env.advance_time(3 * 24 * 3600)
    assert len(bot_posts(world.call_to_action)) == 1


async def test_post_pings_only_the_chosen_role_with_a_stable_nonce(world):
    await schedule(world, "in 5 minutes", role=world.organizers)
    await world.env.advance_time(5 * 60)
    sent = message_posts(world.env)[-1].json
    assert sent["allowed_mentions"] == {"parse": [], "roles": [world.organizers.id]}
    assert len(sent["nonce"]) == 25 and sent["enforce_nonce"] is True


async def test_post_without_role_mentions_nobody(world):
    await schedule(world, "in 5 minutes")
    await world.env.advance_time(5 * 60)
    sent = message_posts(world.env)[-1].json
    assert sent["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in sent["content"] and "@here" not in sent["content"]


async def test_refusals_explain_what_works(world):
    async def refused(**options):
        options.setdefault("bill", "HKETO")
        options.setdefault("channel", world.call_to_action)
        result = await world.organizer.slash(world.general, "remind create", **options)
        assert result.ephemeral and not result.response.embeds
        return result.response.content

    assert "has already passed" in await refused(when="2025-12-31 09:00")
    unreadable = await refused(when="when pigs fly")
    assert "couldn't read" in unreadable and "friday 6pm" in unreadable
    assert "more than a year ahead" in await refused(when="2027-06-01 18:00")
    assert "never ping @everyone" in await refused(when="in 1 hour", role=world.guild.default_role)
    quiet = world.guild.create_role("Quiet", mentionable=False)
    no_pings = world.guild.create_text_channel(
        "no-pings",
        overwrites={world.guild.me: discord.PermissionOverwrite(mention_everyone=False)},
    )
    assert "not allowed to mention" in await refused(when="in 1 hour", role=quiet, channel=no_pings)
    assert "keep it under 1000" in await refused(when="in 1 hour", note="x" * 1500)
    private = world.guild.create_text_channel(
        "private",
        overwrites={
            world.guild.me: discord.PermissionOverwrite(send_messages=False),
        },
    )
    assert "I can't post in" in await refused(when="in 1 hour", channel=private)
    member = await world.member.slash(
        world.general, "remind create", bill="HKETO", when="in 1 hour"
    )
    assert "Only organizers" in member.response.content


async def test_timezone_option_and_server_zone(world):
    await world.organizer.slash(world.general, "setup timezone", name="America/Los_Angeles")
    result = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="2026-01-02 18:00"
    )
    la = datetime(2026, 1, 2, 18, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert f"<t:{int(la.timestamp())}:F>" in result.response.embeds[0].fields[0].value
    result = await world.organizer.slash(
        world.general,
        "remind create",
        bill="HKETO",
        when="2026-01-02 18:00",
        timezone="America/New_York",
    )
    ny = datetime(2026, 1, 2, 18, 0, tzinfo=NY)
    assert f"<t:{int(ny.timestamp())}:F>" in result.response.embeds[0].fields[0].value


# --- repeats --------------------------------------------------------------------------------


async def test_weekly_across_november_dst_keeps_6pm_local(world):
    env = world.env
    await env.advance_time((datetime(2026, 10, 20, tzinfo=UTC) - env.now()).total_seconds())
    await schedule(world, "2026-10-23 18:00", repeat="weekly")  # a Friday, still EDT
    await env.advance_time(21 * 24 * 3600)
    posts = bot_posts(world.call_to_action)
    local = [p.created_at.astimezone(NY) for p in posts]
    assert [(d.month, d.day, d.hour, d.minute) for d in local] == [
        (10, 23, 18, 0),
        (10, 30, 18, 0),
        (11, 6, 18, 0),  # after the change on 1 November: still 6 pm, now EST
    ]
    assert posts[1].created_at.hour == 22 and posts[2].created_at.hour == 23  # UTC moved


async def test_repeat_until_stops_after_its_last_day(world):
    await schedule(world, "2026-01-01 18:00", repeat="daily", until="2026-01-03")
    await world.env.advance_time(6 * 24 * 3600)
    assert len(bot_posts(world.call_to_action)) == 3
    listed = await world.organizer.slash(world.general, "remind list")
    assert "No reminders are scheduled" in listed.response.content


# --- restarts, downtime, exactly once ------------------------------------------------------


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


# --- failures -------------------------------------------------------------------------------


async def test_deleted_channel_is_a_failed_delivery_and_the_dispatcher_goes_on(world):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.general)
    gone = world.guild.create_text_channel("gone")
    doomed = await schedule(world, "in 10 minutes", channel=gone)
    await schedule(world, "in 20 minutes")
    world.env.backend.delete_channel(gone.id)
    await world.env.settle()
    await world.env.advance_time(20 * 60)
    assert len(bot_posts(world.call_to_action)) == 1
    log = bot_posts(world.general)[-1].content
    assert f"Reminder #{doomed}" in log and "no longer exists" in log
    history = await world.organizer.slash(world.general, "remind history", id=doomed)
    assert "failed (its channel no longer exists)" in history.response.embeds[0].description


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


# --- members: subscriptions and DMs -----------------------------------------------------------


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
    ok = await world.member.slash(world.general, "remind subscribe", bill="HKETO")
    assert "Subscribed" in ok.response.content and "closed" not in ok.response.content
    warned = await closed.slash(world.general, "remind subscribe", bill="hketo")
    assert "direct messages are closed" in warned.response.content
    again = await world.member.slash(world.general, "remind subscribe", bill="HKETO")
    assert "already subscribed" in again.response.content

    await schedule(world, "in 10 minutes", note="Call before 5 pm.")
    await world.env.advance_time(10 * 60)
    dm = world.member.user.dm_channel.last_message
    assert "HK Advocacy Demo" in dm.content and "HKETO Certification Act" in dm.content
    assert "> Call before 5 pm." in dm.content
    history = await world.organizer.slash(world.general, "remind history")
    assert "1 DMs sent, 1 DMs failed" in history.response.embeds[0].description


async def test_mine_and_unsubscribe(world):
    await world.member.slash(world.general, "remind subscribe", bill="HKETO")
    await schedule(world, "in 1 hour")
    mine = await world.member.slash(world.general, "remind mine")
    assert "HKETO Certification Act" in mine.response.embeds[0].description
    off = await world.member.slash(world.general, "remind unsubscribe", bill="HKETO")
    assert "Unsubscribed" in off.response.content
    mine = await world.member.slash(world.general, "remind mine")
    assert "not subscribed" in mine.response.content
    before = len(world.member.user.dm_channel.history())
    await world.env.advance_time(3600)
    assert len(world.member.user.dm_channel.history()) == before


# --- organizers: list, show, edit, pause, resume; other servers --------------------------------


async def test_edit_moves_the_time_and_the_dispatcher_follows(world):
    reminder = await schedule(world, "in 10 minutes")
    edited = await world.organizer.slash(
        world.general, "remind edit", id=reminder, when="in 30 minutes", note="New note"
    )
    assert f"#{reminder}** changed" in edited.response.content
    await world.env.advance_time(29 * 60)
    assert bot_posts(world.call_to_action) == []
    await world.env.advance_time(60)
    assert "> New note" in bot_posts(world.call_to_action)[0].content


async def test_pause_and_resume(world):
    reminder = await schedule(world, "in 10 minutes", repeat="daily")
    paused = await world.organizer.slash(world.general, "remind pause", id=reminder)
    assert "paused" in paused.response.content
    await world.env.advance_time(24 * 3600)
    assert bot_posts(world.call_to_action) == []
    resumed = await world.organizer.slash(world.general, "remind resume", id=reminder)
    assert "active again" in resumed.response.content
    await world.env.advance_time(24 * 3600)
    assert len(bot_posts(world.call_to_action)) == 1  # the skipped days don't burst out


async def test_list_and_show(world):
    reminder = await schedule(world, "in 1 hour", repeat="weekdays", role=world.organizers)
    listed = await world.organizer.slash(world.general, "remind list")
    line = listed.response.embeds[0].description
    assert f"**#{reminder}** HKETO Certification Act" in line and "Every weekday" in line
    shown = await world.organizer.slash(world.general, "remind show", id=reminder)
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    assert fields["Ping"] == world.organizers.mention
    assert fields["Time zone"] == "America/New_York"
    choices = await world.organizer.autocomplete(world.general, "remind show", "id", "")
    assert choices[0]["value"] == reminder


async def test_a_second_server_cannot_see_edit_or_cancel_the_first_servers_reminders(world):
    reminder = await schedule(world, "in 1 hour")
    other = world.env.create_guild("Other")
    other_general = other.create_text_channel("general")
    boss = other.add_member(
        world.env.create_user("boss"),
        roles=[other.create_role("Admin", permissions=discord.Permissions(manage_guild=True))],
    )
    listed = await boss.slash(other_general, "remind list")
    assert "No reminders are scheduled" in listed.response.content
    for command, options in (
        ("remind show", {}),
        ("remind edit", {"when": "in 2 hours"}),
        ("remind pause", {}),
        ("remind cancel", {}),
        ("remind history", {}),
    ):
        result = await boss.slash(other_general, command, id=reminder, **options)
        assert f"This server has no reminder #{reminder}" in result.response.content, command
    assert await boss.autocomplete(other_general, "remind show", "id", "") == []
    await world.env.advance_time(3600)
    assert len(bot_posts(world.call_to_action)) == 1


# --- events and calendar ---------------------------------------------------------------------


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


async def test_calendar_attaches_an_ics_file_of_upcoming_call_days(world):
    await schedule(world, "2026-01-05 18:00", repeat="weekly")
    result = await world.member.slash(world.general, "remind calendar")
    assert result.ephemeral
    attachment = result.response.attachments[0]
    assert attachment.filename == "call-days.ics"
    text = (await attachment.read()).decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 13  # weekly for 90 days
    assert "DTSTART:20260105T230000Z" in text


async def test_edit_changes_bill_and_stops_the_ping(world):
    reminder = await schedule(world, "in 10 minutes", role=world.organizers)
    await world.organizer.slash(
        world.general, "remind edit", id=reminder, bill="tnr", clear_role=True
    )
    await world.env.advance_time(10 * 60)
    [post] = bot_posts(world.call_to_action)
    assert "Transnational Repression" in post.content
    assert world.organizers.mention not in post.content
    nothing = await world.organizer.slash(world.general, "remind edit", id=reminder)
    assert "Tell me what to change" in nothing.response.content


async def test_me_forget_removes_reminder_subscriptions(world):
    await world.member.slash(world.general, "remind subscribe", bill="HKETO")
    asked = await world.member.slash(world.general, "me forget")
    done = await world.member.click(asked.response, label="Yes, delete it")
    assert "your reminder subscriptions: 1" in done.response.content
    mine = await world.member.slash(world.general, "remind mine")
    assert "not subscribed" in mine.response.content


async def test_a_repeating_reminders_next_call_day_gets_its_own_event(world):
    await schedule(world, "2026-01-05 18:00", repeat="weekly", event=True)
    await world.env.advance_time(5 * 24 * 3600)
    events = world.env.backend.guilds[world.guild.id].scheduled_events.values()
    starts = sorted(datetime.fromisoformat(e.scheduled_start_time) for e in events)
    first = datetime(2026, 1, 5, 18, 0, tzinfo=NY)
    assert starts == [first, first + timedelta(days=7)]


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


async def test_list_says_how_many_more_there_are(world):
    for hours in range(1, 24):
        await schedule(world, f"in {hours} hours")
    listed = await world.organizer.slash(world.general, "remind list")
    assert listed.response.embeds[0].description.endswith("…and 3 more.")


async def test_a_retry_after_a_crash_does_not_dm_a_member_twice(world):
    from bot.reminders import storage as store

    other = world.guild.add_member(world.env.create_user("other"))
    for who in (world.member, other):
        await who.slash(world.general, "remind subscribe", bill="HKETO")
    reminder_id = await schedule(world, "in 10 minutes")
    db = world.env.bot.db
    reminder = await store.get_reminder(db, world.guild.id, reminder_id)
    # The process died after DMing the member (and recording it), before settling.
    await store.record_dm(db, reminder, reminder.next_due, world.member.id, True)
    before = len(world.member.user.dm_channel.history())
    await world.env.advance_time(10 * 60)
    assert len(world.member.user.dm_channel.history()) == before
    assert "time to call" in other.user.dm_channel.last_message.content
    history = await world.organizer.slash(world.general, "remind history")
    assert "2 DMs sent, 0 DMs failed" in history.response.embeds[0].description


async def test_timezone_options_autocomplete(world):
    for command in ("remind create", "remind edit"):
        choices = await world.organizer.autocomplete(world.general, command, "timezone", "los")
        assert {"name": "America/Los_Angeles", "value": "America/Los_Angeles"} in choices


async def test_post_marks_bill_numbers_whose_congress_has_ended(world):
    # SimCord's clock starts in 2026: the statement's 118th-Congress numbers have expired.
    await schedule(world, "in 5 minutes")
    await world.env.advance_time(5 * 60)
    (post,) = [m.content for m in bot_posts(world.call_to_action)]
    assert "H.R. 1103/S. 490 ⚠️ expired: the 118th Congress has ended" in post

    await world.organizer.slash(
        world.general, "bills add-version", bill="HKETO", number="H.R. 1500", congress=119
    )
    await world.organizer.slash(
        world.general, "bills add-version", bill="HKETO", number="S. 700", congress=119
    )
    await schedule(world, "in 5 minutes")
    await world.env.advance_time(5 * 60)
    (newest,) = [m.content for m in bot_posts(world.call_to_action) if m.content != post]
    assert "(H.R. 1500/S. 700)" in newest and "expired" not in newest


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


async def _stored(world, reminder_id: int, *columns: str) -> tuple:
    row = await world.env.bot.db.fetchone(
        f"SELECT {', '.join(columns)} FROM reminders WHERE id=?", (reminder_id,)
    )
    return tuple(row)


async def test_editing_only_the_time_keeps_the_end_date(world):
    reminder = await schedule(world, "in 1 hour", repeat="weekly", until="2026-03-31")
    await world.organizer.slash(world.general, "remind edit", id=reminder, when="in 2 hours")
    assert await _stored(world, reminder, "repeat", "until_local") == ("weekly", "2026-03-31")


async def test_a_repeating_reminder_that_already_fired_can_become_a_one_off(world):
    reminder = await schedule(world, "in 10 minutes", repeat="daily")
    await world.env.advance_time(10 * 60)  # the first occurrence went out
    (pending,) = await _stored(world, reminder, "next_due")
    edited = await world.organizer.slash(world.general, "remind edit", id=reminder, repeat="none")
    assert f"#{reminder}** changed" in edited.response.content
    assert await _stored(world, reminder, "repeat", "next_due") == ("none", pending)


async def test_edit_refuses_an_end_date_on_a_one_off(world):
    reminder = await schedule(world, "in 1 hour")
    before = await _stored(world, reminder, "until_local", "next_due")
    refused = await world.organizer.slash(
        world.general, "remind edit", id=reminder, until="2026-03-31"
    )
    assert refused.ephemeral and "repeat" in refused.response.content
    assert await _stored(world, reminder, "until_local", "next_due") == before


async def test_edit_of_a_reminder_whose_channel_was_deleted_can_still_set_a_role(world):
    gone = world.guild.create_text_channel("soon-gone")
    reminder = await schedule(world, "in 1 hour", channel=gone)
    world.env.backend.delete_channel(gone.id)
    quiet = world.guild.create_role("Callers")  # not mentionable: the bot's permissions decide
    edited = await world.organizer.slash(world.general, "remind edit", id=reminder, role=quiet)
    assert edited.ephemeral and f"#{reminder}** changed" in edited.response.content
    assert await _stored(world, reminder, "role_id") == (quiet.id,)


async def test_after_missed_occurrences_the_event_moves_to_the_next_call_day(world):
    reminder = await schedule(world, "2026-01-05 18:00", repeat="weekly", event=True)
    await stop_delivering(world)
    await world.env.advance_time(10 * 24 * 3600)  # down across the first call day
    await restart(world)
    await world.env.advance_time(1)
    assert await _stored(world, reminder, "next_due") == (
        int(datetime(2026, 1, 12, 18, 0, tzinfo=NY).timestamp()),
    )
    starts = [
        datetime.fromisoformat(e.scheduled_start_time)
        for e in world.env.backend.guilds[world.guild.id].scheduled_events.values()
        if e.status == 1  # scheduled, not completed or cancelled
    ]
    assert datetime(2026, 1, 12, 18, 0, tzinfo=NY) in starts
