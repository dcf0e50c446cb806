"""/me privacy and /me forget: names only by choice, and forgetting a member for real."""

from __future__ import annotations

import discord

from bot.privacy.members import FORMER_ORGANIZER


def fields_of(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


NAMED = "Callers this week who chose to be named"


async def report_call(actor, channel, bill="HKETO", label="I reached someone"):
    shown = await actor.slash(channel, "call", bill=bill)
    return await actor.click(shown.response, label=label)


async def test_names_are_hidden_by_default_and_shown_only_by_choice(world):
    await report_call(world.member, world.general)
    await report_call(world.organizer, world.general)

    default = await world.member.slash(world.general, "me privacy")
    assert default.ephemeral
    assert "doesn't** appear anywhere" in default.response.content
    hidden = fields_of(await world.organizer.slash(world.general, "call-stats"))
    assert "Nobody who called this week has chosen to be named" in hidden[NAMED]

    on = await world.member.slash(world.general, "me privacy", show=True)
    assert on.ephemeral and "may now appear" in on.response.content
    shown = fields_of(await world.organizer.slash(world.general, "call-stats"))
    assert shown[NAMED] == world.member.mention.replace("<@!", "<@")
    assert str(world.organizer.id) not in shown[NAMED]

    off = await world.member.slash(world.general, "me privacy", show=False)
    assert "won't appear" in off.response.content
    again = fields_of(await world.organizer.slash(world.general, "call-stats"))
    assert str(world.member.id) not in again[NAMED]


async def test_opting_in_is_per_server(world):
    await world.member.slash(world.general, "me privacy", show=True)
    other = world.env.create_guild("Other")
    channel = other.create_text_channel("general")
    there = other.add_member(world.member.user)
    status = await there.slash(channel, "me privacy")
    assert "doesn't** appear" in status.response.content


async def test_forget_asks_first_then_deletes_and_says_what(world):
    await report_call(world.member, world.general, "HKETO")
    await report_call(world.member, world.general, "TNR", "I left a voicemail")
    await world.member.slash(world.general, "me privacy", show=True)
    await report_call(world.organizer, world.general)

    asked = await world.member.slash(world.general, "me forget")
    assert asked.ephemeral
    assert "calls you reported" in asked.response.content
    assert "can't be undone" in asked.response.content
    # Nothing is deleted before the member confirms.
    stats = fields_of(await world.member.slash(world.general, "call-stats"))
    assert "all time **2**" in stats["Your calls"]

    done = await world.member.click(asked.response, label="Yes, delete it")
    report = done.response.content  # the confirmation, edited in place
    assert "Here's what I deleted" in report
    assert "• calls you reported: 2" in report
    assert "• your privacy choice: 1" in report

    after = fields_of(await world.member.slash(world.general, "call-stats"))
    assert "all time **0**" in after["Your calls"]
    # The server's totals keep counting the calls, with no one in them.
    assert "Total: **2** · **2** · **2**" in after["HKETO Certification Act"]
    assert "Total: **1** · **1** · **1**" in after["Transnational Repression Policy Act"]
    privacy = await world.member.slash(world.general, "me privacy")
    assert "doesn't** appear" in privacy.response.content


async def test_forget_can_be_cancelled(world):
    await report_call(world.member, world.general)
    asked = await world.member.slash(world.general, "me forget")
    cancelled = await world.member.click(asked.response, label="Cancel")
    assert "Nothing was deleted" in cancelled.response.content
    stats = fields_of(await world.member.slash(world.general, "call-stats"))
    assert "all time **1**" in stats["Your calls"]


async def test_forget_with_nothing_stored_says_so(world):
    asked = await world.member.slash(world.general, "me forget")
    done = await world.member.click(asked.response, label="Yes, delete it")
    assert "nothing to delete" in done.response.content


async def test_forget_keeps_other_servers_and_organizer_content_without_the_name(world):
    await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="Reintroduced."
    )
    await report_call(world.organizer, world.general)
    other = world.env.create_guild("Other")
    channel = other.create_text_channel("general")
    admin = other.create_role("Admin", permissions=discord.Permissions(manage_guild=True))
    there = other.add_member(world.organizer.user, roles=[admin])
    await report_call(there, channel)

    asked = await world.organizer.slash(world.general, "me forget")
    done = await world.organizer.click(asked.response, label="Yes, delete it")
    assert "• calls you reported: 1" in done.response.content
    assert "your name on organizer changes" in done.response.content

    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    assert info["Status"].startswith("“Reintroduced.” (set by an organizer on ")
    assert str(world.organizer.id) not in info["Status"]
    elsewhere = fields_of(await there.slash(channel, "call-stats"))
    assert "all time **1**" in elsewhere["Your calls"]


async def test_forget_confirmation_expires(world):
    await report_call(world.member, world.general)
    asked = await world.member.slash(world.general, "me forget")
    await world.env.advance_time(121)
    message = world.env.backend.get_message(asked.response.channel_id, asked.response.id)
    assert "expired; nothing was deleted" in message.content
    assert not message.components
    stats = fields_of(await world.member.slash(world.general, "call-stats"))
    assert "all time **1**" in stats["Your calls"]


async def test_forget_keeps_a_location_correction_but_drops_who_made_it(world):
    await world.organizer.slash(
        world.general, "group-location set", group="Bonham Tree Aid", city="Oakland", state="CA"
    )
    asked = await world.organizer.slash(world.general, "me forget")
    done = await world.organizer.click(asked.response, label="Yes, delete it")
    assert "• your name on signatory location corrections: 1" in done.response.content
    still = await world.env.bot.db.fetchall(
        "SELECT city, set_by FROM group_location_edits WHERE guild_id=?", (world.guild.id,)
    )
    assert [tuple(r) for r in still] == [("Oakland", FORMER_ORGANIZER)]
