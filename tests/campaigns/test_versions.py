"""Organizers' changes to a campaign, without Discord: versions, current marks, status lines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.campaigns import storage as store
from bot.campaigns.model import load_campaigns
from bot.campaigns.versions import (
    STATUS_MAX,
    add_version,
    post_status,
    read_bill_number,
    set_current_version,
)
from bot.core.content import load_content
from bot.core.enums import Chamber
from bot.core.errors import UserError

NOW = datetime(2026, 1, 1, tzinfo=UTC)
GUILD = 1
CONTENT = load_content()


async def _campaigns(db):
    return {c.slug: c for c in await load_campaigns(db, CONTENT, GUILD, NOW)}


async def _add(db, slug, number, congress, current=None):
    campaigns = await _campaigns(db)
    others = list(campaigns.values())
    return await add_version(
        db, GUILD, campaigns[slug], others, number, congress, current, actor=7, now=NOW
    )


def test_bill_numbers_are_read_as_a_chamber_or_refused_with_the_catalog_key():
    assert read_bill_number("hr 2000") == (Chamber.HOUSE, 2000)
    with pytest.raises(UserError) as caught:
        read_bill_number("  X 12 ")
    assert caught.value.key == "bills.number.unknown_kind"
    assert caught.value.values == {"value": "X 12"}


async def test_a_newer_congress_takes_over_unless_told_otherwise(db):
    added = await _add(db, "hketo", "H.R. 2000", 119)
    assert (added.label, added.chamber, added.made_current) == ("H.R. 2000", Chamber.HOUSE, True)
    quiet = await _add(db, "hketo", "S. 900", 119, current=False)
    assert not quiet.made_current
    older = await _add(db, "tnr", "H.R. 5", 117)
    assert not older.made_current
    hketo = (await _campaigns(db))["hketo"]
    assert hketo.numbers_label == "H.R. 2000/S. 490"
    stored = await store.list_versions(db, GUILD)
    assert {(v.chamber, v.number) for v in stored} == {
        (Chamber.HOUSE, 2000),
        (Chamber.SENATE, 900),
        (Chamber.HOUSE, 5),
    }
    assert all(isinstance(v.chamber, Chamber) for v in stored)


@pytest.mark.parametrize(
    ("slug", "number", "congress", "key"),
    [
        ("tnr", "H.R. 5", 121, "bills.add_version.future"),
        ("tnr", "H.R. 5", 50, "bills.add_version.too_old"),
        ("tnr", "S.831", 118, "bills.add_version.duplicate"),
        ("tnr", "H.R. 1103", 118, "bills.add_version.taken"),
        ("tnr", "H.R. 0", 119, "bills.number.zero"),
    ],
)
async def test_what_cannot_be_added_is_refused_and_nothing_is_stored(
    db, slug, number, congress, key
):
    with pytest.raises(UserError) as caught:
        await _add(db, slug, number, congress)
    assert caught.value.key == key
    assert await store.list_versions(db, GUILD) == []


async def test_set_current_needs_a_version_and_a_congress_when_the_number_repeats(db):
    await _add(db, "hketo", "H.R. 1103", 119, current=False)
    hketo = (await _campaigns(db))["hketo"]
    for number, congress, key in [
        ("H.R. 6153", None, "bills.set_current.not_a_version"),
        ("H.R. 1103", None, "bills.set_current.ambiguous"),
    ]:
        with pytest.raises(UserError) as caught:
            await set_current_version(db, GUILD, hketo, number, congress, actor=7, now=NOW)
        assert caught.value.key == key
    v = await set_current_version(db, GUILD, hketo, "hr1103", 119, actor=7, now=NOW)
    assert (v.chamber, v.number, v.congress) == (Chamber.HOUSE, 1103, 119)
    marks = await store.current_marks(db, GUILD)
    assert marks == {"hketo": {Chamber.HOUSE: (119, 1103)}}


async def test_status_lines_are_one_tidy_line_within_the_limit(db):
    hketo = (await _campaigns(db))["hketo"]
    line = await post_status(db, GUILD, hketo, "  Passed\n the  House ", actor=7, now=NOW)
    assert line == "Passed the House"
    for text, key in [(" \n ", "bills.set_status.empty"), ("x" * (STATUS_MAX + 1), "too_long")]:
        with pytest.raises(UserError) as caught:
            await post_status(db, GUILD, hketo, text, actor=7, now=NOW)
        assert caught.value.key.endswith(key)
    history = await store.status_history(db, GUILD, "hketo")
    assert [s.text for s in history] == ["Passed the House"]
