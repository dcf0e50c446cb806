"""/setup: organizer role, time zone and log channel, checked on our side."""

from __future__ import annotations

import discord


async def test_member_cannot_set_organizer_role(world):
    result = await world.member.slash(world.general, "setup organizer-role", role=world.organizers)
    assert result.ephemeral
    assert "Only organizers" in result.response.content


async def test_organizer_role_grants_organizer_commands(world):
    helpers = world.guild.create_role("Helpers")
    helper = world.guild.add_member(world.env.create_user("helper"), roles=[helpers])
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
    choices = await world.member.autocomplete(world.general, "setup timezone", "name", "")
    assert choices[0]["value"] == "America/New_York"
    choices = await world.member.autocomplete(world.general, "setup timezone", "name", "los")
    assert {"name": "America/Los_Angeles", "value": "America/Los_Angeles"} in choices


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
