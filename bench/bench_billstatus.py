"""Time Bill Status parsing and count the downloads of one daily refresh across 1,000 servers.

    python bench/bench_billstatus.py [--runs 50] [--servers 1000]

Prints, for the largest sample in ../shared/billstatus (the made-up test record when that
folder is not beside the checkout): its size, the median (min/max) parse time, the peak
memory of one parse (tracemalloc) beside a full ElementTree for comparison, and the time to
store and read back one record. Then a local HTTP server on 127.0.0.1 counts the requests of
one refresh when 1,000 servers each track the same 6 versions (6,000 rows in bill_versions):
6 downloads, not 6,000; the same with the statement's own 6 versions counted in; and a
second refresh, answered with 304 Not Modified.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path

from aiohttp import web

from bot.campaigns import storage as campaigns
from bot.campaigns.record.fetch import BillStatusFetcher
from bot.campaigns.record.parse import bill_from_filename, parse_billstatus, sha256
from bot.campaigns.record.refresh import refresh_all, statement_bills, tracked_bills
from bot.campaigns.record.storage import CheckOutcome, get_record, save_record
from bot.core.clock import Clock
from bot.core.content import load_content
from bot.core.database import Database
from bot.privacy.keys import DataKey
from bot.privacy.unlock import unlock

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "tests" / "data" / "billstatus" / "BILLSTATUS-119hr9999.xml"
# Six made-up 119th-Congress numbers, one per act and chamber, as servers would add them.
ADDED = [
    ("hketo", "house", 9001),
    ("hketo", "senate", 901),
    ("sanctions", "house", 9002),
    ("sanctions", "senate", 902),
    ("tnr", "house", 9003),
    ("tnr", "senate", 903),
]


def largest_sample() -> Path:
    for parent in ROOT.parents:
        folder = parent / "shared" / "billstatus"
        if folder.is_dir():
            return max(folder.glob("BILLSTATUS-*.xml"), key=lambda p: p.stat().st_size)
    return TEMPLATE


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1e3:7.2f} ms"
        f"  (min {min(values) * 1e3:.2f}, max {max(values) * 1e3:.2f})"
    )


def _peak(fn) -> int:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


async def bench_parse(runs: int) -> None:
    path = largest_sample()
    data = path.read_bytes()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        record = parse_billstatus(data)
        times.append(time.perf_counter() - t0)
    ours = _peak(lambda: parse_billstatus(data))
    full = _peak(lambda: ET.fromstring(data))
    print(f"largest sample: {path.name}, {len(data) / 1024:.0f} KiB, {runs} runs")
    print(f"  parse                     {_ms(times)}")
    print(
        f"  peak memory of one parse  {ours / 1024:7.0f} KiB"
        f" (a full ElementTree: {full / 1024:.0f} KiB)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        await db.open()
        store, read = [], []
        try:
            for i in range(runs):
                t0 = time.perf_counter()
                await save_record(db, record, source="bench", sha256=sha256(data), now_iso=str(i))
                t1 = time.perf_counter()
                await get_record(db, record.bill)
                store.append(t1 - t0)
                read.append(time.perf_counter() - t1)
        finally:
            await db.close()
    print(f"  store (1 transaction)     {_ms(store)}")
    print(f"  read back                 {_ms(read)}")


class CountingServer:
    """Serves a record for any bill asked (the template, renumbered), with an ETag; counts."""

    def __init__(self) -> None:
        self.requests = 0
        self.not_modified = 0
        self.template = TEMPLATE.read_bytes()

    async def handle(self, request: web.Request) -> web.Response:
        self.requests += 1
        bill = bill_from_filename(Path(request.match_info["name"]))
        if bill is None:
            return web.Response(status=404)
        etag = f'"{bill.key}-1"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        new = {"number": bill.number, "type": bill.type.upper(), "congress": bill.congress}
        body = self.template
        for tag, old in (("number", 9999), ("type", "HR"), ("congress", 119)):
            body = body.replace(
                f"<{tag}>{old}</{tag}>".encode(), f"<{tag}>{new[tag]}</{tag}>".encode()
            )
        return web.Response(body=body, content_type="application/xml", headers={"ETag": etag})


async def bench_refresh(servers: int) -> None:
    counter = CountingServer()
    app = web.Application()
    app.router.add_get("/BILLSTATUS/{congress}/{type}/{name}", counter.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    base = f"http://127.0.0.1:{port}/BILLSTATUS"
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        await db.open()
        await unlock(db, DataKey.generate())  # bill versions record who added them, sealed
        try:
            for guild in range(1, servers + 1):
                for campaign, chamber, number in ADDED:
                    await campaigns.add_version(db, guild, campaign, 119, chamber, number, 1, "x")
            rows = await db.fetchval("SELECT COUNT(*) FROM bill_versions")
            async with BillStatusFetcher(base) as fetcher:
                added = await tracked_bills(db, ())
                t0 = time.perf_counter()
                first = await refresh_all(db, fetcher, added, clock)
                t1 = time.perf_counter()
                print(
                    f"{servers:,} servers x {len(ADDED)} versions ({rows:,} rows in bill_versions)"
                )
                print(
                    f"  one refresh: {len(added)} distinct bills, {counter.requests} requests "
                    f"(not {rows:,}), {first.counts[CheckOutcome.UPDATED]} stored, "
                    f"{(t1 - t0) * 1e3:.0f} ms"
                )
                every = await tracked_bills(db, statement_bills(load_content()))
                before, fresh = counter.requests, counter.not_modified
                await refresh_all(db, fetcher, every, clock)
                print(
                    f"  with the statement's 6 versions counted in: {len(every)} distinct bills, "
                    f"{counter.requests - before} requests "
                    f"({counter.not_modified - fresh} of them 304 Not Modified)"
                )
                before, fresh, t0 = counter.requests, counter.not_modified, time.perf_counter()
                await refresh_all(db, fetcher, every, clock)
                t1 = time.perf_counter()
                print(
                    f"  the next day: {counter.requests - before} requests, "
                    f"{counter.not_modified - fresh} answered 304 Not Modified, "
                    f"{(t1 - t0) * 1e3:.0f} ms"
                )
        finally:
            await db.close()
            await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--servers", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(bench_parse(args.runs))
    asyncio.run(bench_refresh(args.servers))


if __name__ == "__main__":
    main()
