"""/groups near, driven as members would: any US city, the nearest by miles, which Glendale."""

from __future__ import annotations

import discord
import pytest

from bot.core.limits import CHOICE_NAME, CHOICE_VALUE


def _embed(result) -> discord.Embed:
    assert result.response is not None, "the bot did not answer"
    assert result.response.embeds, result.response.content
    return result.response.embeds[0]


async def test_near_oakland_offers_the_nearest_group_and_the_bay_area_groups(world):
    result = await world.member.slash(world.general, "groups near", place="Oakland")
    assert result.ephemeral
    embed = _embed(result)
    text = embed.description
    assert embed.title == "Signatory organizations near Oakland, CA"
    assert "Oakland, CA is part of this region: San Francisco Bay Area." in text
    assert "No signatory organization is known to be in Oakland, CA yet." in text
    nearest, wider = text.split("Also for a wider area")
    assert "**Nearest, by distance from Oakland, CA:**" in nearest
    assert (
        "• **Hong Kong Affairs Association of Berkeley (HKAAB)** — "
        "Berkeley, CA (San Francisco Bay Area) · 5 mi"
    ) in nearest
    assert "Hong Kongers in San Francisco Bay Area" in wider
    assert "Northern California Hong Kong Club" in wider
    assert "Los Angeles" not in text and "San Diego" not in text


@pytest.mark.parametrize(
    ("place", "title", "group"),
    [
        ("Houston", "Houston, TX", "**TX4HK** — Texas (no city given)"),
        ("Austin", "Austin, TX", "**TX4HK** — Texas (no city given)"),
        ("Phoenix", "Phoenix, AZ", "**Arizona for Hong Kong (AZ4HK)** — Arizona (no city given)"),
        ("Seattle", "Seattle, WA", "**Hong Kong Affairs Association of Berkeley (HKAAB)**"),
    ],
)
async def test_near_any_us_city_a_new_member_types(world, place, title, group):
    embed = _embed(await world.member.slash(world.general, "groups near", place=place))
    assert embed.title == f"Signatory organizations near {title}"
    assert group in embed.description
    assert "I don't know the place" not in embed.description


async def test_near_a_city_far_from_every_group_shows_the_three_nearest_in_miles(world):
    text = _embed(
        await world.member.slash(world.general, "groups near", place="Houston")
    ).description
    assert "**No other group is known within 150 miles of Houston, TX; the nearest:**" in text
    nearest = text.split("the nearest:**\n")[1].split("\n\n")[0].splitlines()
    assert nearest == [
        "• **Chicago Solidarity with Hong Kong (CSHK)** — Chicago, IL · 939 mi",
        "• **Washingtonians Supporting Hong Kong (DC4HK)** — Washington, DC · 1,218 mi",
        "• **Hong Kongers in San Diego** — San Diego, CA · 1,302 mi",
    ]
    wider = text.split("Also for a wider area that includes Houston, TX:**")[1]
    assert "TX4HK" in wider


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("Glendale", "Glendale, AZ · Glendale, CA"),
        ("Richmond", "Richmond, VA · Richmond, CA"),
        ("Pasadena", "Pasadena, TX · Pasadena, CA"),
    ],
)
async def test_near_a_name_shared_by_two_cities_asks_which(world, typed, choices):
    result = await world.member.slash(world.general, "groups near", place=typed)
    assert result.ephemeral and not result.response.embeds
    assert f"Several places are called “{typed}”: {choices}. Which one?" in (
        result.response.content
    )


async def test_a_member_in_glendale_arizona_is_not_shown_los_angeles_first(world):
    choices = await world.member.autocomplete(world.general, "groups near", "place", "Glendale")
    values = [c["value"] for c in choices]
    assert values[:2] == ["Glendale, AZ", "Glendale, CA"]
    assert choices[1]["name"] == "Glendale, CA — Los Angeles area"
    embed = _embed(await world.member.slash(world.general, "groups near", place=values[0]))
    assert embed.title == "Signatory organizations near Glendale, AZ"
    text = embed.description
    assert "Los Angeles area" not in text.split("the nearest:")[0]
    assert "Arizona for Hong Kong (AZ4HK)** — Arizona" in text
    assert "• **Hong Kongers in San Diego** — San Diego, CA · 294 mi" in text
    # The Californian one, picked, is in the Los Angeles area and near the LA group.
    text = _embed(
        await world.member.slash(world.general, "groups near", place=values[1])
    ).description
    assert "Glendale, CA is part of this region: Los Angeles area." in text
    assert "• **Hong Kong Forum, Los Angeles** — Los Angeles, CA · 6 mi" in text


async def test_near_northern_california_includes_the_bay_area(world):
    text = _embed(
        await world.member.slash(world.general, "groups near", place="NorCal")
    ).description
    assert "Berkeley, CA (San Francisco Bay Area), part of Northern California" in text
    assert "Northern California Hong Kong Club" in text
    assert "Also for a wider area" not in text


@pytest.mark.parametrize("place", ["CA", "ca", "California", " california "])
async def test_near_a_state_by_code_or_name(world, place):
    embed = _embed(await world.member.slash(world.general, "groups near", place=place))
    assert embed.title == "Signatory organizations near California"
    for name in ("HKAAB", "Hong Kong Forum, Los Angeles", "Hong Kongers in San Diego"):
        assert name in embed.description
    assert "Chicago" not in embed.description


async def test_near_new_york_city_lists_the_statewide_group_separately(world):
    text = _embed(await world.member.slash(world.general, "groups near", place="nyc")).description
    inside, wider = text.split("Also for a wider area")
    assert "NYC852HKER" in inside and "NYU HKSAG" in inside
    assert "New Yorkers Supporting Hong Kong (NY4HK)** — New York (no city given)" in wider


async def test_near_ambiguous_place_offers_the_other_meaning(world):
    text = _embed(await world.member.slash(world.general, "groups near", place="LA")).description
    assert "Hong Kong Forum, Los Angeles" in text
    assert "“LA” can also mean Louisiana (LA)" in text


async def test_near_unknown_city_in_a_known_state_falls_back_to_the_state(world):
    text = _embed(
        await world.member.slash(world.general, "groups near", place="Lake Wobegon, TX")
    ).description
    assert "I don't know “Lake Wobegon” yet, so these are the groups in Texas." in text
    assert "TX4HK" in text


async def test_near_a_place_without_groups_says_so(world):
    embed = _embed(await world.member.slash(world.general, "groups near", place="Oregon"))
    assert "No signatory organization is known to be in Oregon yet." in embed.description
    assert "10 organizations' locations are not known yet" in embed.description


@pytest.mark.parametrize("place", ["Gondor", "   ", "x" * 150])
async def test_near_unknown_place_is_refused_with_examples(world, place):
    result = await world.member.slash(world.general, "groups near", place=place)
    assert result.ephemeral
    content = result.response.content
    assert "Glendale, AZ" in content or "100" in content


async def test_near_autocomplete_offers_cities_metros_and_states(world):
    choices = await world.member.autocomplete(world.general, "groups near", "place", "oak")
    assert choices[0] == {"name": "Oakland, CA — San Francisco Bay Area", "value": "Oakland, CA"}
    choices = await world.member.autocomplete(world.general, "groups near", "place", "bay")
    assert choices[0]["value"] == "San Francisco Bay Area"
    choices = await world.member.autocomplete(world.general, "groups near", "place", "wash")
    values = [c["value"] for c in choices]
    assert "Washington, D.C. area" in values and "Washington state" in values
    empty = await world.member.autocomplete(world.general, "groups near", "place", "")
    assert len(empty) == 25
    for c in empty + choices:
        assert len(c["name"]) <= CHOICE_NAME and len(c["value"]) <= CHOICE_VALUE
    # Every suggestion, picked, finds that place.
    for choice in [*empty, *choices]:
        result = await world.member.slash(world.general, "groups near", place=choice["value"])
        assert result.response.embeds, (choice, result.response.content)


async def test_near_washington_state_is_not_dc(world):
    text = _embed(
        await world.member.slash(world.general, "groups near", place="Washington state")
    ).description
    assert "No signatory organization is known to be in Washington yet." in text
