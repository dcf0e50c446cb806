"""Downloads through the bot's own code against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import logging

import pytest
from record_support import FIXTURES, MADE_UP, MADE_UP_BILL, Answer, BillStatusServer

from bot.campaigns.record.fetch import BillStatusFetcher, FetchStatus, bill_url
from bot.campaigns.record.model import BillId
from bot.campaigns.record.refresh import refresh_bill
from bot.campaigns.record.storage import CheckOutcome, get_check, get_record
from bot.campaigns.record.verify import LookupOutcome, lookup_bill, remember_lookup

GOOD = MADE_UP.read_bytes()
ETAG = '"v1-9999"'
LAST_MODIFIED = "Tue, 04 Mar 2025 12:00:00 GMT"
T1, T2, T3 = "2025-03-05T09:00:00+00:00", "2025-03-06T09:00:00+00:00", "2025-03-07T09:00:00+00:00"


async def _store_good_copy(db, httpd: BillStatusServer, fetcher: BillStatusFetcher) -> None:
    httpd.answer(MADE_UP_BILL, Answer(body=GOOD, etag=ETAG, last_modified=LAST_MODIFIED))
    assert await refresh_bill(db, fetcher, MADE_UP_BILL, T1) is CheckOutcome.UPDATED


def test_the_address_of_a_bill():
    assert bill_url("https://www.govinfo.gov/bulkdata/BILLSTATUS/", BillId(119, "hr", 2661)) == (
        "https://www.govinfo.gov/bulkdata/BILLSTATUS/119/hr/BILLSTATUS-119hr2661.xml"
    )


async def test_200_stores_the_record_with_its_validators(db, httpd):
    async with BillStatusFetcher(httpd.base) as fetcher:
        await _store_good_copy(db, httpd, fetcher)
    assert httpd.seen[0].path == "/BILLSTATUS/119/hr/BILLSTATUS-119hr9999.xml"
    assert "If-None-Match" not in httpd.seen[0].headers  # nothing stored yet to compare
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and stored.record.title.startswith("Example Freedom")
    assert (stored.etag, stored.last_modified) == (ETAG, LAST_MODIFIED)
    assert stored.source == f"{httpd.base}/119/hr/BILLSTATUS-119hr9999.xml"
    assert stored.fetched_at == stored.confirmed_at == T1
    check = await get_check(db, MADE_UP_BILL)
    assert check is not None and (check.outcome, check.error) == (CheckOutcome.UPDATED, None)


async def test_304_confirms_the_stored_copy_without_a_body(db, httpd):
    async with BillStatusFetcher(httpd.base) as fetcher:
        await _store_good_copy(db, httpd, fetcher)
        assert await refresh_bill(db, fetcher, MADE_UP_BILL, T2) is CheckOutcome.UNCHANGED
    again = httpd.seen[1].headers
    assert again["If-None-Match"] == ETAG and again["If-Modified-Since"] == LAST_MODIFIED
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and (stored.fetched_at, stored.confirmed_at) == (T1, T2)


async def test_304_by_date_alone(db, httpd):
    async with BillStatusFetcher(httpd.base) as fetcher:
        httpd.answer(MADE_UP_BILL, Answer(body=GOOD, last_modified=LAST_MODIFIED))
        await refresh_bill(db, fetcher, MADE_UP_BILL, T1)
        assert await refresh_bill(db, fetcher, MADE_UP_BILL, T2) is CheckOutcome.UNCHANGED
    assert "If-None-Match" not in httpd.seen[1].headers


async def test_the_same_file_again_without_validators_is_unchanged(db, httpd):
    httpd.answer(MADE_UP_BILL, Answer(body=GOOD))
    async with BillStatusFetcher(httpd.base) as fetcher:
        assert await refresh_bill(db, fetcher, MADE_UP_BILL, T1) is CheckOutcome.UPDATED
        assert await refresh_bill(db, fetcher, MADE_UP_BILL, T2) is CheckOutcome.UNCHANGED
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and (stored.fetched_at, stored.confirmed_at) == (T1, T2)


async def test_a_new_version_replaces_the_old(db, httpd):
    async with BillStatusFetcher(httpd.base) as fetcher:
        await _store_good_copy(db, httpd, fetcher)
        newer = GOOD.replace(b"Ordered to be Reported by Voice Vote.", b"Passed House.")
        httpd.answer(MADE_UP_BILL, Answer(body=newer, etag='"v2"'))
        assert await refresh_bill(db, fetcher, MADE_UP_BILL, T2) is CheckOutcome.UPDATED
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and stored.record.latest_action is not None
    assert stored.record.latest_action.text == "Passed House." and stored.etag == '"v2"'
    assert len(stored.record.cosponsors) == 5  # replaced whole, not appended


WRONG_BILL = GOOD.replace(b"<type>HR</type>", b"<type>S</type>")
FAILURES = {
    "500": (Answer(500, b"oops", "text/plain"), CheckOutcome.FAILED, "HTTP 500"),
    "503 HTML": (
        Answer(503, (FIXTURES / "error_page.html").read_bytes(), "text/html"),
        CheckOutcome.FAILED,
        "HTTP 503",
    ),
    "404": (Answer(404, b"Not Found", "text/plain"), CheckOutcome.NOT_FOUND, "not found"),
    "cut short": (Answer(body=GOOD, cut_at=len(GOOD) // 2), CheckOutcome.FAILED, "cut short"),
    "HTML page": (
        Answer(body=(FIXTURES / "error_page.html").read_bytes(), content_type="text/html"),
        CheckOutcome.FAILED,
        "a web page (text/html)",
    ),
    "HTML page sent as XML": (
        Answer(body=(FIXTURES / "error_page.html").read_bytes()),
        CheckOutcome.FAILED,
        "a web page (HTML)",
    ),
    "wrong bill": (
        Answer(body=WRONG_BILL),
        CheckOutcome.FAILED,
        "record of S. 9999 (119th Congress), not of H.R. 9999",
    ),
    "unparsable": (Answer(body=GOOD[:-30]), CheckOutcome.FAILED, "it was cut short"),
    "entities": (
        Answer(body=(FIXTURES / "billion_laughs.xml").read_bytes()),
        CheckOutcome.FAILED,
        "declares a DOCTYPE",
    ),
    "empty 200": (Answer(body=b""), CheckOutcome.FAILED, "the file is empty"),
}


@pytest.mark.parametrize("name", list(FAILURES))
async def test_a_bad_answer_keeps_the_last_good_copy_and_is_logged_once(db, httpd, caplog, name):
    answer, outcome, said = FAILURES[name]
    async with BillStatusFetcher(httpd.base) as fetcher:
        await _store_good_copy(db, httpd, fetcher)
        httpd.answer(MADE_UP_BILL, answer)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="bot.campaigns.record"):
            assert await refresh_bill(db, fetcher, MADE_UP_BILL, T2) is outcome
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and stored.sha256 and stored.confirmed_at == T1
    assert stored.record.latest_action is not None
    assert stored.record.latest_action.text == "Ordered to be Reported by Voice Vote."
    check = await get_check(db, MADE_UP_BILL)
    assert check is not None and check.outcome is outcome and check.checked_at == T2
    assert check.error is not None and said in check.error
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and said in warnings[0].getMessage()
    assert warnings[0].exc_info is None  # one line, no traceback


async def test_a_404_for_a_bill_never_stored_is_not_found(db, httpd):
    async with BillStatusFetcher(httpd.base) as fetcher:
        outcome = await refresh_bill(db, fetcher, BillId(119, "s", 19999), T1)
    assert outcome is CheckOutcome.NOT_FOUND
    assert await get_record(db, BillId(119, "s", 19999)) is None


async def test_a_slow_server_times_out(db, httpd):
    httpd.answer(MADE_UP_BILL, Answer(body=GOOD, delay=1.0))
    async with BillStatusFetcher(httpd.base, timeout=0.2) as fetcher:
        download = await fetcher.fetch(MADE_UP_BILL)
    assert download.status is FetchStatus.FAILED
    assert download.error == "no complete answer within 0.2 seconds"


async def test_a_file_over_the_size_cap_is_not_read(httpd):
    httpd.answer(MADE_UP_BILL, Answer(body=GOOD))
    async with BillStatusFetcher(httpd.base, max_bytes=1000) as fetcher:
        download = await fetcher.fetch(MADE_UP_BILL)
    assert download.status is FetchStatus.FAILED and "limit of 1,000 bytes" in str(download.error)


async def test_no_server_at_all():
    async with BillStatusFetcher("http://127.0.0.1:9/BILLSTATUS", timeout=2) as fetcher:
        download = await fetcher.fetch(MADE_UP_BILL)
    assert download.status is FetchStatus.FAILED and download.error


async def test_looking_up_a_number_before_saving_it(db, httpd):
    httpd.answer(MADE_UP_BILL, Answer(body=GOOD, etag=ETAG))
    httpd.answer(BillId(119, "s", 1), Answer(500, b"down", "text/plain"))
    async with BillStatusFetcher(httpd.base) as fetcher:
        found = await lookup_bill(fetcher, MADE_UP_BILL)
        missing = await lookup_bill(fetcher, BillId(119, "hr", 12345))
        down = await lookup_bill(fetcher, BillId(119, "s", 1))
        wrong = BillId(119, "s", 9999)
        httpd.answer(wrong, Answer(body=GOOD))
        refused = await lookup_bill(fetcher, wrong)
    assert found.outcome is LookupOutcome.FOUND
    assert found.title == "Example Freedom & Accountability Act of 2025"
    assert found.official_title == "To require an example, and for other purposes."
    assert (missing.outcome, missing.title) == (LookupOutcome.NOT_FOUND, None)
    assert down.outcome is LookupOutcome.UNREACHABLE and "HTTP 500" in str(down.error)
    assert refused.outcome is LookupOutcome.UNREACHABLE and "not of S. 9999" in str(refused.error)
    offline = await lookup_bill(None, MADE_UP_BILL)
    assert offline.outcome is LookupOutcome.UNREACHABLE and "BILLSTATUS_URL" in str(offline.error)
    assert await remember_lookup(db, found, T1)
    assert not await remember_lookup(db, missing, T1)
    stored = await get_record(db, MADE_UP_BILL)
    assert stored is not None and stored.etag == ETAG
