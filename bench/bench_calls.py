"""Call-flow figures (issue 3): recording a tap and reading tallies on a busy server.

Run:  python bench/bench_calls.py

It fills a fresh SQLite database with 200,000 reported calls (1,000 members of one server
over a year, plus 50 other servers), then prints the median and p99 of:

- recording one outcome tap (``report_call``: server zone, day, upsert, running count);
- the tallies ``/call-stats`` reads (server per bill and outcome, the member's own counts,
  weekly streak and opted-in names, their ids opened from the member directory);
- loading a server's campaigns (``load_campaigns``: what the bill option resolves against).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.calls import storage as store
from bot.calls.flow import report_call
from bot.calls.folding import build_streaks
from bot.calls.stats import periods, server_zone
from bot.campaigns.model import load_campaigns
from bot.core.content import load_content
from bot.core.database import Database
from bot.privacy.inventory import DIRECTORY_ID
from bot.privacy.keys import DataKey
from bot.privacy.unlock import unlock

GUILD = 1
MEMBERS = 1000
OTHER_SERVERS = 50
ROWS = 200_000
SLUGS = ("hketo", "sanctions", "tnr")
NOW = datetime(2026, 1, 1, 18, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


def ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p99 = samples[int(len(samples) * 0.99) - 1]
    return f"median {statistics.median(samples) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms"


async def main() -> None:
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        await db.open()
        vault = await unlock(db, DataKey.generate())
        start = date(2025, 1, 1)
        rows = []
        seen = set()
        while len(rows) < ROWS:
            guild = GUILD if rng.random() < 0.5 else 100 + rng.randrange(OTHER_SERVERS)
            user = rng.randrange(MEMBERS)
            slug = rng.choice(SLUGS)
            day = (start + timedelta(days=rng.randrange(365))).isoformat()
            key = (guild, user, slug, day)
            if key in seen:
                continue
            seen.add(key)
            outcome = rng.choice(store.OUTCOMES)
            rows.append((guild, vault.pseudonym(guild, user), slug, "", day, outcome))
        await db.executemany(
            "INSERT INTO calls (guild_id, member, campaign, office, day, outcome) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        members = {(g, u) for g, u, _, _ in seen}
        await db.executemany(
            "INSERT INTO member_directory (guild_id, member, sealed_id, seen_on) "
            "VALUES (?, ?, ?, '2026-01-01')",
            [(g, vault.pseudonym(g, u), DIRECTORY_ID.seal(vault, g, str(u))) for g, u in members],
        )
        await db.executemany(
            "INSERT INTO member_privacy (guild_id, member, show_name) VALUES (?, ?, 1)",
            [(GUILD, vault.pseudonym(GUILD, u)) for u in range(0, MEMBERS, 10)],
        )
        async with db.transaction() as conn:
            await build_streaks(conn)
        # The server's daily counts, as record_call keeps them (and migration 0011 makes them).
        await db.execute(
            "INSERT INTO call_daily_counts (guild_id, campaign, outcome, day, calls)"
            " SELECT guild_id, campaign, outcome, day, COUNT(*) FROM calls"
            " GROUP BY guild_id, campaign, outcome, day"
        )
        await db.execute(
            "INSERT INTO call_daily_standings (guild_id, campaign, standing, day, calls)"
            " SELECT guild_id, campaign, '', day, COUNT(*) FROM calls"
            " GROUP BY guild_id, campaign, day"
        )
        bot = SimpleNamespace(
            db=db,
            clock=FixedClock(),
            settings=SimpleNamespace(default_timezone="America/New_York"),
            content=load_content(),
        )

        taps = []
        for i in range(500):
            t0 = time.perf_counter()
            await report_call(bot, GUILD, 5000 + i, rng.choice(SLUGS), rng.choice(store.OUTCOMES))
            taps.append(time.perf_counter() - t0)

        stats = []
        for i in range(200):
            t0 = time.perf_counter()
            zone = await server_zone(db, GUILD, "America/New_York")
            p = periods(NOW, zone)
            week, month = p.week_start.isoformat(), p.month_start.isoformat()
            await store.server_counts(db, GUILD, week, month)
            await store.member_counts(db, GUILD, i, week, month)
            streak = await store.member_streak(db, GUILD, i)
            _ = streak.shown(p.today) if streak else 0
            await store.named_callers(db, GUILD, week)
            stats.append(time.perf_counter() - t0)

        loads = []
        for _ in range(200):
            t0 = time.perf_counter()
            await load_campaigns(db, bot.content, GUILD, NOW)
            loads.append(time.perf_counter() - t0)
        await db.close()

    print(f"calls stored: {ROWS:,} ({MEMBERS} members in the measured server)")
    print(f"record one tap (report_call):       {ms(taps)}")
    print(f"/call-stats queries (server + own): {ms(stats)}")
    print(f"load a server's campaigns:          {ms(loads)}")


if __name__ == "__main__":
    asyncio.run(main())
