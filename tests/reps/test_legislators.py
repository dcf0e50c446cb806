"""Members of Congress: parsing the dataset, storing it whole, the import CLI, downloads."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import load_content
from bot.core.database import Database
from bot.reps import storage as store
from bot.reps.fetch import (
    DEFAULT_URL,
    auto_fetch_enabled,
    legislators_url,
    refresh,
    refresh_forever,
)
from bot.reps.importer import import_file_cli
from bot.reps.legislators import HOUSE, SENATE, LegislatorsError, parse_legislators

DATA = Path(__file__).resolve().parents[1] / "data" / "legislators"
GOOD = DATA / "good.json"
STATES = load_content().states
MALFORMED = {
    "empty.json": "empty list",
    "truncated.json": "not valid JSON",
    "not_a_list.json": "must be a list",
    "missing_terms.json": "entry 3 (Casey Fictional): 'terms'",
    "missing_name.json": "entry 5: 'name'",
    "missing_state.json": "entry 7 (Gray Notreal): the last term's 'state'",
    "wrong_type_district.json": "'district' must be a whole number",
    "wrong_type_terms.json": "entry 1 (Avery Example): 'terms' must be a non-empty list",
    "wrong_term_type.json": "'type' must be 'sen' or 'rep'",
    "missing_id.json": "entry 6 (Finley Testcase): 'id.bioguide' is missing",
    "empty_terms.json": "entry 10 (Jules Imaginary): 'terms' must be a non-empty list",
    "wrong_type_state.json": "entry 12 (Lane Hypothetical): the last term's 'state'",
    "wrong_type_name.json": "entry 8: 'name' needs 'official_full' or 'first' and 'last'",
}  # a malformed optional field is not here: it is dropped (test_legislators_dropped.py)


@pytest.fixture
async def db(tmp_path: Path):
    database = Database(tmp_path / "leg.db")
    await database.open()
    yield database
    await database.close()


def _good() -> list[dict]:
    return json.loads(GOOD.read_text())


# ------------------------------------------------------------------ parsing


def _rep_like(person: dict, district: int) -> dict:
    twin = json.loads(json.dumps(person))
    twin["id"]["bioguide"] = "Z000099"
    twin["terms"][-1]["district"] = district
    return twin


def test_parses_the_current_term_of_each_member():
    parsed = parse_legislators(GOOD.read_bytes(), known_states=STATES)
    by_name = {m.name: m for m in parsed.members}
    assert len(parsed.members) == 15 and parsed.senators == 7 and parsed.representatives == 8
    avery = by_name["Avery Example"]  # once a representative, now a senator: last term wins
    assert (avery.chamber, avery.state, avery.district) == (SENATE, "NH", None)
    assert avery.phone == "202-555-0100" and avery.state_rank == "senior"
    assert by_name["Gray Notreal"].district == 0  # at-large
    drew = by_name["Drew Madeup"]  # no official_full: first and last; no phone listed
    assert (drew.chamber, drew.district, drew.phone) == (HOUSE, 2, None)
    blake = by_name["Blake Placeholder"]  # no contact form: the website stands in
    assert blake.contact_form is None and blake.contact == "https://www.placeholder.senate.example"


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files_are_refused_with_a_clear_reason(name):
    with pytest.raises(LegislatorsError) as info:
        parse_legislators((DATA / name).read_bytes(), source=name, known_states=STATES)
    assert MALFORMED[name] in str(info.value)
    assert str(info.value).startswith(name)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.append(p[0]), "Z000001 appears 2 times"),
        (lambda p: p[2]["terms"][-1].update(district=2), "NH district 2 has 2 members"),
        (lambda p: p.append(_rep_like(p[6], district=1)), "WY has both an at-large seat"),
        (lambda p: p[0]["terms"][-1].update(state="ZZ"), "unknown state 'ZZ'"),
        (lambda p: p[2]["terms"][-1].update(type="sen"), "NH has 3 senators"),
        (lambda p: p[0]["id"].pop("bioguide"), "'id.bioguide' is missing"),
        (lambda p: p[3]["terms"][-1].update(district=True), "'district' must be a whole number"),
        (lambda p: p[3]["terms"][-1].update(district=-1), "'district' must be a whole number"),
        (lambda p: p.__setitem__(0, "Avery Example"), "entry 1: must be an object, not text"),
    ],
)
def test_inconsistent_files_are_refused(change, message):
    people = _good()
    change(people)
    with pytest.raises(LegislatorsError, match=message.replace("(", r"\(")):
        parse_legislators(json.dumps(people), known_states=STATES)


def test_a_download_with_too_few_members_is_refused():
    with pytest.raises(LegislatorsError, match="only 15 members"):
        parse_legislators(GOOD.read_bytes(), min_members=400)


def test_many_problems_are_summarized_not_dumped():
    people = _good()
    for p in people:
        p["terms"][-1]["state"] = 1
    with pytest.raises(LegislatorsError) as info:
        parse_legislators(json.dumps(people))
    assert str(info.value).count("'state' must be a two-letter code") == 5
    assert "(and maybe more)" in str(info.value)


# ------------------------------------------------------------------ storage


async def _load(db: Database, path: Path = GOOD, when: str = "2026-11-01T00:00:00+00:00"):
    parsed = parse_legislators(await asyncio.to_thread(path.read_bytes), known_states=STATES)
    await store.replace_legislators(
        db, parsed.members, source=path.name, sha256=parsed.sha256, now_iso=when
    )
    return parsed


async def test_lookups_use_the_seat_index(db):
    await _load(db)
    plan = await db.fetchall(
        "EXPLAIN QUERY PLAN SELECT * FROM legislators WHERE state=? AND chamber=? AND district=?",
        ("NH", "house", 1),
    )
    assert "legislators_seat" in " ".join(str(tuple(r)) for r in plan)
    senators = await store.senators(db, "NH")
    assert [s.name for s in senators] == ["Avery Example", "Blake Placeholder"]  # senior first
    assert (await store.representative(db, "NH", 2)).name == "Drew Madeup"
    assert await store.representative(db, "ME", 2) is None
    assert [m.district for m in await store.delegation(db, "RI")] == [1, 2]
    assert await store.chamber_counts(db) == {SENATE: 7, HOUSE: 8}


async def test_replace_swaps_the_whole_copy_and_records_its_age(db):
    await _load(db)
    await _load(db, DATA / "good_v2.json", when="2026-11-08T00:00:00+00:00")
    assert (await store.representative(db, "NH", 2)).name == "Quinn Successor"
    assert await store.count_members(db) == 15
    status = await store.get_status(db)
    assert (status.source, status.members, status.imported_at) == (
        "good_v2.json",
        15,
        "2026-11-08T00:00:00+00:00",
    )


async def test_a_failed_replace_keeps_the_old_copy(db):
    parsed = await _load(db)
    broken = [*parsed.members, parsed.members[0]]  # duplicate primary key: fails mid-insert
    with pytest.raises(Exception, match="UNIQUE"):
        await store.replace_legislators(db, broken, source="x", sha256="x", now_iso="later")
    assert await store.count_members(db) == 15
    assert (await store.get_status(db)).source == "good.json"


# ------------------------------------------------------------------ import CLI


async def test_import_cli_loads_a_good_file(tmp_path, capsys):
    settings = Settings(database_path=tmp_path / "cli.db")
    assert await import_file_cli(settings, GOOD) == 0
    out = capsys.readouterr().out
    assert "Loaded 15 members of Congress (7 senators, 6 representatives, 2 delegates" in out
    assert "replace" not in out
    assert await import_file_cli(settings, DATA / "good_v2.json") == 0
    assert "They replace the 15 loaded before from" in capsys.readouterr().out
    database = Database(settings.database_path)
    await database.open()
    try:
        assert (await store.representative(database, "NH", 2)).name == "Quinn Successor"
    finally:
        await database.close()


@pytest.mark.parametrize("name", [*sorted(MALFORMED), "no_such_file.json"])
async def test_import_cli_refuses_a_bad_file_and_keeps_the_good_data(tmp_path, capsys, name):
    settings = Settings(database_path=tmp_path / "cli.db")
    assert await import_file_cli(settings, GOOD) == 0
    capsys.readouterr()
    assert await import_file_cli(settings, DATA / name) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Nothing was changed" in err
    database = Database(settings.database_path)
    await database.open()
    try:
        assert await store.count_members(database) == 15
        assert (await store.get_status(database)).source == str(GOOD)
    finally:
        await database.close()


def test_import_cli_through_python_m_bot(tmp_path):
    from bot.__main__ import main

    db = tmp_path / "main.db"
    assert main(["import-legislators", "--db", str(db), str(GOOD)]) == 0
    assert main(["import-legislators", "--db", str(db), str(DATA / "truncated.json")]) == 2


# ------------------------------------------------------------------ downloads


class FakeFetcher:
    """Stands in for the network: returns the queued answers in turn (bytes or an error)."""

    def __init__(self, *answers: bytes | Exception) -> None:
        self.answers = list(answers)
        self.urls: list[str] = []

    async def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


async def test_refresh_loads_then_skips_an_unchanged_copy(db):
    fetch = FakeFetcher(GOOD.read_bytes())
    first = await refresh(db, Clock(), "https://x.test/l.json", fetch=fetch, min_members=1)
    assert (first.outcome, first.members) == ("updated", 15)
    second = await refresh(db, Clock(), "https://x.test/l.json", fetch=fetch, min_members=1)
    assert second.outcome == "unchanged"
    status = await store.get_status(db)
    assert status.source == "https://x.test/l.json" and status.check_error is None


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ((DATA / "truncated.json").read_bytes(), "not valid JSON"),
        (b"<html>Not Found</html>", "not valid JSON"),
        ((DATA / "wrong_type_district.json").read_bytes(), "'district'"),
        (OSError("network is unreachable"), "OSError: network is unreachable"),
        (TimeoutError(), "TimeoutError"),
        (GOOD.read_bytes(), "only 15 members"),  # the download floor (400) applies
    ],
)
async def test_a_failed_download_keeps_the_last_good_copy(db, answer, error):
    await _load(db)
    result = await refresh(db, Clock(), "https://x.test/l.json", fetch=FakeFetcher(answer))
    assert result.outcome == "failed" and error in result.error
    assert await store.count_members(db) == 15
    status = await store.get_status(db)
    assert status.source == "good.json" and error in status.check_error


async def test_the_refresh_loop_survives_failures_and_repeats(db):
    fetch = FakeFetcher(OSError("down"), GOOD.read_bytes())
    task = asyncio.create_task(
        refresh_forever(db, Clock(), "https://x.test/l.json", fetch=fetch, interval=0)
    )
    for _ in range(200):
        await asyncio.sleep(0)
        if await store.count_members(db):
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(fetch.urls) >= 2


def test_downloads_only_in_a_real_run_and_never_when_off():
    token = "x" * 24 + ".abcd." + "y" * 27
    assert not auto_fetch_enabled(Settings(token=None))  # demo and tests
    assert auto_fetch_enabled(Settings(token=token))
    assert legislators_url(Settings(token=token)) == DEFAULT_URL
    assert not auto_fetch_enabled(Settings(token=token, legislators_url="OFF"))
    mirror = "https://mirror.test/l.json"
    assert legislators_url(Settings(legislators_url=mirror)) == mirror


async def test_the_test_bot_never_starts_a_download(world):
    cog = world.env.bot.get_cog("Reps")
    assert cog is not None and cog.updater is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 60) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    index=st.integers(0, 14),
    path=st.sampled_from([("terms", -1), ("name",), ("id",), ("terms",), ()]),
    key=st.sampled_from(["type", "state", "district", "phone", "url", "official_full", "bioguide"]),
    value=json_values,
)
def test_any_damage_is_refused_cleanly_or_parsed(index, path, key, value):
    """Whatever a damaged file holds, parsing ends in members or a LegislatorsError."""
    people = _good()
    target = people[index]
    for step in path:
        target = target[step]
    if isinstance(target, dict):
        target[key] = value
    else:
        people[index] = value
    try:
        parsed = parse_legislators(json.dumps(people), known_states=STATES)
    except LegislatorsError as exc:
        assert str(exc).startswith("the file")
    else:
        assert all(m.state in STATES and m.chamber in (SENATE, HOUSE) for m in parsed.members)
