"""Less kept, for less long: the daily sweep of data older than ``RETENTION_DAYS``.

Each sweep (a) lets every kind of member data fold or delete its rows older than the cutoff
(calls become per-server daily counts), and (b) forgets, in that server, every member who
has not used the bot there since the cutoff, with the same forgetters as ``/me forget``.
The bot has no members intent, so it never hears that a member left a server: not using
the bot there for that long is what counts as gone.

:class:`RetentionJob` runs a sweep when the bot starts and again when the oldest row kept
falls due (at least monthly), on the bot's clock (a test moves it), only while the bot runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.core.clock import Clock
from bot.core.database import Database
from bot.privacy.members import oldest_seen, quiet_members
from bot.privacy.registry import forget_member, member_data_kinds

log = logging.getLogger(__name__)

# The job sleeps until the oldest row kept would be past the period (rows stored later are
# newer, so nothing can fall due sooner), but at most 30 days, in case the clock jumps.
MIN_SLEEP = 3600.0
MAX_SLEEP = 30 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class Swept:
    cutoff: str  # the first day kept
    next_due: datetime  # when something kept now would be past the period
    expired: dict[str, int] = field(default_factory=dict)  # rows folded or deleted, per kind
    forgotten: int = 0  # members forgotten in a server


def cutoff_day(now: datetime, days: int) -> str:
    return (now.date() - timedelta(days=days)).isoformat()


def _due(day: str, days: int) -> datetime:
    """When a row of ``day`` is past ``days`` days everywhere (a local day may run ahead)."""
    moment = datetime.fromisoformat(day).replace(tzinfo=UTC)
    return moment + timedelta(days=days + 1)


async def sweep(db: Database, now: datetime, days: int) -> Swept:
    """Fold and forget what is older than ``days`` days before ``now``."""
    cutoff = cutoff_day(now, days)
    expired: dict[str, int] = {}
    oldest: list[str] = []
    for kind in member_data_kinds():
        if kind.expire is not None:
            expired[kind.key], kept = await kind.expire(db, cutoff)
            oldest += [kept] if kept else []
    forgotten = 0
    for guild_id, user_id in await quiet_members(db, cutoff):
        await forget_member(db, guild_id, user_id)
        forgotten += 1
    if seen_first := await oldest_seen(db):
        oldest.append(seen_first)
    next_due = min((_due(day, days) for day in oldest), default=now + timedelta(days=days))
    return Swept(cutoff, next_due, expired, forgotten)


class RetentionJob:
    """One task: a sweep at start, then one whenever something kept falls due."""

    def __init__(self, db: Database, clock: Clock, days: int) -> None:
        self.db = db
        self.clock = clock
        self.days = days
        self.last: Swept | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if not self.running:
            self._task = asyncio.create_task(self._run(), name="retention")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            pause = MAX_SLEEP
            try:
                self.last = await sweep(self.db, self.clock.now(), self.days)
                pause = (self.last.next_due - self.clock.now()).total_seconds()
                if self.last.forgotten or any(self.last.expired.values()):
                    log.info("retention sweep: %s", self.last)
            except Exception:
                log.exception("the retention sweep failed; it runs again later")
            await self.clock.sleep(min(max(pause, MIN_SLEEP), MAX_SLEEP))
