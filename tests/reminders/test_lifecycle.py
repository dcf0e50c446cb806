"""Reminders over members' and servers' lives, through SimCord: a member leaves, the bot is
removed and added back, a channel is deleted, a DM is stopped (after a restart too), and
organizers hear of a missed reminder without a log channel."""

from __future__ import annotations

import pytest
from simcord.backend import serializers

from bot.reminders import outbox, subscriptions
from tests.helpers import bot_posts, restart, schedule, stop_delivering, stored

pytestmark = pytest.mark.usefixtures("close_restarted_bots")

DAY = 24 * 3600


def reminder_dms(member) -> list:
    """The reminder DMs a member got (the subscribe probe has no buttons)."""
    return [m for m in member.user.dm_channel.history() if m.author.bot and m.components]


def button_labels(message) -> list[str]:
    return [c.label for row in message.components for c in row.children]


async def subscribe(world, *members) -> None:
    for who in members:
        done = await who.slash(world.general, "reminders subscribe", bill="HKETO")
        assert "Subscribed" in done.response.content


def bot_leaves(world) -> None:
    """The bot is removed from the server (the server itself stays, as on Discord)."""
    world.env.backend.emit("GUILD_DELETE", {"id": str(world.guild.id)})


def bot_comes_back(world) -> None:
    """Added back: a GUILD_CREATE as for a server joined (``unavailable`` only after outages)."""
    guild = world.env.backend.guilds[world.guild.id]
    payload = dict(serializers.guild_create_payload(world.env.backend, guild))
    payload.pop("unavailable", None)
    world.env.backend.emit("GUILD_CREATE", payload)


# --- members ------------------------------------------------------------------------------


async def test_a_member_who_left_gets_no_more_dms_and_their_subscriptions_there_end(world):
    stays = world.guild.add_member(world.env.create_user("stays"))
    await subscribe(world, world.member, stays)
    await schedule(world, "in 10 minutes", repeat="daily")
    world.guild.remove_member(world.member)  # no event reaches the bot: no members intent
    await world.env.advance_time(10 * 60)

    assert reminder_dms(world.member) == []
    assert len(reminder_dms(stays)) == 1
    db = world.env.bot.db
    assert await subscriptions.member_subscriptions(db, world.guild.id, world.member.id) == []
    assert await subscriptions.member_subscriptions(db, world.guild.id, stays.id) == ["hketo"]
    history = await world.organizer.slash(world.general, "remind history")
    assert "1 DMs sent, 0 DMs failed" in history.response.embeds[0].description
    await world.env.advance_time(DAY)
    assert reminder_dms(world.member) == [] and len(reminder_dms(stays)) == 2


async def test_stop_these_dms_works_after_a_restart(world):
    await subscribe(world, world.member)
    await schedule(world, "in 10 minutes", repeat="daily")
    await world.env.advance_time(10 * 60)
    (dm,) = reminder_dms(world.member)
    assert "Stop these DMs" in button_labels(dm) and "Open call script" in button_labels(dm)
    assert "/dm-reminders" in dm.content

    await restart(world)
    stopped = await world.member.user.click(dm, label="Stop these DMs")
    assert "no more reminders about the HKETO Certification Act" in stopped.response.content
    assert "HK Advocacy Demo" in stopped.response.content
    again = await world.member.user.click(dm, label="Stop these DMs")
    assert "no longer get reminders" in again.response.content

    await world.env.advance_time(DAY)
    assert len(reminder_dms(world.member)) == 1
    mine = await world.member.slash(world.general, "reminders mine")
    assert "not subscribed" in mine.response.content


async def test_members_see_and_stop_their_dm_reminders_from_every_server_in_a_dm(world):
    other = world.env.create_guild("Bay Area HK Group")
    other_general = other.create_text_channel("general")
    member_there = other.add_member(world.member.user)  # the member is in both servers
    await subscribe(world, world.member)
    await member_there.slash(other_general, "reminders subscribe", bill="HKETO")
    await member_there.slash(other_general, "reminders subscribe", bill="tnr")

    listed = await world.member.user.slash("dm-reminders")
    text = listed.response.embeds[0].description
    assert "HK Advocacy Demo · HKETO Certification Act" in text
    assert "Bay Area HK Group · HKETO Certification Act" in text
    assert "Bay Area HK Group · Transnational Repression Policy Act" in text

    menu = next(
        c for row in listed.response.components for c in row["components"] if c["type"] == 3
    )
    chosen = next(o["value"] for o in menu["options"] if o["value"].startswith(f"{other.id}:"))
    after = await world.member.user.select(
        listed.response, custom_id=menu["custom_id"], values=[chosen]
    )
    assert "Stopped 1 subscription." in after.response.embeds[0].description
    db = world.env.bot.db
    assert len(await subscriptions.everywhere(db, world.member.id)) == 2

    await restart(world)  # the menu and the button still answer
    cleared = await world.member.user.click(after.response, label="Stop all")
    assert "Stopped 2 subscriptions." in cleared.response.embeds[0].description
    assert "You don't get any reminders" in cleared.response.embeds[0].description
    assert await subscriptions.everywhere(world.env.bot.db, world.member.id) == []


async def test_the_dm_list_is_only_for_dms(world):
    assert "dm-reminders" in world.member.user.available_commands()
    assert "dm-reminders" not in world.member.available_commands(world.general)


async def test_unsubscribing_drops_the_dms_still_queued(world):
    await subscribe(world, world.member)
    reminder = await schedule(world, "in 10 minutes")
    fanout = world.env.bot.get_cog("Reminders").fanout
    await fanout.stop()  # the post goes out; its DM waits in the outbox
    await world.env.advance_time(10 * 60)
    db = world.env.bot.db
    assert await outbox.waiting(db, reminder, await _occurrence(world, reminder)) == 1
    history = await world.organizer.slash(world.general, "remind history")
    assert (
        "0 DMs sent, 0 DMs failed (1 DMs still to go out)" in history.response.embeds[0].description
    )
    await world.member.slash(world.general, "reminders unsubscribe", bill="HKETO")
    assert await outbox.pending(db) == 0
    fanout.start()
    await world.env.advance_time(60)
    assert reminder_dms(world.member) == []


async def _occurrence(world, reminder_id: int) -> int:
    return await world.env.bot.db.fetchval(
        "SELECT occurrence FROM reminder_deliveries WHERE reminder_id=?", (reminder_id,)
    )


# --- the bot removed and back ---------------------------------------------------------------


async def test_removed_the_bot_pauses_then_back_it_tells_organizers_and_resumes(world):
    await subscribe(world, world.member)
    reminder = await schedule(world, "in 1 hour", repeat="daily")
    bot_leaves(world)
    await world.env.settle()
    assert await stored(world, reminder, "status", "pause_reason") == ("paused", "bot_removed")
    await world.env.advance_time(2 * DAY)
    assert bot_posts(world.call_to_action) == [] and reminder_dms(world.member) == []

    bot_comes_back(world)
    await world.env.settle()
    listed = await world.organizer.slash(world.general, "remind list")
    assert "paused (the bot was removed from the server)" in listed.response.embeds[0].description
    (notice,) = listed.followups
    assert "I'm back in this server" in notice.content and f"#{reminder}" in notice.content
    again = await world.organizer.slash(world.general, "remind list")
    assert again.followups == []  # told once

    resumed = await world.organizer.click(notice, label="Resume them")
    assert f"Resumed 1 reminder: #{reminder}" in resumed.response.content
    await world.env.advance_time(DAY)
    assert len(bot_posts(world.call_to_action)) == 1
    assert len(reminder_dms(world.member)) == 1


async def test_back_in_a_server_with_a_log_channel_it_says_so_there(world):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.general)
    first = await schedule(world, "in 1 hour", repeat="daily")
    second = await schedule(world, "in 2 hours", repeat="weekly")
    bot_leaves(world)
    await world.env.advance_time(3 * DAY)
    bot_comes_back(world)
    await world.env.settle()
    # The welcome and this notice come from two listeners of the same event: either order.
    (notice,) = [m for m in bot_posts(world.general)[-2:] if "paused 2 reminders" in m.content]
    assert f"paused 2 reminders: #{first}, #{second}" in notice.content

    await restart(world)  # the button still answers
    refused = await world.member.click(notice, label="Resume them")
    assert "Only this server's organizers" in refused.response.content
    resumed = await world.organizer.click(notice, label="Resume them")
    assert "Resumed 2 reminders" in resumed.response.content
    assert await stored(world, second, "status", "pause_reason") == ("active", None)
    nothing = await world.organizer.click(notice, label="Resume them")
    assert "Nothing to resume" in nothing.response.content


async def test_the_data_of_a_server_left_is_deleted_after_30_days(world):
    await subscribe(world, world.member)
    await schedule(world, "in 1 hour", repeat="daily")
    bot_leaves(world)
    await world.env.advance_time(29 * DAY)
    db = world.env.bot.db
    assert await db.fetchval("SELECT count(*) FROM reminders") == 1
    await world.env.advance_time(2 * DAY)
    for table in ("reminders", "reminder_subscriptions", "reminder_departures"):
        assert await db.fetchval(f"SELECT count(*) FROM {table}") == 0, table


# --- channels and missed reminders ----------------------------------------------------------


async def test_a_deleted_channel_pauses_its_reminder_and_tells_organizers_once(world):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.general)
    gone = world.guild.create_text_channel("gone")
    doomed = await schedule(world, "in 10 minutes", channel=gone, repeat="daily")
    also = await schedule(world, "in 15 minutes", channel=gone)
    other = await schedule(world, "in 20 minutes")
    world.env.backend.delete_channel(gone.id)
    await world.env.settle()
    await world.env.advance_time(3 * DAY)

    told = [m.content for m in bot_posts(world.general) if f"#{doomed}" in m.content]
    assert len(told) == 1 and "paused: its channel was deleted" in told[0]
    assert await stored(world, doomed, "status") == ("paused",)
    assert await stored(world, also, "status") == ("paused",)
    assert await stored(world, other, "status") == ("done",)  # another channel: it went out
    refused = await world.organizer.slash(world.general, "remind resume", id=doomed)
    assert "channel was deleted" in refused.response.content
    await world.organizer.slash(world.general, "remind edit", id=doomed, channel=world.general)
    resumed = await world.organizer.slash(world.general, "remind resume", id=doomed)
    assert "active again" in resumed.response.content
    await world.env.advance_time(DAY)
    assert any("Time to call" in m.content for m in bot_posts(world.general))


async def test_a_missed_reminder_is_told_on_an_organizers_next_remind_command(world):
    reminder = await schedule(world, "in 10 minutes", repeat="daily")  # no log channel
    await stop_delivering(world)
    await world.env.advance_time(3 * DAY)
    await restart(world)
    await world.env.advance_time(1)

    mine = await world.member.slash(world.general, "reminders mine")
    assert mine.followups == []  # not for members
    listed = await world.organizer.slash(world.general, "remind list")
    (notice,) = listed.followups
    assert notice.ephemeral
    assert f"Reminder #{reminder}" in notice.content and "was missed" in notice.content
    again = await world.organizer.slash(world.general, "remind list")
    assert again.followups == []
