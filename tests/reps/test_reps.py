"""/reps find, /reps status and /me location, as members use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.content import load_content
from bot.core.errors import UserError
from bot.privacy.registry import forget_member
from bot.reps import storage as store
from bot.reps.legislators import HOUSE, SENATE, parse_legislators
from bot.reps.lookup import own_office_lines
from bot.reps.member_location import get_location
from bot.reps.seats import HOUSE_SEATS, resolve_state, suggest_states

DATA = Path(__file__).resolve().parents[1] / "data" / "legislators"
STATES = load_content().states


async def _load(world, name: str = "good.json") -> None:
    parsed = parse_legislators((DATA / name).read_bytes(), known_states=STATES)
    await store.replace_legislators(
        world.env.bot.db,
        parsed.members,
        source=name,
        sha256=parsed.sha256,
        now_iso=world.env.bot.clock.now().isoformat(),
    )


@pytest.fixture
async def loaded(world):
    await _load(world)
    return world


def _text(result) -> str:
    """Everything the member sees in a reply: content and embeds."""
    message = result.response
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or ""]
        parts += [f"{f.name}\n{f.value}" for f in embed.fields]
        parts.append(embed.footer.text or "")
    return "\n".join(parts)


# ------------------------------------------------------------------ /reps find


async def test_find_a_district_lists_two_senators_and_the_representative(loaded):
    result = await loaded.member.slash(
        loaded.general, "reps find", state="New Hampshire", district=1
    )
    assert result.ephemeral
    text = _text(result)
    assert "Who represents New Hampshire, district 1" in text
    assert "**Sen. Avery Example** (D-NH) · ☎ 202-555-0100" in text
    assert "[contact form](<https://www.example.senate.example/contact>)" in text
    # no contact form in the data: the website stands in
    assert "**Sen. Blake Placeholder** (R-NH)" in text
    assert "[website](<https://www.placeholder.senate.example>)" in text
    assert "**Rep. Casey Fictional** (D-NH-1) · ☎ 202-555-0102" in text
    assert "Drew Madeup" not in text


async def test_find_without_a_district_lists_the_delegation_and_the_zip_lookup(loaded):
    result = await loaded.member.slash(loaded.general, "reps find", state="nh")
    text = _text(result)
    assert "House delegation (2 seats)" in text
    assert "**1** Casey Fictional (D) · 202-555-0102" in text
    assert "**2** Drew Madeup (R) · no phone listed" in text
    assert "https://www.house.gov/representatives/find-your-representative" in text


async def test_a_district_the_state_does_not_have_is_refused(loaded):
    result = await loaded.member.slash(loaded.general, "reps find", state="NH", district=3)
    assert result.ephemeral
    assert (
        "New Hampshire has no district 3: its districts are numbered 1 to 2"
        in result.response.content
    )


async def test_an_at_large_state(loaded):
    result = await loaded.member.slash(loaded.general, "reps find", state="Wyoming")
    text = _text(result)
    assert "Who represents Wyoming (one at-large House seat)" in text
    assert "**Rep. Gray Notreal** (R-WY)" in text
    same = await loaded.member.slash(loaded.general, "reps find", state="WY", district=1)
    assert "Gray Notreal" in _text(same)
    refused = await loaded.member.slash(loaded.general, "reps find", state="WY", district=2)
    assert "single at-large House seat" in refused.response.content


async def test_vacancies_are_named(loaded):
    house = await loaded.member.slash(loaded.general, "reps find", state="Maine", district=2)
    assert "This seat is vacant in my data" in _text(house)
    assert "(202) 224-3121" in _text(house)
    delegation = await loaded.member.slash(loaded.general, "reps find", state="Maine")
    assert "**2** vacant" in _text(delegation)
    senate = await loaded.member.slash(loaded.general, "reps find", state="RI", district=1)
    assert "One Senate seat is vacant in my data." in _text(senate)


async def test_dc_has_a_delegate_and_no_senators(loaded):
    text = _text(await loaded.member.slash(loaded.general, "reps find", state="D.C."))
    assert "District of Columbia has no senators" in text
    assert "**Del. Noel Mockup** (D-DC)" in text
    pr = _text(await loaded.member.slash(loaded.general, "reps find", state="Puerto Rico"))
    assert "**Res. Comm. Oakley Figment** (New Progressive-PR)" in pr


async def test_an_unknown_state_is_refused(loaded):
    result = await loaded.member.slash(loaded.general, "reps find", state="Hong Kong")
    assert result.ephemeral
    assert "“Hong Kong” isn't a US state" in result.response.content


async def test_no_data_loaded_yet(world):
    result = await world.member.slash(world.general, "reps find", state="CA", district=12)
    assert result.ephemeral
    assert "I don't have the list of members of Congress yet" in result.response.content
    assert "python -m bot import-legislators" in result.response.content


async def test_a_big_delegation_fits_in_one_message(world):
    """California's 52 seats, every one filled, with long names, stay within embed limits."""
    people = [
        {
            "id": {"bioguide": f"Y{d:06d}"},
            "name": {"official_full": f"Representative Withaverylongname Number{d}"},
            "terms": [
                {"type": "rep", "state": "CA", "district": d, "party": "Republican",
                 "phone": "202-555-0199", "url": f"https://n{d}.house.example"}
            ],
        }
        for d in range(1, 53)
    ]  # fmt: skip
    parsed = parse_legislators(json.dumps(people))
    await store.replace_legislators(
        world.env.bot.db, parsed.members, source="t", sha256="t", now_iso="2026-01-01T00:00:00"
    )
    result = await world.member.slash(world.general, "reps find", state="CA")
    embed = result.response.embeds[0]
    assert "House delegation (52 seats)" in embed.description
    assert "Number52" in embed.description and len(embed) <= 6000


# ------------------------------------------------------------------ autocomplete


async def test_state_autocomplete(world):
    choices = await world.member.autocomplete(world.general, "reps find", "state", "new")
    names = [c["name"] for c in choices]
    assert names[:4] == [
        "New Hampshire (NH)",
        "New Jersey (NJ)",
        "New Mexico (NM)",
        "New York (NY)",
    ]
    assert {"name": "Texas (TX)", "value": "TX"} in await world.member.autocomplete(
        world.general, "reps find", "state", "tx"
    )
    assert len(await world.member.autocomplete(world.general, "reps find", "state", "")) == 25


async def test_district_autocomplete_comes_from_the_data_for_that_state(loaded):
    choices = await loaded.member.autocomplete(
        loaded.general, "reps find", "district", "", state="ME"
    )
    assert choices == [
        {"name": "District 1 — Jules Imaginary (D)", "value": 1},
        {"name": "District 2 — vacant", "value": 2},
    ]
    wy = await loaded.member.autocomplete(loaded.general, "reps find", "district", "", state="WY")
    assert wy == [{"name": "At-large — Gray Notreal (R)", "value": 0}]
    none = await loaded.member.autocomplete(loaded.general, "reps find", "district", "")
    assert none == []


def test_state_names_and_codes_resolve():
    assert resolve_state(STATES, "california") == "CA"
    assert resolve_state(STATES, " ny ") == "NY"
    assert resolve_state(STATES, "DC") == "DC"
    assert resolve_state(STATES, "U.S. Virgin Islands") == "VI"
    assert resolve_state(STATES, "Virgin Islands") == "VI"
    with pytest.raises(UserError):
        resolve_state(STATES, "Kowloon")
    assert suggest_states(STATES, "virg") == [
        ("U.S. Virgin Islands", "VI"),
        ("Virginia", "VA"),
        ("West Virginia", "WV"),
    ]


def test_apportionment_sums_to_435():
    assert sum(HOUSE_SEATS.values()) == 435 and len(HOUSE_SEATS) == 50


# ------------------------------------------------------------------ /reps status


async def test_status_before_and_after_loading(world):
    empty = await world.member.slash(world.general, "reps status")
    assert empty.ephemeral
    assert "I have no list of members of Congress yet" in empty.response.content
    assert "This run does not download" in empty.response.content
    await _load(world)
    shown = (await world.member.slash(world.general, "reps status")).response.content
    assert "**Members of Congress:** 15 (7 senators, 8 House members)" in shown
    assert "from good.json" in shown and "<t:" in shown
    assert "**Malformed fields dropped:** none." in shown
    assert "more than 30 days old" not in shown
    await world.env.advance_time(31 * 24 * 3600)
    stale = (await world.member.slash(world.general, "reps status")).response.content
    assert "more than 30 days old" in stale


async def test_status_and_find_after_a_download_with_malformed_fields(world):
    """A real file's flaws: the members are all there, the bad fields are gone and counted."""
    from bot.reps.fetch import refresh

    async def fetch(url: str) -> bytes:
        return (DATA / "flawed.json").read_bytes()

    bot = world.env.bot
    url = "https://mirror.test/legislators-current.json"
    result = await refresh(bot.db, bot.clock, url, known_states=STATES, fetch=fetch, min_members=1)
    assert (result.outcome, result.dropped) == ("updated", 5)
    shown = await world.member.slash(world.general, "reps status")
    assert shown.ephemeral
    text = shown.response.content
    assert "**Members of Congress:** 15 (7 senators, 8 House members)" in text
    when = int(bot.clock.now().timestamp())
    assert f"**Loaded:** <t:{when}:f> (<t:{when}:R>) from {url}" in text
    assert "**Malformed fields dropped:** 5, the rest of the file is loaded: " in text
    assert "Casey Fictional (Z000003) contact form" in text
    assert "Blake Placeholder (Z000002) phone" in text
    found = _text(await world.member.slash(world.general, "reps find", state="NH", district=1))
    # Casey's contact form (hhttps://…) was dropped: the website stands in, the phone stays
    assert "**Rep. Casey Fictional** (D-NH-1) · ☎ 202-555-0102" in found
    assert "[website](<https://fictional.house.example>)" in found and "hhttps" not in found
    assert "**Sen. Blake Placeholder** (R-NH) · ☎ no phone listed" in found


# ------------------------------------------------------------------ /me location


async def test_me_location_is_private_and_shows_own_offices(loaded):
    saved = await loaded.member.slash(loaded.general, "me location", state="NH", district=2)
    assert saved.ephemeral
    text = saved.response.content
    assert "Saved, visible only to you: **New Hampshire**, district 2" in text
    assert "Avery Example" in text and "Drew Madeup" in text and "Casey Fictional" not in text
    # nothing went into the channel for others to read
    assert loaded.general.last_message is None or "New Hampshire" not in (
        loaded.general.last_message.content or ""
    )
    mine = await loaded.member.slash(loaded.general, "me location")
    assert mine.ephemeral and "You saved **New Hampshire**, district 2" in mine.response.content
    other = await loaded.organizer.slash(loaded.general, "me location")
    assert other.ephemeral
    assert "You haven't saved a location" in other.response.content
    assert "New Hampshire" not in other.response.content


async def test_me_location_at_large_without_district_and_bad_district(loaded):
    wy = await loaded.member.slash(loaded.general, "me location", state="Wyoming")
    assert "**Wyoming** (one at-large House seat)" in wy.response.content
    assert "Gray Notreal" in wy.response.content
    nh = await loaded.member.slash(loaded.general, "me location", state="NH")
    assert "Add your district" in nh.response.content
    bad = await loaded.member.slash(loaded.general, "me location", state="NH", district=9)
    assert "has no district 9" in bad.response.content
    where = await get_location(loaded.env.bot.db, loaded.guild.id, loaded.member.id)
    assert (where.state, where.district) == ("NH", None)  # the refused one changed nothing


async def test_me_location_works_before_any_data_is_loaded(world):
    saved = await world.member.slash(world.general, "me location", state="TX", district=38)
    assert "**Texas**, district 38" in saved.response.content
    refused = await world.member.slash(world.general, "me location", state="TX", district=39)
    assert "has no district 39" in refused.response.content


async def test_me_location_clear_and_forget(loaded):
    await loaded.member.slash(loaded.general, "me location", state="RI", district=1)
    cleared = await loaded.member.slash(loaded.general, "me location-clear")
    assert cleared.ephemeral and "is gone" in cleared.response.content
    again = await loaded.member.slash(loaded.general, "me location-clear")
    assert "You had no saved location" in again.response.content
    await loaded.member.slash(loaded.general, "me location", state="RI", district=1)
    deleted = await forget_member(loaded.env.bot.db, loaded.guild.id, loaded.member.id)
    assert deleted["location"] == 1
    assert await get_location(loaded.env.bot.db, loaded.guild.id, loaded.member.id) is None


async def test_location_is_per_server(loaded):
    other = loaded.env.create_guild("Other")
    channel = other.create_text_channel("general")
    there = other.add_member(loaded.env.create_user("member2"))
    await loaded.member.slash(loaded.general, "me location", state="ME", district=1)
    shown = await there.slash(channel, "me location")
    assert "You haven't saved a location" in shown.response.content


async def test_own_office_lines_for_reminders(loaded):
    db, gid, uid = loaded.env.bot.db, loaded.guild.id, loaded.member.id
    assert await own_office_lines(db, gid, uid, SENATE) == []  # nothing saved
    await loaded.member.slash(loaded.general, "me location", state="NH")
    assert len(await own_office_lines(db, gid, uid, SENATE)) == 2
    assert await own_office_lines(db, gid, uid, HOUSE) == []  # no district saved
    await loaded.member.slash(loaded.general, "me location", state="NH", district=1)
    (line,) = await own_office_lines(db, gid, uid, HOUSE)
    assert line.startswith("**Rep. Casey Fictional** (D-NH-1) · ☎ 202-555-0102")
    await loaded.member.slash(loaded.general, "me location", state="ME", district=2)
    assert await own_office_lines(db, gid, uid, HOUSE) == []  # vacant
    with pytest.raises(ValueError):
        await own_office_lines(db, gid, uid, "congress")


async def test_me_forget_removes_the_saved_location(loaded):
    await loaded.member.slash(loaded.general, "me location", state="NH", district=1)
    asked = await loaded.member.slash(loaded.general, "me forget")
    assert "your saved location" in asked.response.content
    await loaded.member.click(asked.response, label="Yes, delete it")
    shown = await loaded.member.slash(loaded.general, "me location")
    assert "You haven't saved a location" in shown.response.content


def test_status_names_a_failed_download_and_an_old_copy():
    from datetime import UTC, datetime

    from bot.reps.status import status_text

    failed = store.LegislatorsStatus(
        "https://x.test/l.json",
        "abc",
        15,
        "2026-01-01T00:00:00+00:00",
        "2026-03-01T00:00:00+00:00",
        "OSError: network is unreachable",
    )
    counts = {SENATE: 7, HOUSE: 8}
    text = status_text(failed, counts, fetch_mode="on", now=datetime(2026, 3, 1, tzinfo=UTC))
    assert "failed, so I kept the copy I had: OSError: network is unreachable" in text
    assert "more than 30 days old" in text
    assert "every week" in text
    never = store.LegislatorsStatus(None, None, 0, None, "2026-03-01T00:00:00+00:00", "Timeout")
    text = status_text(never, {}, fetch_mode="off", now=datetime(2026, 3, 1, tzinfo=UTC))
    assert "no list of members of Congress yet" in text and "Timeout" in text
    assert "LEGISLATORS_URL=off" in text


async def test_me_location_district_without_state_and_its_autocomplete(loaded):
    refused = await loaded.member.slash(loaded.general, "me location", district=3)
    assert refused.ephemeral and "Give a state with the district" in refused.response.content
    choices = await loaded.member.autocomplete(
        loaded.general, "me location", "district", "2", state="Rhode Island"
    )
    assert choices == [{"name": "District 2 — Morgan Stand-In (D)", "value": 2}]
