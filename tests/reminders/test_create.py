"""/remind create: the preview, what is refused, and when and how the post goes out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import discord

from tests.helpers import bot_posts, grant_to_everyone, message_posts, schedule

NY = ZoneInfo("America/New_York")


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
    await grant_to_everyone(world, "remind")  # an admin shows /remind to everyone
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


async def test_timezone_options_autocomplete(world):
    for command in ("remind create", "remind edit"):
        choices = await world.organizer.autocomplete(world.general, command, "timezone", "los")
        assert {"name": "America/Los_Angeles", "value": "America/Los_Angeles"} in choices


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


async def test_post_marks_bill_numbers_whose_congress_has_ended(world):
    # SimCord's clock starts in 2026: the statement's 118th-Congress numbers have expired.
    await schedule(world, "in 5 minutes")
    await world.env.advance_time(5 * 60)
    (post,) = [m.content for m in bot_posts(world.call_to_action)]
    assert "H.R. 1103/S. 490 ⚠️ expired: the 118th Congress has ended" in post

    await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="H.R. 1500", congress=119
    )
    await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="S. 700", congress=119
    )
    await schedule(world, "in 5 minutes")
    await world.env.advance_time(5 * 60)
    (newest,) = [m.content for m in bot_posts(world.call_to_action) if m.content != post]
    assert "(H.R. 1500/S. 700)" in newest and "expired" not in newest


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
