"""bot/groups on its own, without Discord: places, locations, group names and storage."""

from __future__ import annotations

import pytest

from bot.core.content import load_content
from bot.core.database import Database
from bot.core.errors import UserError
from bot.groups.locations import effective_groups
from bot.groups.matching import norm
from bot.groups.places import Gazetteer, Place, suggest_metro_cities, suggest_states
from bot.groups.signatories import resolve_group, suggest_groups
from bot.groups.storage import (
    LocationEdit,
    add_location_edit,
    current_edit,
    current_edits,
    forget_editor,
    undo_latest_edit,
)
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
        ("Bay Area", "metro", "sf-bay-area"),
        ("sf", "metro", "sf-bay-area"),
        ("Oakland", "metro", "sf-bay-area"),
        ("Oakland, CA", "metro", "sf-bay-area"),
        ("oakland california", "metro", "sf-bay-area"),
        ("L.A.", "metro", "los-angeles"),
        ("Washington, D.C.", "metro", "washington-dc"),
        ("Jersey City, NJ", "metro", "new-york"),
        ("Newark, NJ", "metro", "new-york"),
        ("Newark", "metro", "sf-bay-area"),
        ("Sacramento", "metro", "northern-california"),
    ],
)
def test_resolve_place(typed, kind, key):
    match = _gaz().resolve(typed)
    assert match.place.kind == kind
    assert (match.place.state if kind == "state" else match.place.metro) == key


def test_a_city_resolves_to_its_metro_and_says_so():
    match = _gaz().resolve("berkeley")
    assert match.via_city == "Berkeley"
    assert match.place == Place("metro", "CA", "sf-bay-area")


def test_newark_is_ambiguous_and_offers_the_other():
    match = _gaz().resolve("Newark")
    assert Place("metro", "NY", "new-york") in match.alternatives


def test_unknown_city_in_known_state_falls_back():
    match = _gaz().resolve("Richmond, VA")  # a Richmond is in the Bay Area, not this one
    assert match.place == Place("state", "VA") and match.unknown_city == "Richmond"
    match = _gaz().resolve("Salt Lake City Utah")
    assert match.place == Place("state", "UT") and match.unknown_city == "Salt Lake City"
    match = _gaz().resolve("Charleston West Virginia")
    assert match.place == Place("state", "WV") and match.unknown_city == "Charleston"


@pytest.mark.parametrize("typed", ["Atlantis", "Kansas City", "", " ", "a" * 101])
def test_unknown_places_are_refused(typed):
    with pytest.raises(UserError):
        _gaz().resolve(typed)


def test_norm_ignores_case_dots_and_punctuation():
    assert norm("  Washington,  D.C. ") == "washington dc"
    assert norm("Winston-Salem") == "winston salem"
    assert norm("Coeur d’Alene") == "coeur d'alene"


# ------------------------------------------------------------------------ containment


def test_region_lists_groups_in_its_subregions():
    gaz = _gaz()
    result = gaz.near(Place("metro", "CA", "northern-california"))
    assert _names(result.inside) == {
        "HKAAB",
        "Hong Kongers in San Francisco Bay Area",
        "Northern California Hong Kong Club",
    }
    assert result.wider == []


def test_subregion_lists_wider_region_groups_separately():
    result = _gaz().near(Place("metro", "CA", "sf-bay-area"))
    assert _names(result.inside) == {"HKAAB", "Hong Kongers in San Francisco Bay Area"}
    assert _names(result.wider) == {"Northern California Hong Kong Club"}


def test_a_city_group_in_the_wider_region_is_not_offered_for_the_subregion():
    gaz = _gaz({14: _edit(14, "Sacramento", "CA", "northern-california")})
    result = gaz.near(Place("metro", "CA", "sf-bay-area"))
    assert "Lamp of Liberty" not in _names(result.inside + result.wider)
    result = gaz.near(Place("metro", "CA", "northern-california"))
    assert "Lamp of Liberty" in _names(result.inside)


def test_a_statewide_group_covers_its_metros():
    result = _gaz().near(Place("metro", "NY", "new-york"))
    assert _names(result.inside) == {"NYU HKSAG", "NYC852HKER"}
    assert _names(result.wider) == {"NY4HK"}
    assert _names(_gaz().near(Place("state", "NY")).inside) == {"NYU HKSAG", "NYC852HKER", "NY4HK"}


def test_a_group_in_a_cross_state_metro_city_counts_for_both_states():
    gaz = _gaz({6: _edit(6, "Jersey City", "NJ", "new-york")})
    assert "Bonham Tree Aid" in _names(gaz.near(Place("state", "NJ")).inside)
    assert "Bonham Tree Aid" in _names(gaz.near(Place("state", "NY")).inside)


def test_organizer_city_outside_metros_is_a_place():
    gaz = _gaz({21: _edit(21, "Austin", "TX")})
    match = gaz.resolve("Austin")
    assert match.place == Place("city", "TX", None, "Austin")
    assert _names(gaz.near(match.place).inside) == {"TX4HK"}
    assert ("Austin, TX", "Austin, TX") in gaz.suggestions("aus")


def test_suggestions_resolve_to_themselves_and_put_places_with_groups_first():
    gaz = _gaz()
    empty = gaz.suggestions("")
    assert empty[0] == ("San Francisco Bay Area", "San Francisco Bay Area")
    for typed in ("", "new", "wa", "la", "newark", "ca", "san"):
        for _name, value in gaz.suggestions(typed):
            assert gaz.resolve(value).alternatives == (), value  # picking one is unambiguous
    state_values = dict(gaz.suggestions("washington"))
    assert gaz.resolve(state_values["Washington (WA)"]).place == Place("state", "WA")


def test_state_suggestions_match_codes_then_names_then_inner_words():
    assert suggest_states(CONTENT, "wa")[0] == ("Washington (WA)", "WA")
    assert ("West Virginia (WV)", "WV") in suggest_states(CONTENT, "virginia")
    assert suggest_states(CONTENT, "virginia")[0] == ("Virginia (VA)", "VA")
    assert len(suggest_states(CONTENT, "", limit=25)) == 25


def test_city_suggestions_are_the_cities_listed_under_metros():
    assert ("Oakland, CA — San Francisco Bay Area", "Oakland") in suggest_metro_cities(
        CONTENT, "oak"
    )
    assert ("Newark, NJ — New York City area", "Newark") in suggest_metro_cities(CONTENT, "new")
    assert suggest_metro_cities(CONTENT, "zzz") == []


# ------------------------------------------------------------------- organizer input


@pytest.mark.parametrize(
    ("city", "state", "expected"),
    [
        ("Oakland", None, ("Oakland", "CA", "sf-bay-area")),
        ("oakland", "California", ("Oakland", "CA", "sf-bay-area")),
        ("Oakland, CA", None, ("Oakland", "CA", "sf-bay-area")),
        ("Richmond", "VA", ("Richmond", "VA", None)),
        ("Richmond", None, ("Richmond", "CA", "sf-bay-area")),
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
    loc = _gaz().location_for(city, state)
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
        ("**bold**", "CA", "groups.set.city_invalid"),
        ("1234", "CA", "groups.set.city_invalid"),
        ("@everyone", "CA", "groups.set.city_invalid"),
    ],
)
def test_location_for_refuses(city, state, key):
    with pytest.raises(UserError) as caught:
        _gaz().location_for(city, state)
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
