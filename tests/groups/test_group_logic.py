"""bot/groups on its own, without Discord: places, locations, group names and storage."""

from __future__ import annotations

import pytest

from bot.core.content import load_content
from bot.core.database import Database
from bot.core.errors import UserError
from bot.groups.corrections import location_for
from bot.groups.locations import effective_groups
from bot.groups.matching import norm
from bot.groups.nearby import near
from bot.groups.places import Gazetteer, Place
from bot.groups.signatories import resolve_group, suggest_groups
from bot.groups.storage import (
    LocationEdit,
    add_location_edit,
    current_edit,
    current_edits,
    forget_editor,
    undo_latest_edit,
)
from bot.groups.suggest import suggest_cities, suggest_places, suggest_states
from bot.privacy.keys import DataKey
from bot.privacy.members import FORMER_ORGANIZER, member_key
from bot.privacy.unlock import unlock

CONTENT = load_content()


def _gaz(edits: dict[int, LocationEdit] | None = None) -> Gazetteer:
    return Gazetteer(CONTENT, effective_groups(CONTENT, edits or {}))


def _edit(position: int, city=None, state=None, metro=None, edit_id=1) -> LocationEdit:
    return LocationEdit(edit_id, 1, position, city, state, metro, 42, "2026-03-04T05:06:07+00:00")


def _names(entries) -> set[str]:
    return {e.signatory.short_name or e.signatory.name for e in entries}


# ---------------------------------------------------------------------- resolving places


@pytest.mark.parametrize(
    ("typed", "kind", "key"),
    [
        ("CA", "state", "CA"),
        ("ca", "state", "CA"),
        ("California", "state", "CA"),
        ("new york state", "state", "NY"),
        ("NY", "state", "NY"),
        ("Texas", "state", "TX"),
        ("Bay Area", "metro", "sf-bay-area"),
        ("sf", "metro", "sf-bay-area"),
        ("San Francisco", "metro", "sf-bay-area"),
        ("L.A.", "metro", "los-angeles"),
        ("Washington, D.C.", "metro", "washington-dc"),
        ("NorCal", "metro", "northern-california"),
    ],
)
def test_resolve_a_state_or_region(typed, kind, key):
    match = _gaz().resolve(typed)
    assert match.place.kind == kind
    assert (match.place.state if kind == "state" else match.place.metro) == key


@pytest.mark.parametrize(
    ("typed", "city", "state", "metro"),
    [
        ("Oakland", "Oakland", "CA", "sf-bay-area"),
        ("Oakland, CA", "Oakland", "CA", "sf-bay-area"),
        ("oakland california", "Oakland", "CA", "sf-bay-area"),
        ("Jersey City, NJ", "Jersey City", "NJ", "new-york"),
        ("Newark, NJ", "Newark", "NJ", "new-york"),
        ("Newark, CA", "Newark", "CA", "sf-bay-area"),
        ("Sacramento", "Sacramento", "CA", "northern-california"),
        ("Houston", "Houston", "TX", None),
        ("Phoenix", "Phoenix", "AZ", None),
        ("Seattle", "Seattle", "WA", None),
        ("Glendale, AZ", "Glendale", "AZ", None),
        ("glendale arizona", "Glendale", "AZ", None),
        ("Glendale, CA", "Glendale", "CA", "los-angeles"),
        ("Richmond, VA", "Richmond", "VA", None),
        ("Richmond, CA", "Richmond", "CA", "sf-bay-area"),
        ("Pasadena TX", "Pasadena", "TX", None),
        ("Salt Lake City Utah", "Salt Lake City", "UT", None),
        ("Saint Louis", "St. Louis", "MO", None),
        ("San Juan, PR", "San Juan", "PR", None),
        ("New York City, NY", "New York City", "NY", "new-york"),
    ],
)
def test_resolve_any_us_city(typed, city, state, metro):
    place = _gaz().resolve(typed).place
    assert (place.kind, place.city, place.state, place.metro) == ("city", city, state, metro)
    assert place.point is not None


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("Glendale", "Glendale, AZ · Glendale, CA"),
        ("Richmond", "Richmond, VA · Richmond, CA"),
        ("Pasadena", "Pasadena, TX · Pasadena, CA"),
        ("Kansas City", "Kansas City, MO · Kansas City, KS"),
    ],
)
def test_a_name_several_sizeable_places_share_is_asked_about(typed, choices):
    with pytest.raises(UserError) as caught:
        _gaz().resolve(typed)
    assert caught.value.key == "groups.near.which"
    assert caught.value.values["choices"] == choices


def test_a_much_larger_namesake_wins_and_the_others_are_offered():
    match = _gaz().resolve("Newark")
    assert (match.place.city, match.place.state) == ("Newark", "NJ")
    assert ("Newark", "CA") in {(p.city, p.state) for p in match.alternatives}
    match = _gaz().resolve("Washington")
    assert (match.place.city, match.place.state) == ("Washington", "DC")
    assert Place("state", "WA") in match.alternatives


def test_an_unknown_city_in_a_known_state_falls_back_to_the_state():
    match = _gaz().resolve("Lake Wobegon, MN")
    assert match.place == Place("state", "MN") and match.unknown_city == "Lake Wobegon"


@pytest.mark.parametrize("typed", ["Gondor", "Springfield, XY", "", " ", "a" * 101])
def test_unknown_places_are_refused(typed):
    with pytest.raises(UserError):
        _gaz().resolve(typed)


def test_norm_ignores_case_accents_dots_and_punctuation():
    assert norm("  Washington,  D.C. ") == "washington dc"
    assert norm("Winston-Salem") == "winston salem"
    assert norm("Coeur d’Alene") == "coeur d'alene"
    assert norm("Bayamón") == "bayamon"


# ------------------------------------------------------------------------ containment


def test_region_lists_groups_in_its_subregions():
    gaz = _gaz()
    result = near(gaz, Place("metro", "CA", "northern-california"))
    assert _names(result.inside) == {
        "HKAAB",
        "Hong Kongers in San Francisco Bay Area",
        "Northern California Hong Kong Club",
    }
    assert result.wider == []


def test_subregion_lists_wider_region_groups_separately():
    result = near(_gaz(), Place("metro", "CA", "sf-bay-area"))
    assert _names(result.inside) == {"HKAAB", "Hong Kongers in San Francisco Bay Area"}
    assert _names(result.wider) == {"Northern California Hong Kong Club"}


def test_a_city_group_in_the_wider_region_is_not_offered_for_the_subregion():
    gaz = _gaz({14: _edit(14, "Sacramento", "CA", "northern-california")})
    result = near(gaz, Place("metro", "CA", "sf-bay-area"))
    assert "Lamp of Liberty" not in _names(result.inside + result.wider)
    result = near(gaz, Place("metro", "CA", "northern-california"))
    assert "Lamp of Liberty" in _names(result.inside)


def test_a_statewide_group_covers_its_metros():
    result = near(_gaz(), Place("metro", "NY", "new-york"))
    assert _names(result.inside) == {"NYU HKSAG", "NYC852HKER"}
    assert _names(result.wider) == {"NY4HK"}
    assert _names(near(_gaz(), Place("state", "NY")).inside) == {"NYU HKSAG", "NYC852HKER", "NY4HK"}


def test_a_group_in_a_cross_state_metro_city_counts_for_both_states():
    gaz = _gaz({6: _edit(6, "Jersey City", "NJ", "new-york")})
    assert "Bonham Tree Aid" in _names(near(gaz, Place("state", "NJ")).inside)
    assert "Bonham Tree Aid" in _names(near(gaz, Place("state", "NY")).inside)


def test_organizer_city_is_a_place():
    gaz = _gaz({21: _edit(21, "Lake Wobegon", "MN")})
    match = gaz.resolve("Lake Wobegon")
    assert match.place == Place("city", "MN", None, "Lake Wobegon")
    assert _names(near(gaz, match.place).inside) == {"TX4HK"}
    assert ("Lake Wobegon, MN", "Lake Wobegon, MN") in suggest_places(gaz, "lake w")


def test_suggestions_resolve_to_themselves_and_put_places_with_groups_first():
    gaz = _gaz()
    empty = suggest_places(gaz, "")
    assert empty[0] == ("San Francisco Bay Area", "San Francisco Bay Area")
    for typed in ("", "new", "wa", "la", "newark", "ca", "san", "glendale", "rich", "pasa"):
        for _name, value in suggest_places(gaz, typed):
            assert gaz.resolve(value).alternatives == (), value  # picking one is unambiguous
    state_values = dict(suggest_places(gaz, "washington"))
    assert gaz.resolve(state_values["Washington (WA)"]).place == Place("state", "WA")


def test_place_suggestions_offer_each_of_a_shared_name_with_its_state():
    gaz = _gaz()
    values = [v for _, v in suggest_places(gaz, "Glendale")]
    assert values[:2] == ["Glendale, AZ", "Glendale, CA"]
    assert ("Glendale, CA — Los Angeles area", "Glendale, CA") in suggest_places(gaz, "glen")
    assert [v for _, v in suggest_places(gaz, "glendale, a")] == ["Glendale, AZ"]
    assert suggest_places(gaz, "hous")[0] == ("Houston, TX", "Houston, TX")
    assert suggest_places(gaz, "bay")[0] == ("San Francisco Bay Area", "San Francisco Bay Area")


# ------------------------------------------------------------------- distance


def test_a_city_lists_its_own_groups_then_the_nearest_then_wider_areas():
    gaz = _gaz({14: _edit(14, "Oakland", "CA", "sf-bay-area")})
    result = near(gaz, gaz.resolve("Oakland").place)
    assert _names(result.inside) == {"Lamp of Liberty"}
    assert [(_names([n.entry]), round(n.miles or 0)) for n in result.nearest] == [({"HKAAB"}, 5)]
    assert _names(result.wider) == {
        "Hong Kongers in San Francisco Bay Area",
        "Northern California Hong Kong Club",
    }


def test_far_from_every_group_the_three_nearest_are_shown_with_miles():
    gaz = _gaz()
    result = near(gaz, gaz.resolve("Glendale, AZ").place)
    assert result.inside == [] and result.farther
    assert [n.entry.signatory.position for n in result.nearest] == [12, 10, 9]  # SD, LA, Berkeley
    assert [round(n.miles or 0, -1) for n in result.nearest] == [290, 350, 640]
    assert _names(result.wider) == {"AZ4HK"}


def test_a_group_in_a_city_the_gazetteer_lacks_is_listed_without_a_distance():
    gaz = _gaz({6: _edit(6, "Lake Wobegon", "CA")})
    result = near(gaz, gaz.resolve("Oakland").place)
    assert [(n.entry.signatory.position, n.miles) for n in result.nearest][-1] == (6, None)


def test_state_suggestions_match_codes_then_names_then_inner_words():
    assert suggest_states(CONTENT, "wa")[0] == ("Washington (WA)", "WA")
    assert ("West Virginia (WV)", "WV") in suggest_states(CONTENT, "virginia")
    assert suggest_states(CONTENT, "virginia")[0] == ("Virginia (VA)", "VA")
    assert len(suggest_states(CONTENT, "", limit=25)) == 25


def test_city_suggestions_are_any_us_town_sent_with_its_state():
    gaz = _gaz()
    oak = suggest_cities(gaz, "oak")
    assert oak[0] == ("Oakland, CA — San Francisco Bay Area", "Oakland, CA")
    assert ("Newark, NJ — New York City area", "Newark, NJ") in suggest_cities(gaz, "newark")
    assert suggest_cities(gaz, "tucs")[0] == ("Tucson, AZ", "Tucson, AZ")
    assert suggest_cities(gaz, "zzzq") == []


# ------------------------------------------------------------------- organizer input


@pytest.mark.parametrize(
    ("city", "state", "expected"),
    [
        ("Oakland", None, ("Oakland", "CA", "sf-bay-area")),
        ("oakland", "California", ("Oakland", "CA", "sf-bay-area")),
        ("Oakland, CA", None, ("Oakland", "CA", "sf-bay-area")),
        ("Richmond", "VA", ("Richmond", "VA", None)),
        ("Richmond", "CA", ("Richmond", "CA", "sf-bay-area")),
        ("Glendale, AZ", None, ("Glendale", "AZ", None)),
        ("Glendale, CA", "CA", ("Glendale", "CA", "los-angeles")),
        ("tucson", None, ("Tucson", "AZ", None)),
        ("saint louis", "MO", ("St. Louis", "MO", None)),
        ("Newark", "NJ", ("Newark", "NJ", "new-york")),
        ("Bay Area", None, (None, "CA", "sf-bay-area")),
        ("Texas", None, (None, "TX", None)),
        (None, "wa", (None, "WA", None)),
        ("Portland", "OR", ("Portland", "OR", None)),
        ("Coeur d'Alene", "ID", ("Coeur d'Alene", "ID", None)),
        ("São Paulo", "CA", ("São Paulo", "CA", None)),
    ],
)
def test_location_for(city, state, expected):
    loc = location_for(_gaz(), city, state)
    assert (loc.city, loc.state, loc.metro) == expected
    assert loc.source == "organizer"


@pytest.mark.parametrize(
    ("city", "state", "key"),
    [
        (None, None, "groups.set.nothing"),
        ("", "", "groups.set.nothing"),
        (None, "ZZ", "groups.set.state_unknown"),
        ("a" * 101, "CA", "groups.set.city_too_long"),
        ("Springfield", None, "groups.set.state_needed"),
        ("Richmond", None, "groups.set.state_needed"),
        ("Lake Wobegon", None, "groups.set.state_needed"),
        ("Glendale, AZ", "CA", "groups.set.two_states"),
        ("**bold**", "CA", "groups.set.city_invalid"),
        ("1234", "CA", "groups.set.city_invalid"),
        ("@everyone", "CA", "groups.set.city_invalid"),
    ],
)
def test_location_for_refuses(city, state, key):
    with pytest.raises(UserError) as caught:
        location_for(_gaz(), city, state)
    assert caught.value.key == key


def test_effective_location_prefers_the_newest_edit_over_the_name():
    entries = effective_groups(CONTENT, {9: _edit(9, "Oakland", "CA", "sf-bay-area")})
    assert entries[8].location.city == "Oakland" and entries[8].from_organizer
    assert entries[8].set_at.startswith("2026-03-04")
    assert entries[7].location.city == "Chicago" and not entries[7].from_organizer
    assert entries[0].location is None


# ------------------------------------------------------------------------ group names


@pytest.mark.parametrize(
    ("typed", "position"),
    [
        ("AZ4HK", 5),
        ("az4hk", 5),
        ("Arizona for Hong Kong", 5),
        ("Arizona for Hong Kong (AZ4HK)", 5),
        ("#8", 8),
        ("24", 24),
        ("nyu hksag", 16),
        ("philly", 19),
        ("Fight for Freedom. Stand with Hong Kong.", 2),
        ("  lamp   of liberty ", 14),
    ],
)
def test_resolve_group(typed, position):
    assert resolve_group(CONTENT, typed).position == position


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "groups.info.empty"),
        ("0", "groups.info.bad_number"),
        ("25", "groups.info.bad_number"),
        ("Hong Kong", "groups.info.ambiguous"),
        ("Knitting", "groups.info.unknown"),
    ],
)
def test_resolve_group_refuses(typed, key):
    with pytest.raises(UserError) as caught:
        resolve_group(CONTENT, typed)
    assert caught.value.key == key


def test_suggest_groups_prefers_names_that_start_with_the_words():
    assert [s.position for s in suggest_groups(CONTENT, "hong kong")][:3] == [1, 9, 10]
    assert [s.position for s in suggest_groups(CONTENT, "4hk")] == [5, 7, 15, 19, 21, 23]
    assert [s.position for s in suggest_groups(CONTENT, "2")] == [2, 20, 21, 22, 23, 24]


# --------------------------------------------------------------------------- storage


async def test_storage_newest_edit_in_force_undo_and_servers_apart(tmp_path):
    db = Database(tmp_path / "edits.db")
    await db.open()
    await unlock(db, DataKey.generate())
    try:
        common = {"metro": None, "set_by": 7, "set_at": "2026-01-01T00:00:00+00:00"}
        await add_location_edit(db, 1, 5, city="Phoenix", state="AZ", **common)
        await add_location_edit(db, 1, 5, city="Tucson", state="AZ", **common)
        await add_location_edit(db, 2, 5, city="Mesa", state="AZ", **common)
        await add_location_edit(db, 1, 9, city=None, state="CA", **common)
        edits = await current_edits(db, 1)
        assert {p: e.city for p, e in edits.items()} == {5: "Tucson", 9: None}
        assert (await current_edit(db, 2, 5)).city == "Mesa"
        assert await current_edit(db, 3, 5) is None

        undone = await undo_latest_edit(db, 1, 5)
        assert undone is not None and undone.city == "Tucson"
        assert (await current_edit(db, 1, 5)).city == "Phoenix"
        assert (await current_edit(db, 2, 5)).city == "Mesa"  # the other server untouched
        assert (await undo_latest_edit(db, 1, 5)).city == "Phoenix"
        assert await undo_latest_edit(db, 1, 5) is None
        assert (await current_edit(db, 2, 5)).city == "Mesa"

        assert await forget_editor(db, 2, 7) == 1
        assert (await current_edit(db, 2, 5)).set_by == FORMER_ORGANIZER
        # only that server's rows; the organizer kept as a pseudonym, never as the id
        assert (await current_edit(db, 1, 9)).set_by == member_key(db, 1, 7)
    finally:
        await db.close()
