"""Storing records whole, the lookups the cogs use, the daily refresh of tracked bills."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from datetime import date

import pytest
from record_support import MADE_UP, MADE_UP_BILL, Answer, shared_billstatus

from bot.campaigns import storage as campaigns
from bot.campaigns.record import refresh as refresh_module
from bot.campaigns.record.fetch import DEFAULT_URL, BillStatusFetcher, billstatus_base
from bot.campaigns.record.model import BillId, Committee, CosponsorStatus
from bot.campaigns.record.parse import parse_billstatus, read_billstatus_file
from bot.campaigns.record.refresh import (
    auto_fetch_enabled,
    refresh_forever,
    refresh_tracked,
    statement_bills,
    tracked_bills,
)
from bot.campaigns.record.storage import (
    CheckOutcome,
    cosponsor_counts,
    cosponsor_status,
    cosponsor_statuses,
    get_check,
    get_record,
    save_record,
)
from bot.campaigns.record.verify import normalize_title, title_names_act, title_naming_act
from bot.core.clock import Clock
from bot.core.config import ConfigError, Settings, load_settings
from bot.core.content import load_content

RECORD = parse_billstatus(MADE_UP.read_bytes())
NOW = "2025-03-05T09:00:00+00:00"
TOKEN = "x" * 24 + ".abcd." + "y" * 27


async def _save(db, record=RECORD, now=NOW) -> None:
    await save_record(db, record, source="test", sha256="0" * 64, now_iso=now)


async def test_a_stored_record_reads_back_as_parsed(db):
    await _save(db)
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and stored.record == RECORD
    assert (stored.source, stored.fetched_at, stored.etag) == ("test", NOW, None)


@pytest.mark.skipif(shared_billstatus() is None, reason="../shared/billstatus is not here")
async def test_every_real_sample_reads_back_as_parsed(db):
    folder = shared_billstatus()
    assert folder is not None
    for path in sorted(folder.glob("BILLSTATUS-*.xml")):
        record, _ = read_billstatus_file(path)
        await _save(db, record)
        stored = await get_record(db, record.bill)
        assert stored is not None and stored.record == record, path.name


async def test_where_members_stand_on_a_stored_bill(db):
    assert await cosponsor_status(db, MADE_UP_BILL, "Z000002") == (CosponsorStatus.UNKNOWN, None)
    assert await cosponsor_counts(db, MADE_UP_BILL) is None
    await _save(db)
    statuses = await cosponsor_statuses(
        db, MADE_UP_BILL, ["Z000001", "Z000002", "Z000003", "Z000004", "A000360"]
    )
    assert statuses == {
        "Z000001": (CosponsorStatus.SPONSOR, date(2025, 2, 3)),
        "Z000002": (CosponsorStatus.COSPONSOR, date(2025, 2, 3)),
        "Z000003": (CosponsorStatus.WITHDRAWN, date(2025, 2, 24)),
        "Z000004": (CosponsorStatus.COSPONSOR, date(2025, 3, 1)),  # withdrew, then again
        "A000360": (CosponsorStatus.NOT_COSPONSOR, None),
    }
    assert await cosponsor_statuses(db, MADE_UP_BILL, []) == {}
    counts = await cosponsor_counts(db, MADE_UP_BILL)
    assert counts is not None and counts == RECORD.counts()
    assert (counts.current, counts.withdrawn, counts.by_party) == (3, 1, {"": 1, "I": 1, "R": 1})
    other = BillId(119, "s", 9999)  # same number, other chamber: knows nothing
    assert await cosponsor_status(db, other, "Z000002") == (CosponsorStatus.UNKNOWN, None)


async def test_a_new_copy_replaces_the_old_whole_or_not_at_all(db):
    await _save(db)
    fewer = dataclasses.replace(RECORD, cosponsors=RECORD.cosponsors[:1], committees=())
    await _save(db, fewer, "2025-03-06T00:00:00+00:00")
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and stored.record == fewer
    broken = dataclasses.replace(RECORD, committees=(Committee(None, None, None, None),))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        await _save(db, broken, "2025-03-07T00:00:00+00:00")
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and stored.record == fewer  # the failed write left nothing
    assert stored.fetched_at == "2025-03-06T00:00:00+00:00"


@pytest.mark.parametrize(
    ("title", "act", "names"),
    [
        (
            "Hong Kong Economic and Trade Office Certification Act",
            "hong kong economic and trade office certification act",
            True,
        ),
        (
            "HONG KONG ECONOMIC AND TRADE OFFICE CERTIFICATION ACT of 2025",
            "Hong Kong Economic and Trade Office Certification Act",
            True,
        ),
        (
            "Hong Kong Economic and Trade Office (HKETO) Certification Act",
            "Hong Kong Economic and Trade Office Certification Act",
            False,
        ),
        ("Transnational Repression Policy Act", "Transnational-Repression Policy Act.", True),
        ("Kayden’s Law", "Kayden's Law", True),
        ("Hong Kong Sanctions Act", "Sanctions", True),
        ("Hong Kong Sanctions Act", "Sanction", False),
        ("Hong Kong Sanctions Act", "...", False),
    ],
)
def test_a_title_names_an_act_whatever_the_case_and_punctuation(title, act, names):
    assert title_names_act(title, act) is names


def test_the_title_that_names_the_act():
    assert normalize_title("  Example Freedom & Accountability Act!") == (
        "example freedom accountability act"
    )
    assert title_naming_act(RECORD, ["Example Freedom & Accountability Act"]) == RECORD.title
    assert title_naming_act(RECORD, ["to require an example"]) == RECORD.official_title
    assert title_naming_act(RECORD, ["Hong Kong Sanctions Act", ""]) is None


def test_downloads_only_in_a_real_run_and_never_when_off():
    assert not auto_fetch_enabled(Settings(token=None))  # demo and tests
    assert auto_fetch_enabled(Settings(token=TOKEN))
    assert billstatus_base(Settings()) == DEFAULT_URL
    assert billstatus_base(Settings(billstatus_url="https://mirror.test/B/")) == (
        "https://mirror.test/B"
    )
    assert not auto_fetch_enabled(Settings(token=TOKEN, billstatus_url=" OFF "))
    assert billstatus_base(Settings(billstatus_url="off")) is None


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("", None),
        ("off", "off"),
        ("https://mirror.test/BILLSTATUS", "https://mirror.test/BILLSTATUS"),
    ],
)
def test_the_billstatus_url_setting(value, kept):
    env = {"BILLSTATUS_URL": value}
    assert load_settings(None, env, require_token=False).billstatus_url == kept


@pytest.mark.parametrize("value", ["ftp://mirror.test/x", "www.govinfo.gov", "https://a b"])
def test_a_billstatus_url_that_is_no_address_is_named(value):
    with pytest.raises(ConfigError, match="BILLSTATUS_URL in the environment must be an http"):
        load_settings(None, {"BILLSTATUS_URL": value}, require_token=False)


async def test_each_tracked_bill_is_fetched_once_however_many_servers_track_it(db, httpd):
    content = load_content()
    statement = statement_bills(content)
    assert BillId(118, "hr", 1103) in statement and len(statement) == 6
    for guild in range(1, 301):
        for campaign, chamber, number in (("hketo", "house", 9999), ("tnr", "senate", 77)):
            await campaigns.add_version(db, guild, campaign, 119, chamber, number, 1, NOW)
    bills = await tracked_bills(db, statement)
    assert len(bills) == 8 and MADE_UP_BILL in bills and BillId(119, "s", 77) in bills
    httpd.answer(MADE_UP_BILL, Answer(body=MADE_UP.read_bytes(), etag='"e1"'))
    async with BillStatusFetcher(httpd.base) as fetcher:
        first = await refresh_tracked(db, Clock(), content, fetcher)
        assert httpd.requests == 8  # 600 server rows and 6 statement versions: 8 bills
        second = await refresh_tracked(db, Clock(), content, fetcher)
    assert httpd.requests == 16
    assert first.outcomes[MADE_UP_BILL] is CheckOutcome.UPDATED
    assert second.outcomes[MADE_UP_BILL] is CheckOutcome.UNCHANGED  # a 304
    assert first.counts[CheckOutcome.NOT_FOUND] == 7  # the server knows only one bill
    assert sorted(s.path for s in httpd.seen[:8]) == sorted(
        f"/BILLSTATUS/{b.congress}/{b.type}/BILLSTATUS-{b.key}.xml" for b in bills
    )
    check = await get_check(db, BillId(118, "s", 490))
    assert check is not None and check.outcome is CheckOutcome.NOT_FOUND


async def test_the_daily_refresh_survives_a_failure_and_repeats(db, httpd, monkeypatch):
    httpd.answer(MADE_UP_BILL, Answer(body=MADE_UP.read_bytes()))
    await campaigns.add_version(db, 1, "hketo", 119, "house", 9999, 1, NOW)
    made: list[str] = []

    def make_fetcher(base: str) -> BillStatusFetcher:
        made.append(base)
        if len(made) == 1:
            raise RuntimeError("first try breaks")
        return BillStatusFetcher(base)

    task = asyncio.create_task(
        refresh_forever(
            db, Clock(), load_content(), httpd.base, interval=0, make_fetcher=make_fetcher
        )
    )
    for _ in range(500):
        await asyncio.sleep(0.01)
        if await get_record(db, MADE_UP_BILL) is not None:
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(made) >= 2 and await get_record(db, MADE_UP_BILL) is not None
    assert refresh_module.REFRESH_SECONDS == 24 * 3600
