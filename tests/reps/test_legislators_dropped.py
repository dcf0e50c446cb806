"""Real files have flaws: a malformed optional field is dropped and reported, not fatal."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import load_content
from bot.core.database import Database
from bot.reps import storage as store
from bot.reps.fetch import refresh
from bot.reps.fields import Field
from bot.reps.importer import import_file_cli
from bot.reps.legislators import (
    HOUSE,
    SENATE,
    LegislatorsError,
    parse_legislators,
)
from bot.reps.status import status_text
from tests.reps.legislators_file import encode, generate, generate_people
from tests.reps.test_legislators import FakeFetcher

DATA = Path(__file__).resolve().parents[1] / "data" / "legislators"
FLAWED = DATA / "flawed.json"
STATES = load_content().states
# What flawed.json holds: one realistic flaw in each of five members' optional fields.
FLAWS = {
    ("Z000002", "Blake Placeholder", Field.PHONE): "'202-555-O101' is not a US phone number",
    ("Z000003", "Casey Fictional", Field.CONTACT_FORM): (
        "'hhttps://example.house.gov/contact' is not a web address"
    ),
    ("Z000005", "Emery Sample", Field.URL): "is empty",
    ("Z000007", "Gray Notreal", Field.PHONE): "must be text, not a number",
    ("Z000015", "Oakley Figment", Field.PARTY): "must be text, not a list",
}


def _good() -> list[dict]:
    return json.loads((DATA / "good.json").read_text())


# ------------------------------------------------------------------ parsing


def test_a_flawed_file_keeps_every_member_and_drops_only_the_bad_fields():
    parsed = parse_legislators(FLAWED.read_bytes(), known_states=STATES)
    assert len(parsed.members) == 15
    got = {(d.bioguide, d.name, d.field): d.reason for d in parsed.dropped}
    assert set(got) == set(FLAWS)
    for key, reason in FLAWS.items():
        assert reason in got[key]
    by_id = {m.bioguide: m for m in parsed.members}
    casey = by_id["Z000003"]  # the contact form is gone; the website stands in
    assert casey.contact_form is None and casey.contact == "https://fictional.house.example"
    assert casey.phone == "202-555-0102"  # the rest of the member is kept
    assert by_id["Z000002"].phone is None and by_id["Z000002"].url is not None
    assert by_id["Z000005"].url is None and by_id["Z000005"].contact_form is not None
    assert by_id["Z000007"].phone is None and by_id["Z000007"].district == 0
    assert by_id["Z000015"].party is None and by_id["Z000015"].state == "PR"
    good = parse_legislators((DATA / "good.json").read_bytes(), known_states=STATES)
    flawed_ids = {bioguide for bioguide, _, _ in FLAWS}
    for member in good.members:
        if member.bioguide not in flawed_ids:
            assert by_id[member.bioguide] == member
    assert good.dropped == ()


def test_a_phone_stored_as_a_number_is_dropped_not_fatal():
    """wrong_type_phone.json was refused whole before; now only that phone goes."""
    parsed = parse_legislators((DATA / "wrong_type_phone.json").read_bytes())
    (dropped,) = parsed.dropped
    assert (dropped.name, dropped.bioguide, dropped.field) == (
        "Blake Placeholder",
        "Z000002",
        Field.PHONE,
    )
    assert dropped.describe() == "Blake Placeholder (Z000002) phone: must be text, not a number"
    assert len(parsed.members) == 15


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("contact_form", "hhttps://example.house.gov/contact", "must start with http"),
        ("contact_form", "javascript:alert(1)", "must start with http"),
        ("contact_form", "www.example.house.gov/contact", "must start with http"),
        ("contact_form", "//example.house.gov/contact", "must start with http"),
        ("contact_form", "https:/example.house.gov/contact", "no valid host name"),
        ("contact_form", "https://", "no valid host name"),
        ("contact_form", "https://localhost/contact", "no valid host name"),
        ("contact_form", "https://203.0.113.9/contact", "no valid host name"),
        ("contact_form", "https://-bad-.house.gov", "no valid host name"),
        ("contact_form", "https://example.house.gov/con tact", "characters a web address"),
        ("contact_form", "https://example.house.gov/>[x](y)", "characters a web address"),
        ("contact_form", "https://senate.gov@evil.example/", "behind a user name"),
        ("contact_form", "https://example.house.gov:99999/", "not a web address"),
        ("contact_form", "https://example.house.gov/" + "a" * 300, "longer than 300"),
        ("url", "", "is empty"),
        ("url", "   ", "is empty"),
        ("url", {"href": "https://x.house.gov"}, "must be text, not an object"),
        ("url", True, "must be text, not true/false"),
        ("phone", "202-555-O101", "not a US phone number"),
        ("phone", "202-555-010", "not a US phone number"),
        ("phone", "TBD", "not a US phone number"),
        ("phone", "https://example.house.gov", "not a US phone number"),
        ("phone", 2025550100, "must be text, not a number"),
        ("phone", ["202-555-0100"], "must be text, not a list"),
        ("party", ["Democrat"], "must be text, not a list"),
        ("party", "**Bold** [x](https://e.example)", "not a party name"),
        ("state_rank", "middle", "neither 'senior' nor 'junior'"),
        ("end", "2031-02-30", "not a date"),
        ("end", 20310103, "must be text, not a number"),
    ],
)
def test_each_kind_of_malformed_optional_field_is_dropped(field, value, reason):
    people = _good()
    people[0]["terms"][-1][field] = value  # Avery Example, a senator
    parsed = parse_legislators(json.dumps(people), known_states=STATES)
    (dropped,) = parsed.dropped
    assert (dropped.bioguide, dropped.name, dropped.field.value) == (
        "Z000001",
        "Avery Example",
        field,
    )
    assert reason in dropped.reason
    avery = parsed.members[0]
    assert getattr(avery, "term_end" if field == "end" else field) is None
    assert len(parsed.members) == 15


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contact_form", "https://www.example.senate.gov/contact?form=1#top"),
        ("contact_form", "HTTPS://Example.Senate.Gov/Contact"),
        ("contact_form", "http://xn--bcher-kva.example/"),
        ("url", " https://www.example.senate.gov "),  # surrounding spaces are trimmed
        ("phone", "(202) 224-3121"),
        ("phone", "202.224.3121"),
        ("phone", "+1 202 224 3121"),
        ("phone", "202-224-3121 ext. 5"),
        ("party", "New Progressive"),
        ("contact_form", None),  # absent is not malformed: many members have no form
    ],
)
def test_ordinary_variants_are_kept(field, value):
    people = _good()
    people[0]["terms"][-1][field] = value
    parsed = parse_legislators(json.dumps(people), known_states=STATES)
    assert parsed.dropped == ()
    kept = getattr(parsed.members[0], field)
    assert kept == (value.strip() if isinstance(value, str) else None)


def test_the_same_field_malformed_for_many_members_refuses_the_file():
    """A whole column broken is a format change, not a typo: keep the last good copy."""
    people = _good()
    for person in people[:6]:
        person["terms"][-1]["phone"] = 2025550100
    with pytest.raises(LegislatorsError, match="'phone' is malformed for 6 of 15 members"):
        parse_legislators(json.dumps(people))
    people[5]["terms"][-1]["phone"] = "202-555-0105"  # five: still a few flaws
    assert len(parse_legislators(json.dumps(people)).dropped) == 5


# ------------------------------------------------------------------ a file of the real size


def test_a_generated_file_of_the_real_size_with_flaws_loads_all_members():
    people = generate_people()
    assert parse_legislators(encode(people), known_states=STATES, min_members=400).dropped == ()
    flaws = {
        3: ("contact_form", "hhttps://example.house.gov/contact"),
        40: ("phone", "202-555-01OO"),
        200: ("url", ""),
        333: ("phone", 2025550199),
        480: ("end", "2027-01-03T00:00"),
        540: ("party", None),  # null: absent, not reported
    }
    for index, (field, value) in flaws.items():
        people[index]["terms"][-1][field] = value
    parsed = parse_legislators(encode(people), known_states=STATES, min_members=400)
    assert len(parsed.members) == 541
    assert (parsed.senators, parsed.representatives) == (100, 441)
    got = [(d.bioguide, d.field.value) for d in parsed.dropped]
    expected = [(people[i]["id"]["bioguide"], field) for i, (field, _) in flaws.items() if i != 540]
    assert got == expected


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.append(_extra(p, "sen", "DC")), "101 senators; the Senate has 100 seats"),
        (lambda p: p.append(_extra(p, "rep", "CA", 53)), "442 House members; the House has 441"),
        (lambda p: p.extend(generate_people(2)), "appears 2 times"),  # two files run together
        (lambda p: p[7]["terms"].clear(), "'terms' must be a non-empty list"),
        (lambda p: p[8]["id"].pop("bioguide"), "'id.bioguide' is missing"),
        (lambda p: p[9].pop("name"), "'name' needs"),
        (lambda p: p[10]["terms"][-1].update(state=6), "'state' must be a two-letter code"),
        (lambda p: p[11]["terms"][-1].update(type=None), "'type' must be 'sen' or 'rep'"),
        (lambda p: p[5]["terms"][-1].update(district="1"), "'district' must be a whole"),
        (lambda p: p.__setitem__(slice(100, None), []), "only 100 members"),
    ],
)
def test_a_generated_file_with_wrong_structure_is_refused_whole(change, message):
    people = generate_people()
    change(people)
    with pytest.raises(LegislatorsError, match=message):
        parse_legislators(encode(people), known_states=STATES, min_members=400)


def _extra(people: list[dict], kind: str, state: str, district: int | None = None) -> dict:
    """One more member than there are seats (DC has no senators; CA has 52 districts)."""
    extra = json.loads(json.dumps(people[0]))
    extra["id"]["bioguide"] = "Y000001"
    term = extra["terms"][-1]
    term.update(type=kind, state=state)
    if district is not None:
        term["district"] = district
    return extra


def test_the_generated_file_is_what_the_benchmark_times():
    assert generate() == encode(generate_people())


# ------------------------------------------------------------------ storing and reporting


async def test_the_stored_status_counts_and_names_the_dropped_fields(db):
    parsed = parse_legislators(FLAWED.read_bytes(), known_states=STATES)
    await store.replace_legislators(
        db,
        parsed.members,
        source="flawed.json",
        sha256=parsed.sha256,
        now_iso="2026-11-01T00:00:00+00:00",
        dropped=parsed.dropped,
    )
    status = await store.get_status(db)
    assert status.dropped == 5
    assert [(r.bioguide, r.name, r.field) for r in status.dropped_fields] == [
        (b, n, f) for b, n, f in sorted(FLAWS)
    ]
    assert (await store.representative(db, "NH", 1)).contact_form is None
    good = parse_legislators((DATA / "good.json").read_bytes(), known_states=STATES)
    await store.replace_legislators(db, good.members, source="g", sha256="g", now_iso="later")
    cleared = await store.get_status(db)
    assert (cleared.dropped, cleared.dropped_fields) == (0, ())


async def test_a_status_row_lists_only_the_first_dropped_fields(db):
    people = generate_people()
    for person in people[:120]:
        person["terms"][-1]["url"] = ""
    parsed = parse_legislators(encode(people), known_states=STATES, min_members=400)
    await store.replace_legislators(
        db,
        parsed.members,
        source="x",
        sha256="x",
        now_iso="2026-01-01T00:00:00+00:00",
        dropped=parsed.dropped,
    )
    status = await store.get_status(db)
    assert status.dropped == 120 and len(status.dropped_fields) == store.DROPPED_KEPT
    text = status_text(
        status,
        {SENATE: 100, HOUSE: 441},
        fetch_mode="off",
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert "**Malformed fields dropped:** 120, the rest of the file is loaded:" in text
    assert "and 115 more" in text


async def test_an_unreadable_stored_list_is_skipped_not_raised(db):
    await db.execute(
        "INSERT INTO legislators_status (id, members, dropped, dropped_fields) VALUES (1, 0, 2, ?)",
        ('[["Z000001", "A", "phone"], ["Z000002", "B", "fax"], 7]',),
    )
    status = await store.get_status(db)
    assert status.dropped == 2
    assert [r.field for r in status.dropped_fields] == [Field.PHONE]


def test_status_text_in_both_languages():
    from bot.reps.storage import DroppedRef, LegislatorsStatus

    status = LegislatorsStatus(
        "flawed.json",
        "x",
        15,
        "2026-01-01T00:00:00+00:00",
        "2026-01-01T00:00:00+00:00",
        None,
        dropped=1,
        dropped_fields=(DroppedRef("Z000003", "Casey_Fictional", Field.CONTACT_FORM),),
    )
    now = datetime(2026, 1, 2, tzinfo=UTC)
    counts = {SENATE: 7, HOUSE: 8}
    en = status_text(status, counts, fetch_mode="on", now=now)
    assert "**Malformed fields dropped:** 1, the rest of the file is loaded: " in en
    assert "Casey\\_Fictional (Z000003) contact form" in en  # names are shown as written
    zh = status_text(status, counts, fetch_mode="on", now=now, locale="zh-TW")
    assert "**捨棄的格式錯誤欄位：**1 個" in zh and "Casey\\_Fictional（Z000003）的聯絡表格" in zh
    none = status_text(
        LegislatorsStatus("f", "x", 15, "2026-01-01T00:00:00+00:00", None, None),
        counts,
        fetch_mode="on",
        now=now,
    )
    assert "**Malformed fields dropped:** none." in none


async def test_a_flawed_download_is_stored_without_its_bad_fields_and_logged(db, caplog):
    caplog.set_level(logging.WARNING)
    fetch = FakeFetcher(FLAWED.read_bytes())
    result = await refresh(db, Clock(), "https://x.test/l.json", fetch=fetch, min_members=1)
    assert (result.outcome, result.members, result.dropped) == ("updated", 15, 5)
    assert (await store.get_status(db)).dropped == 5
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 5
    assert any(
        "'contact_form' of Casey Fictional (Z000003)" in w and "hhttps://example.house.gov" in w
        for w in warnings
    )


async def test_import_cli_names_each_dropped_member_and_field(tmp_path, capsys, caplog):
    caplog.set_level(logging.WARNING)
    settings = Settings(database_path=tmp_path / "cli.db")
    assert await import_file_cli(settings, FLAWED) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1  # one summary line
    (line,) = out
    assert line.startswith("Loaded 15 members of Congress")
    assert "Dropped 5 malformed fields and kept the rest of the file: " in line
    for bioguide, name, field in FLAWS:
        assert f"{name} ({bioguide}) {field.value}" in line
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "'phone' of Blake Placeholder (Z000002): '202-555-O101' is not a US phone" in logged
    database = Database(settings.database_path)
    await database.open()
    try:
        assert (await store.get_status(database)).dropped == 5
        assert await store.count_members(database) == 15
    finally:
        await database.close()


async def test_import_cli_with_one_dropped_field_says_so_in_the_singular(tmp_path, capsys):
    settings = Settings(database_path=tmp_path / "cli.db")
    assert await import_file_cli(settings, DATA / "wrong_type_phone.json") == 0
    out = capsys.readouterr().out
    assert "Dropped 1 malformed field and kept the rest of the file: " in out
    assert "Blake Placeholder (Z000002) phone." in out
