"""DM fan-out figures (issue 11): posts during large fan-outs, throughput, a burst of posts.

Run:  python bench/bench_fanout.py             (about two minutes)
      python bench/bench_fanout.py --quick     (a 20 s fan-out window, for a smoke run)
      python bench/bench_fanout.py --complete  (lets the whole fan-out finish: ~12 minutes)

The bot's real dispatcher, deliverer, outbox, fan-out worker, pacer and SQLite store run on
the real clock; only Discord is a stand-in: every request takes 20 ms, and beyond 50
requests in any second it answers 429 with a ``retry_after`` (the transport then waits and
tries again, as discord.py does). The stand-in transport makes the requests the Discord
transport makes: a post is one request; a DM checks the member (one request), opens the DM
channel the first time this process writes to that member (one), and sends (one).

(a)+(b) 10 servers with 1,000 subscribers each, their reminders due within one minute, and
    posts of other servers falling due every second meanwhile (the first 1 s after the
    fan-outs start): the lateness of those posts (when the stand-in receives the post minus
    its due time), the requests per second and 429s, DMs per server (fairness).
(c) 1,000 reminders due in the same second across 1,000 servers: when the last went out,
    and that each went out once.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import Counter, deque
from datetime import UTC, datetime
from pathlib import Path

from bot.core.clock import Clock
from bot.core.database import Database
from bot.core.timezones import resolve_timezone
from bot.reminders import outbox
from bot.reminders.delivery import Deliverer
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.fanout import FanOut
from bot.reminders.jobs import DmJob, Occurrence
from bot.reminders.pacing import Lane, Pacer
from bot.reminders.states import DmOutcome
from bot.reminders.storage import Reminder

NY = resolve_timezone("America/New_York")
LATENCY = 0.020
LIMIT = 50
FANOUT_SERVERS = 10
SUBSCRIBERS = 1000


class RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after


class StandInDiscord:
    """20 ms per request; a 429 beyond 50 requests in any second (sliding window)."""

    def __init__(self) -> None:
        self.window: deque[float] = deque()
        self.arrivals: list[tuple[float, str]] = []  # (time, kind) of each request let in
        self.refused: list[float] = []  # times of the 429s

    async def request(self, kind: str) -> float:
        """One request; when Discord received it. Raises :class:`RateLimited`."""
        now = time.monotonic()
        while self.window and self.window[0] <= now - 1.0:
            self.window.popleft()
        if len(self.window) >= LIMIT:
            self.refused.append(now)
            await asyncio.sleep(LATENCY)
            raise RateLimited(self.window[0] + 1.0 - now)
        self.window.append(now)
        self.arrivals.append((now, kind))
        await asyncio.sleep(LATENCY)
        return now


class StandInTransport:
    """The Discord transport's requests, against the stand-in, through the bot's pacer."""

    def __init__(self, discord: StandInDiscord, pacer: Pacer, epoch: float) -> None:
        self.discord = discord
        self.pacer = pacer
        self.epoch = epoch  # wall-clock time minus monotonic time
        self.posts: list[tuple[int, int, float]] = []  # reminder, occurrence, received (wall)
        self.dms: Counter[tuple[int, int, int]] = Counter()  # (reminder, occurrence, user)
        self.dm_times: list[tuple[float, int]] = []  # (received, server) of each DM
        self.open_channels: set[int] = set()

    async def _call(self, lane: Lane, kind: str) -> float:
        for _ in range(5):  # as discord.py: wait retry_after, try again
            await self.pacer.acquire(lane)
            try:
                return await self.discord.request(kind) + self.epoch
            except RateLimited as limited:
                self.pacer.hold(limited.retry_after)
                await asyncio.sleep(limited.retry_after)
        raise RuntimeError("rate limited five times")

    async def post(self, occ: Occurrence) -> int:
        received = await self._call(Lane.POST, "post")
        self.posts.append((occ.reminder.id, int(occ.due.timestamp()), received))
        return len(self.posts)

    async def find_post(self, occ: Occurrence) -> int | None:
        await self._call(Lane.POST, "history")
        return None

    async def direct_message(self, job: DmJob) -> DmOutcome:
        await self._call(Lane.DM, "member")
        if job.user_id not in self.open_channels:
            await self._call(Lane.DM, "open_dm")
            self.open_channels.add(job.user_id)
        received = await self._call(Lane.DM, "dm")
        self.dms[(job.reminder.id, job.occurrence, job.user_id)] += 1
        self.dm_times.append((received, job.reminder.guild_id))
        return DmOutcome.SENT

    async def report(self, guild_id: int, key: str, values: dict) -> bool:
        return True

    async def moved_on(self, reminder: Reminder, next_due: int | None) -> None:
        pass


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def reminder_row(guild_id: int, due: int) -> tuple:
    iso = datetime.now(UTC).isoformat()
    local = datetime.fromtimestamp(due, NY).replace(tzinfo=None).isoformat()
    return (
        guild_id,
        "hketo",
        5000 + guild_id,
        NY.key,
        local,
        "none",
        3600,
        "active",
        due,
        7,
        iso,
        iso,
    )


async def store_reminders(db: Database, rows: list[tuple]) -> None:
    await db.executemany(
        "INSERT INTO reminders (guild_id, campaign, channel_id, timezone, anchor_local, repeat,"
        " grace_seconds, status, next_due, created_by, created_at, updated_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


class Bot:
    """The reminders' engine on a fresh database, with the stand-in for Discord."""

    def __init__(self, db: Database) -> None:
        self.clock = Clock()
        self.db = db
        self.discord = StandInDiscord()
        self.pacer = Pacer(self.clock)
        self.transport = StandInTransport(self.discord, self.pacer, time.time() - time.monotonic())
        self.fanout = FanOut(db, self.clock, self.transport)
        self.deliverer = Deliverer(db, self.clock, self.transport, on_queued=self.fanout.wake)
        self.dispatcher = Dispatcher(
            self.clock,
            self.deliverer.next_due,
            self.deliverer.run_due,
            prepare=self.deliverer.prepare,
            lead_for=self.deliverer.lead_for,
        )

    def start(self) -> None:
        self.dispatcher.start()
        self.fanout.start()

    async def stop(self) -> None:
        await self.dispatcher.stop()
        await self.deliverer.stop()
        await self.fanout.stop()

    def requests_per_second(self, since: float, until: float) -> list[int]:
        """Requests the stand-in let in, per whole second of [since, until) (monotonic)."""
        counts = [0] * max(0, int(until - since))
        for at, _ in self.discord.arrivals:
            slot = int(at - since)
            if 0 <= slot < len(counts):
                counts[slot] += 1
        return counts


async def fan_outs(folder: Path, window: float, complete: bool) -> None:
    db = Database(folder / "fanout.db")
    await db.open()
    start = int(time.time()) + 5
    due_times = [start + (i * 53) % 60 for i in range(FANOUT_SERVERS)]  # within one minute
    due_times[0] = start  # the first fan-out starts the clock
    await store_reminders(db, [reminder_row(1 + i, due) for i, due in enumerate(due_times)])
    probes = [reminder_row(100 + s, start + s) for s in range(1, int(window))]
    await store_reminders(db, probes)
    iso = datetime.now(UTC).isoformat()
    await db.executemany(
        "INSERT INTO reminder_subscriptions (guild_id, user_id, campaign, created_at)"
        " VALUES (?, ?, 'hketo', ?)",
        [
            (1 + g, 10**6 + g * SUBSCRIBERS + u, iso)
            for g in range(FANOUT_SERVERS)
            for u in range(SUBSCRIBERS)
        ],
    )
    bot = Bot(db)
    bot.start()
    print(
        f"(a)(b) {FANOUT_SERVERS} servers x {SUBSCRIBERS:,} subscribers, their reminders due"
        f" within a minute; a post of another server due every second for {window:.0f} s ...",
        flush=True,
    )
    begin_mono = time.monotonic() + (start - time.time())
    await asyncio.sleep(start + window - time.time())
    end_mono = time.monotonic()
    dms_in_window = sum(bot.transport.dms.values())
    # Fairness: in the last 10 s of the window, DMs per server among those all due by then.
    all_due = max(due_times)
    tail = start + window - 10
    by_server = Counter(g for at, g in bot.transport.dm_times if at >= max(tail, all_due + 1))
    if complete:
        while await outbox.pending(db):  # noqa: ASYNC110 (measuring, not waiting on work)
            await asyncio.sleep(1)
        end_mono = bot.discord.arrivals[-1][0]  # whole seconds up to the last request
    await bot.stop()

    probe_ids = {r[0] for r in probes}
    rows = await db.fetchall("SELECT id, guild_id FROM reminders")
    guild_of = {r[0]: r[1] for r in rows}
    lateness = {
        guild_of[rid] - 100: (received - due) * 1000
        for rid, due, received in bot.transport.posts
        if guild_of[rid] in probe_ids
    }
    late = list(lateness.values())
    fanout_posts = [
        (received - due) * 1000
        for rid, due, received in bot.transport.posts
        if guild_of[rid] <= FANOUT_SERVERS
    ]
    per_second = bot.requests_per_second(begin_mono, end_mono)
    after_first = per_second[1:]
    refused_later = sum(1 for at in bot.discord.refused if at >= begin_mono + 1)
    kinds = Counter(kind for _, kind in bot.discord.arrivals)

    print(f"post due 1 s after the fan-outs began: {lateness.get(1, float('nan')):.1f} ms late")
    print(
        f"posts due during the fan-outs ({len(late)}): lateness p50 {percentile(late, 0.5):.1f} ms,"
        f" p99 {percentile(late, 0.99):.1f} ms, max {max(late):.1f} ms   (target p99 <= 50 ms)"
    )
    print(f"the fan-outs' own posts ({len(fanout_posts)}): lateness max {max(fanout_posts):.1f} ms")
    print(
        f"requests per second after the first: mean {statistics.mean(after_first):.1f},"
        f" median {statistics.median(after_first):.0f}, min {min(after_first)}"
        f" over {len(after_first)} s   (target >= 45 sustained)"
    )
    print(
        f"429s: {len(bot.discord.refused)} in all, {refused_later} after the first second"
        "   (target 0 after the first second)"
    )
    print(f"requests by kind: {dict(kinds)}")
    print(f"DMs sent in {window:.0f} s: {dms_in_window:,} ({dms_in_window / window:.1f}/s)")
    if start + window - 10 > all_due + 1:
        counts = [by_server[1 + i] for i in range(FANOUT_SERVERS)]
        print(
            f"DMs per server in the last 10 s, all {FANOUT_SERVERS} fan-outs under way:"
            f" min {min(counts)}, max {max(counts)}   (round-robin by server: fair)"
        )
    if complete:
        expected = FANOUT_SERVERS * SUBSCRIBERS
        doubled = sum(n - 1 for n in bot.transport.dms.values())
        print(
            f"all DMs: {len(bot.transport.dms):,} of {expected:,} in {end_mono - begin_mono:.0f} s,"
            f" lost {expected - len(bot.transport.dms)}, doubled {doubled}"
        )
    else:
        left = await outbox.pending(db)
        print(f"DMs still queued when the window closed: {left:,} (use --complete to drain)")
    await db.close()


async def burst(folder: Path) -> None:
    db = Database(folder / "burst.db")
    await db.open()
    due = int(time.time()) + 4
    await store_reminders(db, [reminder_row(1 + g, due) for g in range(1000)])
    bot = Bot(db)
    bot.start()
    print("(c) 1,000 reminders due in the same second across 1,000 servers ...", flush=True)
    begin_mono = time.monotonic() + (due - time.time())
    deadline = time.time() + 60
    while len(bot.transport.posts) < 1000 and time.time() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.25)
    await asyncio.sleep(1)
    await bot.stop()
    sent = Counter(rid for rid, _, _ in bot.transport.posts)
    last = max(received for _, _, received in bot.transport.posts) - due
    late = [(received - d) * 1000 for _, d, received in bot.transport.posts]
    refused_later = sum(1 for at in bot.discord.refused if at >= begin_mono + 1)
    print(
        f"all posted within {last:.1f} s of their due second   (the limit allows 1,000 in ~20 s);"
        f" lateness p50 {percentile(late, 0.5) / 1000:.1f} s"
    )
    print(
        f"posted: {len(sent)} of 1000, lost {1000 - len(sent)},"
        f" doubled {sum(n - 1 for n in sent.values())};"
        f" 429s {len(bot.discord.refused)} ({refused_later} after the first second)"
    )
    await db.close()


async def main(window: float, complete: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as folder:
        await fan_outs(Path(folder), window, complete)
        await burst(Path(folder))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 20 s fan-out window, not 90 s")
    parser.add_argument("--complete", action="store_true", help="let every DM go out")
    args = parser.parse_args()
    asyncio.run(main(20.0 if args.quick else 90.0, args.complete))
