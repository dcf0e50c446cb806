"""/setup: organizer role, time zone and log channel, checked on our side; the checklist."""

from __future__ import annotations

import discord
import pytest

from tests.helpers import grant_to_everyone, schedule


async def test_member_cannot_set_organizer_role(world):
    await grant_to_everyone(world, "setup")
    result = await world.member.slash(world.general, "setup organizer-role", role=world.organizers)
    assert result.ephemeral
    assert "Only organizers" in result.response.content
    shown = await world.member.slash(world.general, "setup show")  # settings and to-dos
    assert shown.ephemeral and "Only organizers" in shown.response.content


async def test_organizer_role_grants_organizer_commands(world):
    helpers = world.guild.create_role("Helpers")
    helper = world.guild.add_member(world.env.create_user("helper"), roles=[helpers])
    await grant_to_everyone(world, "setup")  # an admin lets everyone see /setup
    denied = await helper.slash(world.general, "setup timezone", name="America/Chicago")
    assert "Only organizers" in denied.response.content

    ok = await world.organizer.slash(world.general, "setup organizer-role", role=helpers)
    assert ok.ephemeral and "can now run organizer commands" in ok.response.content

    allowed = await helper.slash(world.general, "setup timezone", name="america/chicago")
    assert allowed.response.content == "This server's time zone is now America/Chicago."


async def test_unknown_timezone_is_refused(world):
    result = await world.organizer.slash(world.general, "setup timezone", name="Mars/Olympus")
    assert result.ephemeral
    assert "isn't a time zone I know" in result.response.content
    shown = await world.organizer.slash(world.general, "setup show")
    assert "America/New_York (not set)" in shown.response.content


async def test_timezone_autocomplete_offers_us_zones_first(world):
    choices = await world.organizer.autocomplete(world.general, "setup timezone", "name", "")
    assert choices[0] == {
        "name": "America/New_York — Eastern time (ET)",
        "value": "America/New_York",
    }
    choices = await world.organizer.autocomplete(world.general, "setup timezone", "name", "los")
    assert {"name": "America/Los_Angeles — Pacific time (PT)", "value": "America/Los_Angeles"} in (
        choices
    )


async def test_typing_paci_offers_los_angeles_before_the_pacific_islands(world):
    choices = await world.organizer.autocomplete(world.general, "setup timezone", "name", "paci")
    assert choices[0] == {
        "name": "America/Los_Angeles — Pacific time (PT)",
        "value": "America/Los_Angeles",
    }
    assert "Pacific/Honolulu" in [c["value"] for c in choices[1:3]]
    assert any(c["value"].startswith("Pacific/") for c in choices[3:])
    hong = await world.organizer.autocomplete(world.general, "setup timezone", "name", "hong")
    assert hong[0]["value"] == "Asia/Hong_Kong"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Pacific", "America/Los_Angeles"),
        ("Eastern", "America/New_York"),
        ("Central", "America/Chicago"),
        ("Mountain", "America/Denver"),
        ("Alaska", "America/Anchorage"),
        ("Hawaii", "Pacific/Honolulu"),
        ("PT", "America/Los_Angeles"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("ET", "America/New_York"),
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("CT", "America/Chicago"),
        ("MT", "America/Denver"),
        ("AKT", "America/Anchorage"),
        ("HT", "Pacific/Honolulu"),
        ("Arizona", "America/Phoenix"),
        ("pacific time", "America/Los_Angeles"),
        ("Eastern Time (US & Canada)", "America/New_York"),
        ("US/Central", "America/Chicago"),
    ],
)
async def test_timezone_as_people_say_it_is_set_with_its_iana_name(world, typed, zone):
    result = await world.organizer.slash(world.general, "setup timezone", name=typed)
    assert result.ephemeral
    assert result.response.content == (
        f"“{typed}” is {zone}: this server's time zone is now {zone}."
    )
    shown = await world.organizer.slash(world.general, "setup show")
    assert f"**Time zone:** {zone}\n" in shown.response.content


async def test_settings_are_per_server(world):
    other = world.env.create_guild("Other")
    other_general = other.create_text_channel("general")
    boss = other.add_member(
        world.env.create_user("boss"),
        roles=[other.create_role("Admin", permissions=discord.Permissions(manage_guild=True))],
    )
    await world.organizer.slash(world.general, "setup timezone", name="America/Los_Angeles")
    shown = await boss.slash(other_general, "setup show")
    assert "America/Los_Angeles" not in shown.response.content


# ----------------------------------------------------------------- first-day checklist


async def test_setup_show_marks_the_checklist_as_an_organizer_works_through_it(world):
    shown = await world.organizer.slash(world.general, "setup show")
    text = shown.response.content
    assert "**First-day checklist** (0 of 4 done)" in text
    assert "⬜ **Organizer role** — `/setup organizer-role role:@Organizers`" in text
    assert "⬜ **Time zone** — `/setup timezone name:Eastern`" in text
    assert "⬜ **Current bill numbers** — `/bills list`, then `/bill-tracking add-version`" in text
    assert "⬜ **First reminder** — `/remind create bill:HKETO" in text

    await world.organizer.slash(world.general, "setup organizer-role", role=world.organizers)
    await world.organizer.slash(world.general, "setup timezone", name="Pacific")
    text = (await world.organizer.slash(world.general, "setup show")).response.content
    assert "(2 of 4 done)" in text
    assert "✅ **Organizer role**\n" in text and "✅ **Time zone**\n" in text
    assert "⬜ **Current bill numbers**" in text

    added = await world.organizer.slash(
        world.general, "bill-tracking add-version", bill="HKETO", number="H.R. 2000", congress=119
    )
    assert "Added" in added.response.content
    await schedule(world, "friday 6pm")
    text = (await world.organizer.slash(world.general, "setup show")).response.content
    assert "(4 of 4 done)" in text and "⬜" not in text
    assert "All set. `/help` lists the commands" in text


async def test_the_checklist_is_per_server(world):
    await world.organizer.slash(world.general, "setup timezone", name="Central")
    other = world.env.create_guild("Other")
    general = other.create_text_channel("general")
    boss = other.add_member(
        world.env.create_user("boss"),
        roles=[other.create_role("Admin", permissions=discord.Permissions(manage_guild=True))],
    )
    text = (await boss.slash(general, "setup show")).response.content
    assert "(0 of 4 done)" in text


async def test_remind_takes_the_zone_as_people_say_it_too(world):
    result = await world.organizer.slash(
        world.general,
        "remind create",
        bill="HKETO",
        when="friday 6pm",
        channel=world.call_to_action,
        timezone="Pacific",
    )
    assert result.response.embeds, result.response.content
    shown = "\n".join(f"{f.name} {f.value}" for f in result.response.embeds[0].fields)
    assert "America/Los_Angeles" in shown
    choices = await world.organizer.autocomplete(
        world.general, "remind create", "timezone", "paci", bill="HKETO", when="friday 6pm"
    )
    assert choices[0]["value"] == "America/Los_Angeles"
