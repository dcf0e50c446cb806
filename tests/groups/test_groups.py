"""/groups and /group-location, driven as members and organizers would: list, near, info, set
and undo."""

from __future__ import annotations

import discord
import pytest
from simcord import SetupError

from bot.core.content import load_content
from bot.core.formatting import format_date
from bot.core.limits import (
    CHOICE_NAME,
    CHOICE_VALUE,
    EMBED_FIELD_NAME,
    EMBED_FIELD_VALUE,
    EMBED_FIELDS,
    EMBED_TOTAL,
)
from tests.helpers import grant_to_everyone

CONTENT = load_content()
NAMES = [s.name for s in CONTENT.signatories]
UNKNOWN_HEADING = "Location not known yet — organizers can set it with /group-location set"


def _embed(result) -> discord.Embed:
    assert result.response is not None, "the bot did not answer"
    assert result.response.embeds, result.response.content
    return result.response.embeds[0]


def _all_embeds(result) -> list[discord.Embed]:
    return [e for m in [result.response, *result.followups] for e in m.embeds]


def _text(embed: discord.Embed) -> str:
    parts = [embed.title or "", embed.description or ""]
    parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


def _field(embed: discord.Embed, name: str) -> str:
    for f in embed.fields:
        if f.name == name:
            return f.value
    raise AssertionError(f"no field {name!r} in {[f.name for f in embed.fields]}")


def _assert_fits(embeds: list[discord.Embed]) -> None:
    for e in embeds:
        assert len(e) <= EMBED_TOTAL
        assert len(e.fields) <= EMBED_FIELDS
        for f in e.fields:
            assert len(f.name) <= EMBED_FIELD_NAME and len(f.value) <= EMBED_FIELD_VALUE


def _other_server(world):
    other = world.env.create_guild("Other Chapter")
    general = other.create_text_channel("general")
    admins = other.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    boss = other.add_member(world.env.create_user("boss"), roles=[admins])
    return general, boss


# ---------------------------------------------------------------------------- list


async def test_list_groups_all_24_by_state_and_city(world):
    result = await world.member.slash(world.general, "groups list")
    assert result.ephemeral
    embeds = _all_embeds(result)
    _assert_fits(embeds)
    text = "\n".join(_text(e) for e in embeds)
    for position, name in enumerate(NAMES, 1):
        assert text.count(f"{position}. {name}\n") + text.endswith(f"{position}. {name}") == 1
    embed = embeds[0]
    california = _field(embed, "California")
    assert "**Berkeley (San Francisco Bay Area)**\n9. Hong Kong Affairs Association" in california
    assert "17. Northern California Hong Kong Club" in california
    assert "21. TX4HK" in _field(embed, "Texas")
    unknown = _field(embed, UNKNOWN_HEADING)
    assert unknown.splitlines() == [
        f"{s.position}. {s.name}" for s in CONTENT.signatories if s.location is None
    ]
    assert embed.fields[-1].name == UNKNOWN_HEADING
    states = [f.name for f in embed.fields[:-1]]
    assert states == sorted(states)


async def test_list_still_fits_when_every_group_has_a_long_city(world):
    states = sorted(CONTENT.states)
    for position in range(1, 25):
        city = f"Lake {'Wobegon' * 13} {position:02d}"[:100]
        result = await world.organizer.slash(
            world.general,
            "group-location set",
            group=str(position),
            city=city,
            state=states[position],
        )
        assert "is now shown" in result.response.content
    result = await world.member.slash(world.general, "groups list")
    embeds = _all_embeds(result)
    _assert_fits(embeds)
    text = "\n".join(_text(e) for e in embeds)
    for position, name in enumerate(NAMES, 1):
        assert f"{position}. {name} (set by an organizer)" in text
    assert UNKNOWN_HEADING not in text


# ---------------------------------------------------------------------------- info


async def test_info_by_short_name_shows_position_location_and_source(world):
    result = await world.member.slash(world.general, "groups info", group="az4hk")
    assert result.ephemeral
    embed = _embed(result)
    assert embed.title == "Arizona for Hong Kong (AZ4HK)"
    assert _field(embed, "Position") == "5 of 24 signatories"
    assert _field(embed, "Location") == "Arizona"
    assert _field(embed, "Where this comes from") == "The group's name: “Arizona”."


async def test_info_for_a_group_with_no_known_location(world):
    embed = _embed(await world.member.slash(world.general, "groups info", group="Lamp of Liberty"))
    assert _field(embed, "Position") == "14 of 24 signatories"
    assert _field(embed, "Location") == "Not known"
    assert "/group-location set" in _field(embed, "Where this comes from")


async def test_info_keeps_the_name_exactly_as_in_the_statement(world):
    embed = _embed(await world.member.slash(world.general, "groups info", group="2"))
    assert embed.title == "Fight for Freedom. Stand with Hong Kong."


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("Hong Kong Knitting Circle", "No signatory organization is called"),
        ("ny", "matches several organizations"),
        ("25", "from 1 to 24"),
        ("0", "from 1 to 24"),
        ("99999999999999", "from 1 to 24"),
    ],
)
async def test_info_refuses_unknown_groups(world, group, expected):
    result = await world.member.slash(world.general, "groups info", group=group)
    assert result.ephemeral
    assert expected in result.response.content


async def test_info_autocomplete_matches_names_and_short_names(world):
    choices = await world.member.autocomplete(world.general, "groups info", "group", "ny4")
    assert choices == [
        {
            "name": "15. New Yorkers Supporting Hong Kong (NY4HK)",
            "value": "New Yorkers Supporting Hong Kong (NY4HK)",
        }
    ]
    everyone = await world.member.autocomplete(world.general, "groups info", "group", "")
    assert len(everyone) == 24
    for c in everyone:
        assert len(c["name"]) <= CHOICE_NAME and len(c["value"]) <= CHOICE_VALUE
    berkeley = await world.member.autocomplete(world.general, "groups info", "group", "berk")
    assert berkeley[0]["value"] == "Hong Kong Affairs Association of Berkeley (HKAAB)"


# ---------------------------------------------------------------- set and undo location


async def test_member_cannot_set_or_undo_a_location(world):
    with pytest.raises(SetupError, match="not visible"):  # Discord hides /group-location
        await world.member.slash(world.general, "group-location set", group="7", state="NY")
    await grant_to_everyone(world, "group-location")  # even when an admin shows it to everyone
    result = await world.member.slash(
        world.general, "group-location set", group="Lamp of Liberty", city="Oakland"
    )
    assert result.ephemeral and "Only organizers" in result.response.content
    result = await world.member.slash(
        world.general, "group-location undo", group="Arizona for Hong Kong (AZ4HK)"
    )
    assert "Only organizers" in result.response.content
    embed = _embed(await world.member.slash(world.general, "groups info", group="Lamp of Liberty"))
    assert _field(embed, "Location") == "Not known"


async def test_organizer_sets_a_city_mapped_to_its_metro(world):
    result = await world.organizer.slash(
        world.general, "group-location set", group="Lamp of Liberty", city="  oakland ", state="ca"
    )
    assert result.ephemeral
    assert result.response.content.startswith(
        "**Lamp of Liberty** is now shown in this server as being in "
        "**Oakland, CA (San Francisco Bay Area)**."
    )
    embed = _embed(await world.member.slash(world.general, "groups info", group="Lamp of Liberty"))
    assert _field(embed, "Location") == "Oakland, CA (San Francisco Bay Area)"
    date = format_date(world.env.bot.clock.now())
    assert _field(embed, "Where this comes from") == (
        f"Set by an organizer of this server on {date} (UTC)."
    )
    near = _embed(await world.member.slash(world.general, "groups near", place="Berkeley"))
    assert (
        "**Lamp of Liberty** — Oakland, CA (San Francisco Bay Area) (set by an organizer) · 5 mi"
    ) in near.description


async def test_organizer_corrects_a_name_derived_location_and_undoes_it(world):
    await world.organizer.slash(
        world.general, "group-location set", group="TX4HK", city="Austin", state="Texas"
    )
    embed = _embed(await world.member.slash(world.general, "groups info", group="TX4HK"))
    assert _field(embed, "Location") == "Austin, TX"
    source = _field(embed, "Where this comes from")
    assert "Set by an organizer" in source and "The group's name says “TX” (Texas)" in source
    # A city an organizer set becomes a place members can look up.
    near = _embed(await world.member.slash(world.general, "groups near", place="austin"))
    assert "**TX4HK** — Austin, TX" in near.description
    await world.organizer.slash(world.general, "group-location set", group="TX4HK", state="TX")
    undone = await world.organizer.slash(world.general, "group-location undo", group="TX4HK")
    assert undone.response.content == (
        "Undone. **TX4HK** is now shown as being in **Austin, TX** "
        "(an earlier change by an organizer)."
    )
    undone = await world.organizer.slash(world.general, "group-location undo", group="TX4HK")
    assert undone.response.content == (
        "Undone. **TX4HK** is now shown as being in **Texas** (from the group's name)."
    )
    nothing = await world.organizer.slash(world.general, "group-location undo", group="TX4HK")
    assert nothing.ephemeral
    assert nothing.response.content == (
        "There's no location change to undo for **TX4HK** in this server."
    )


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, "Please give a city, a state, or both."),
        ({"state": "XX"}, "“XX” isn't a US state I know."),
        ({"state": "Atlantis"}, "isn't a US state I know"),
        ({"city": "x" * 101, "state": "CA"}, "101 characters long; please keep it to 100"),
        ({"city": "Springfield"}, "I don't know which state Springfield is in"),
        ({"city": "<@123456789>", "state": "CA"}, "doesn't look like a city name"),
        ({"city": "   ", "state": "  "}, "Please give a city, a state, or both."),
    ],
)
async def test_set_location_validates_input(world, options, expected):
    result = await world.organizer.slash(
        world.general, "group-location set", group="Bonham Tree Aid", **options
    )
    assert result.ephemeral
    assert expected in result.response.content
    embed = _embed(await world.member.slash(world.general, "groups info", group="Bonham Tree Aid"))
    assert _field(embed, "Location") == "Not known"


async def test_set_location_refuses_an_unknown_group(world):
    result = await world.organizer.slash(
        world.general, "group-location set", group="Nobody", state="CA"
    )
    assert "No signatory organization is called “Nobody”" in result.response.content


async def test_organizer_role_without_manage_server_may_set_locations(world):
    helpers = world.guild.create_role("Helpers")
    helper = world.guild.add_member(world.env.create_user("helper"), roles=[helpers])
    await grant_to_everyone(world, "group-location")  # the admins show it in Integrations
    denied = await helper.slash(world.general, "group-location set", group="7", state="NY")
    assert "Only organizers" in denied.response.content
    await world.organizer.slash(world.general, "setup organizer-role", role=helpers)
    allowed = await helper.slash(world.general, "group-location set", group="7", state="NY")
    assert "**Call4HK** is now shown in this server as being in **New York**" in (
        allowed.response.content
    )


async def test_set_location_autocompletes_states_and_cities(world):
    states = await world.organizer.autocomplete(world.general, "group-location set", "state", "cal")
    assert states[0] == {"name": "California (CA)", "value": "CA"}
    cities = await world.organizer.autocomplete(world.general, "group-location set", "city", "oak")
    assert {"name": "Oakland, CA — San Francisco Bay Area", "value": "Oakland, CA"} in cities
    glendale = await world.organizer.autocomplete(
        world.general, "group-location set", "city", "glendale"
    )
    assert [c["value"] for c in glendale][:2] == ["Glendale, AZ", "Glendale, CA"]
    picked = await world.organizer.slash(
        world.general, "group-location set", group="Lamp of Liberty", city="Glendale, AZ"
    )
    assert "**Lamp of Liberty** is now shown in this server as being in **Glendale, AZ**" in (
        picked.response.content
    )


async def test_a_second_server_does_not_see_the_first_servers_edits(world):
    other_general, boss = _other_server(world)
    await world.organizer.slash(
        world.general, "group-location set", group="Lamp of Liberty", city="Boston", state="MA"
    )
    await world.organizer.slash(
        world.general, "group-location set", group="AZ4HK", city="Tucson", state="AZ"
    )
    theirs = _embed(await boss.slash(other_general, "groups info", group="Lamp of Liberty"))
    assert _field(theirs, "Location") == "Not known"
    listed = "\n".join(
        _text(e) for e in _all_embeds(await boss.slash(other_general, "groups list"))
    )
    assert "(set by an organizer)" not in listed and "Tucson" not in listed
    near = _embed(await boss.slash(other_general, "groups near", place="Boston"))
    assert "Lamp of Liberty" not in near.description
    theirs_tucson = _embed(await boss.slash(other_general, "groups near", place="Tucson"))
    assert "Tucson, AZ (set by an organizer)" not in theirs_tucson.description
    assert "AZ4HK)** — Arizona (no city given)" in theirs_tucson.description
    ours_tucson = _embed(await world.member.slash(world.general, "groups near", place="Tucson"))
    assert "AZ4HK)** — Tucson, AZ (set by an organizer)" in ours_tucson.description
    nothing = await boss.slash(other_general, "group-location undo", group="Lamp of Liberty")
    assert "There's no location change to undo" in nothing.response.content
    ours = _embed(await world.member.slash(world.general, "groups info", group="Lamp of Liberty"))
    assert _field(ours, "Location") == "Boston, MA"


async def test_edits_survive_a_restart(world):
    from bot.app import create_bot

    await world.organizer.slash(
        world.general, "group-location set", group="We The Hongkongers", city="Philly"
    )
    await world.env.restart_bot(create_bot(world.env.bot.settings))
    embed = _embed(
        await world.member.slash(world.general, "groups info", group="We The Hongkongers")
    )
    assert _field(embed, "Location") == "Philadelphia area"
