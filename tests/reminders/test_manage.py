"""Organizers manage reminders (list, show, edit, pause, resume); members their subscriptions."""

from __future__ import annotations

import discord

from tests.helpers import bot_posts, schedule, stored


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


async def test_list_says_how_many_more_there_are(world):
    for hours in range(1, 24):
        await schedule(world, f"in {hours} hours")
    listed = await world.organizer.slash(world.general, "remind list")
    assert listed.response.embeds[0].description.endswith("…and 3 more.")


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


async def test_editing_only_the_time_keeps_the_end_date(world):
    reminder = await schedule(world, "in 1 hour", repeat="weekly", until="2026-03-31")
    await world.organizer.slash(world.general, "remind edit", id=reminder, when="in 2 hours")
    assert await stored(world, reminder, "repeat", "until_local") == ("weekly", "2026-03-31")


async def test_a_repeating_reminder_that_already_fired_can_become_a_one_off(world):
    reminder = await schedule(world, "in 10 minutes", repeat="daily")
    await world.env.advance_time(10 * 60)  # the first occurrence went out
    (pending,) = await stored(world, reminder, "next_due")
    edited = await world.organizer.slash(world.general, "remind edit", id=reminder, repeat="none")
    assert f"#{reminder}** changed" in edited.response.content
    assert await stored(world, reminder, "repeat", "next_due") == ("none", pending)


async def test_edit_refuses_an_end_date_on_a_one_off(world):
    reminder = await schedule(world, "in 1 hour")
    before = await stored(world, reminder, "until_local", "next_due")
    refused = await world.organizer.slash(
        world.general, "remind edit", id=reminder, until="2026-03-31"
    )
    assert refused.ephemeral and "repeat" in refused.response.content
    assert await stored(world, reminder, "until_local", "next_due") == before


async def test_edit_of_a_reminder_whose_channel_was_deleted_can_still_set_a_role(world):
    gone = world.guild.create_text_channel("soon-gone")
    reminder = await schedule(world, "in 1 hour", channel=gone)
    world.env.backend.delete_channel(gone.id)
    quiet = world.guild.create_role("Callers")  # not mentionable: the bot's permissions decide
    edited = await world.organizer.slash(world.general, "remind edit", id=reminder, role=quiet)
    assert edited.ephemeral and f"#{reminder}** changed" in edited.response.content
    assert await stored(world, reminder, "role_id") == (quiet.id,)


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


async def test_mine_and_unsubscribe(world):
    await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    await schedule(world, "in 1 hour")
    mine = await world.member.slash(world.general, "reminders mine")
    assert "HKETO Certification Act" in mine.response.embeds[0].description
    off = await world.member.slash(world.general, "reminders unsubscribe", bill="HKETO")
    assert "Unsubscribed" in off.response.content
    mine = await world.member.slash(world.general, "reminders mine")
    assert "not subscribed" in mine.response.content
    before = len(world.member.user.dm_channel.history())
    await world.env.advance_time(3600)
    assert len(world.member.user.dm_channel.history()) == before


async def test_me_forget_removes_reminder_subscriptions(world):
    await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    asked = await world.member.slash(world.general, "me forget")
    done = await world.member.click(asked.response, label="Yes, delete it")
    assert "your reminder subscriptions: 1" in done.response.content
    mine = await world.member.slash(world.general, "reminders mine")
    assert "not subscribed" in mine.response.content


async def test_show_names_the_creator_until_they_are_forgotten(world):
    reminder = await schedule(world, "in 1 hour")
    shown = await world.organizer.slash(world.general, "remind show", id=reminder)
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    assert fields["Created by"] == f"<@{world.organizer.id}>"
    asked = await world.organizer.slash(world.general, "me forget")
    await world.organizer.click(asked.response, label="Yes, delete it")
    shown = await world.organizer.slash(world.general, "remind show", id=reminder)
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    assert fields["Created by"] == "a former organizer"
