"""The daily refresh: every distinct bill tracked by any campaign in any server, fetched once.

The tracked bills are the versions the statement names (data/bills.json, every server has
them) plus every server's added versions (bill_versions), each distinct (congress, type,
number) once, however many servers track it: 1,000 servers tracking the same 6 versions
make 6 requests. Each request is conditional on the stored copy's ETag/Last-Modified. A
failed, cut-short, unparsable or wrong-bill download, an HTML page, a 404 or a 500 keeps the
last good copy; the attempt is stored (:func:`.storage.get_check`) and logged in one line.

:func:`refresh_forever` is what the app starts, only when :func:`auto_fetch_enabled` (a
Discord token is set and ``BILLSTATUS_URL`` is not ``off``): never in the demo or tests.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.campaigns.record.fetch import BillStatusFetcher, FetchStatus, billstatus_base
from bot.campaigns.record.model import BillId
from bot.campaigns.record.parse import RecordError, parse_billstatus, sha256
from bot.campaigns.record.storage import (
    CheckOutcome,
    confirm_current,
    get_check,
    record_check,
    save_record,
    stored_sha256,
    validators,
)
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import Content
from bot.core.database import Database

log = logging.getLogger(__name__)

REFRESH_SECONDS = 24 * 3600
RETRY_SECONDS = 3600  # how soon a bill with no copy yet is tried again, between refreshes


def auto_fetch_enabled(settings: Settings) -> bool:
    """Download only in a real run (a token is set), never in the demo or tests."""
    return settings.token is not None and billstatus_base(settings) is not None


def statement_bills(content: Content) -> list[BillId]:
    """The versions the statement names, which every server tracks."""
    return [BillId.for_version(v) for c in content.campaigns for v in c.versions]


async def tracked_bills(db: Database, statement: Iterable[BillId]) -> list[BillId]:
    """``statement`` plus every version any server added, each distinct bill once, sorted."""
    rows = await db.fetchall("SELECT DISTINCT congress, chamber, number FROM bill_versions")
    return sorted({*statement, *(BillId.of(c, ch, n) for c, ch, n in rows)})


async def unverified_bills(db: Database, bills: Iterable[BillId]) -> list[BillId]:
    """Those of ``bills`` with no stored copy whose last attempt failed or never happened.

    A number an organizer added while the record was out of reach is one: it is verified
    as soon as a retry reaches the record. A 404 is an answer, not retried before the next
    daily refresh.
    """
    out = []
    for bill in bills:
        if await stored_sha256(db, bill) is not None:
            continue
        check = await get_check(db, bill)
        if check is None or check.outcome is CheckOutcome.FAILED:
            out.append(bill)
    return out


async def refresh_bill(
    db: Database, fetcher: BillStatusFetcher, bill: BillId, now_iso: str
) -> CheckOutcome:
    """Fetch one bill conditionally; store a good new copy, else keep the old one and say why."""
    etag, last_modified = await validators(db, bill)
    download = await fetcher.fetch(bill, etag=etag, last_modified=last_modified)
    if download.status is FetchStatus.NOT_MODIFIED:
        await confirm_current(db, bill, now_iso)
        return CheckOutcome.UNCHANGED
    if download.status is FetchStatus.OK:
        try:
            record = await asyncio.to_thread(parse_billstatus, download.body, bill)
        except RecordError as exc:
            error = f"refused {download.url}: {exc}"
        else:
            digest = sha256(download.body)
            if digest == await stored_sha256(db, bill):
                await confirm_current(
                    db, bill, now_iso, etag=download.etag, last_modified=download.last_modified
                )
                return CheckOutcome.UNCHANGED
            await save_record(
                db,
                record,
                source=download.url,
                sha256=digest,
                now_iso=now_iso,
                etag=download.etag,
                last_modified=download.last_modified,
            )
            log.info("stored the record of %s from %s", bill.described, download.url)
            return CheckOutcome.UPDATED
        outcome = CheckOutcome.FAILED
    elif download.status is FetchStatus.NOT_FOUND:
        error = f"{download.url}: not found ({download.error})"
        outcome = CheckOutcome.NOT_FOUND
    else:
        error = f"{download.url}: {download.error}"
        outcome = CheckOutcome.FAILED
    log.warning("kept the stored record of %s (if any): %s", bill.described, error)
    await record_check(db, bill, now_iso, outcome, error)
    return outcome


@dataclass(frozen=True, slots=True)
class RefreshSummary:
    outcomes: dict[BillId, CheckOutcome] = field(default_factory=dict)

    @property
    def counts(self) -> Counter[CheckOutcome]:
        return Counter(self.outcomes.values())


async def refresh_all(
    db: Database, fetcher: BillStatusFetcher, bills: Iterable[BillId], clock: Clock
) -> RefreshSummary:
    """Refresh each distinct bill once, one after the other (kind to the server)."""
    outcomes: dict[BillId, CheckOutcome] = {}
    for bill in sorted(set(bills)):
        outcomes[bill] = await refresh_bill(db, fetcher, bill, clock.now().isoformat())
    summary = RefreshSummary(outcomes)
    counts = ", ".join(f"{n} {o.value}" for o, n in sorted(summary.counts.items()))
    log.info("bill records refreshed: %s", counts or "no bills tracked")
    return summary


async def refresh_tracked(
    db: Database, clock: Clock, content: Content, fetcher: BillStatusFetcher
) -> RefreshSummary:
    """One refresh of every tracked bill."""
    bills = await tracked_bills(db, statement_bills(content))
    return await refresh_all(db, fetcher, bills, clock)


async def refresh_forever(
    db: Database,
    clock: Clock,
    content: Content,
    base: str,
    *,
    interval: float = REFRESH_SECONDS,
    retry: float = RETRY_SECONDS,
    make_fetcher: Callable[[str], BillStatusFetcher] = BillStatusFetcher,
) -> None:
    """Refresh now, then every ``interval`` seconds, until cancelled; never raises.

    Between two refreshes, tracked bills with no copy yet (an organizer's number saved
    unverified while the record was out of reach) are tried again every ``retry`` seconds.
    Started by the /bills cog when :func:`auto_fetch_enabled`::

        base = billstatus_base(bot.settings)
        if base is not None and auto_fetch_enabled(bot.settings):
            task = asyncio.create_task(refresh_forever(bot.db, bot.clock, bot.content, base))
    """
    while True:
        waited = 0.0
        try:
            async with make_fetcher(base) as fetcher:
                await refresh_tracked(db, clock, content, fetcher)
                while waited + retry < interval:
                    bills = await tracked_bills(db, statement_bills(content))
                    pending = await unverified_bills(db, bills)
                    if not pending:
                        break
                    await clock.sleep(retry)
                    waited += retry
                    await refresh_all(db, fetcher, pending, clock)
        except asyncio.CancelledError:
            raise
        except Exception:  # e.g. the database is closing; try again next time
            log.exception("refreshing the bill records failed")
        await clock.sleep(max(0.0, interval - waited))
