"""Privacy figures (issue 15): what pseudonyms and sealing cost, before and after.

Run:  python bench/bench_privacy.py

Prints the median and p95 of:

- one pseudonym (HMAC-SHA256), one seal and one open (AES-256-GCM) of a Discord id;
- storing one outcome tap and reading the running count (on a server with 20,000 calls):
  after, ``record_call`` with the pseudonym, the member directory, a sealed office and the
  daily counts; before, the statements the bot ran with plain ids (on a copy of the old
  ``calls`` table); and the whole ``/call`` tap after (``report_call``: also the server's
  zone, the campaign and the office's cosponsorship, as before the change);
- a DM fan-out's read of 1,000 subscribers: before, 1,000 plain ids from
  the subscriptions as they were kept; after, 1,000 sealed ids from the member directory,
  opened (:func:`bot.privacy.members.member_ids`), as the DM sender reads them;
- sealing the ids of 1,000 subscribers (what a migration or rotation does per member).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.calls import storage as store
from bot.calls.flow import report_call
from bot.core.content import load_content
from bot.core.database import Database
from bot.privacy.inventory import DIRECTORY_ID
from bot.privacy.keys import DataKey
from bot.privacy.members import enroll, member_ids
from bot.privacy.unlock import unlock

GUILD = 1
SUBSCRIBERS = 1000
CALLS = 20_000
NOW = datetime(2026, 1, 5, 18, tzinfo=UTC)
FIRST_ID = 1_100_000_000_000_000_000  # Discord-sized ids


class FixedClock:
    def now(self) -> datetime:
        return NOW


def figures(samples: list[float], unit: float = 1000, name: str = "ms") -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * unit:.3f} {name}, p95 {p95 * unit:.3f} {name}"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


async def timed_async(fn: Callable[[int], Awaitable[object]], runs: int) -> list[float]:
    out = []
    for i in range(runs):
        t0 = time.perf_counter()
        await fn(i)
        out.append(time.perf_counter() - t0)
    return out


async def old_record_call(db: Database, user_id: int, slug: str, outcome: str) -> bool:
    """The tap as the bot recorded it before issue 15 (plain id, office, time of day)."""
    day, at = NOW.date().isoformat(), NOW.isoformat()
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT id FROM calls_before WHERE guild_id=? AND user_id=? AND campaign=?"
            " AND office=? AND day=?",
            (GUILD, user_id, slug, "Z000001", day),
        ) as cur:
            existing = await cur.fetchone()
        if existing is None:
            async with conn.execute(
                "INSERT INTO calls_before (guild_id, user_id, campaign, office, day, outcome, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (GUILD, user_id, slug, "Z000001", day, outcome, at),
            ):
                pass
            return True
        return False


async def fill(db: Database, rng: random.Random) -> None:
    """20,000 calls of 1,000 members over a year, in both shapes; 1,000 subscribers."""
    await db.execute(
        "CREATE TABLE calls_before (id INTEGER PRIMARY KEY AUTOINCREMENT, guild_id INTEGER,"
        " user_id INTEGER, campaign TEXT, office TEXT, day TEXT, outcome TEXT, at TEXT,"
        " UNIQUE (guild_id, user_id, campaign, office, day))"
    )
    await db.execute("CREATE INDEX calls_before_member ON calls_before (guild_id, user_id, day)")
    await db.execute(
        "CREATE INDEX calls_before_campaign ON calls_before (guild_id, campaign, outcome, day)"
    )
    start = date(2025, 1, 6)
    for i in range(SUBSCRIBERS):
        await enroll(db, GUILD, FIRST_ID + i, "2026-01-01")
    for _ in range(CALLS):
        user = FIRST_ID + rng.randrange(SUBSCRIBERS)
        day = (start + timedelta(days=rng.randrange(360))).isoformat()
        slug, outcome = rng.choice(("hketo", "tnr")), rng.choice(store.OUTCOMES)
        await store.record_call(db, GUILD, user, slug, outcome, day, NOW.isoformat(), "Z000001")
        await db.execute(
            "INSERT OR IGNORE INTO calls_before (guild_id, user_id, campaign, office, day,"
            " outcome, at) VALUES (?, ?, ?, 'Z000001', ?, ?, ?)",
            (GUILD, user, slug, day, outcome, NOW.isoformat()),
        )
    await db.execute(  # the subscriptions as they were kept before: by the plain id
        "CREATE TABLE subscriptions_before (guild_id INTEGER, user_id INTEGER, campaign TEXT,"
        " created_at TEXT, PRIMARY KEY (guild_id, campaign, user_id))"
    )
    await db.executemany(
        "INSERT INTO subscriptions_before (guild_id, user_id, campaign, created_at)"
        " VALUES (?, ?, 'hketo', '2026-01-01')",
        [(GUILD, FIRST_ID + i) for i in range(SUBSCRIBERS)],
    )


async def main() -> None:
    rng = random.Random(15)
    key = DataKey.generate()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        await db.open()
        vault = await unlock(db, key)
        t0 = time.perf_counter()
        await fill(db, rng)
        filled = time.perf_counter() - t0

        place = DIRECTORY_ID.place(GUILD)
        sealed = vault.seal_text(str(FIRST_ID), place)
        pseudonym = timed(lambda: vault.pseudonym(GUILD, FIRST_ID), 20_000)
        seal = timed(lambda: vault.seal_text(str(FIRST_ID), place), 20_000)
        opened = timed(lambda: vault.open_text(sealed, place), 20_000)

        bot = SimpleNamespace(
            db=db,
            clock=FixedClock(),
            settings=SimpleNamespace(default_timezone="America/New_York"),
            content=load_content(),
        )
        new_id = FIRST_ID + 10 * SUBSCRIBERS  # members not seen before: the insert path

        async def after(i: int) -> None:
            day, at = NOW.date().isoformat(), NOW.isoformat()
            await store.record_call(db, GUILD, new_id + i, "hketo", "reached", day, at, "Z000001")
            await store.campaign_total(db, GUILD, "hketo")

        async def whole_tap(i: int) -> None:
            await report_call(bot, GUILD, new_id + 1000 + i, "hketo", "reached", "Z000001")

        async def before(i: int) -> None:
            await old_record_call(db, new_id + i, "hketo", "reached")
            await db.fetchval(  # the running count the thank-you shows
                "SELECT COUNT(*) FROM calls_before WHERE guild_id=? AND campaign=?",
                (GUILD, "hketo"),
            )

        taps_before: list[float] = []
        taps_after: list[float] = []
        whole: list[float] = []
        for i in range(500):  # taken in turns, so all see the same machine
            for tap, samples in ((before, taps_before), (after, taps_after), (whole_tap, whole)):
                t0 = time.perf_counter()
                await tap(i)
                samples.append(time.perf_counter() - t0)

        async def plain_fanout(_: int) -> None:
            rows = await db.fetchall(
                "SELECT user_id FROM subscriptions_before WHERE guild_id=? AND campaign=?",
                (GUILD, "hketo"),
            )
            assert len(rows) == SUBSCRIBERS

        members = [
            r[0]
            for r in await db.fetchall(
                "SELECT member FROM member_directory WHERE guild_id=? LIMIT ?",
                (GUILD, SUBSCRIBERS),
            )
        ]

        async def sealed_fanout(_: int) -> None:
            ids = await member_ids(db, GUILD, members)
            assert len(ids) == SUBSCRIBERS

        fan_before = await timed_async(plain_fanout, 50)
        fan_after = await timed_async(sealed_fanout, 50)
        seal_all = timed(
            lambda: [vault.seal_text(str(FIRST_ID + i), place) for i in range(SUBSCRIBERS)], 50
        )
        await db.close()

    print(f"filled {CALLS:,} calls of {SUBSCRIBERS:,} members in {filled:.1f} s")
    print(f"one pseudonym (HMAC-SHA256):          {figures(pseudonym, 1e6, 'µs')}")
    print(f"one seal (AES-256-GCM):               {figures(seal, 1e6, 'µs')}")
    print(f"one open (AES-256-GCM):               {figures(opened, 1e6, 'µs')}")
    print(f"store a tap, before (plain id):       {figures(taps_before)}")
    print(f"store a tap, after (pseudonym, seal): {figures(taps_after)}")
    print(f"whole /call tap after (report_call):  {figures(whole)}")
    print(f"1,000 subscriber ids, before (plain): {figures(fan_before)}")
    print(f"1,000 subscriber ids, after (opened): {figures(fan_after)}")
    print(f"seal 1,000 subscriber ids:            {figures(seal_all)}")


if __name__ == "__main__":
    asyncio.run(main())
