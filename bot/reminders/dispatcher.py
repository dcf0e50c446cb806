"""The dispatcher: one task that sleeps until the next due time, runs what is due, repeats.

No polling loop and no task per reminder. The task asks the store for the earliest due
time (one index seek), sleeps with the clock until shortly before it, has what is due
claimed, and asks again. Running what is due only hands the posts to the delivery engine
(:mod:`bot.reminders.delivery`), which sends them on its own tasks: the dispatcher is
back asleep on the next due time while a burst of posts, or their DMs, still go out.

When reminders change, :meth:`Dispatcher.wake` is told the changed reminder's due time if
it knows it. Sleeping, the task is only re-aimed at a sooner time (no query); busy, it
keeps the earliest time it was told and heads there after its run, without running its
queries again. Only a change of unknown effect (``due`` None: an edit, a pause, a cancel)
makes it ask the store again. With nothing pending the task ends, and the next
:meth:`~Dispatcher.wake` starts one.

It wakes ahead of a due time by a lead that grows with how many reminders share it and how
long claiming one took (``lead_for``), so that a burst's claims are made before the time,
not after it. It reads time from the clock it is given (``bot.clock``) and sleeps through
that clock, so SimCord's simulated clock drives it in the bot's tests, and a virtual clock
in its own. Errors are logged and retried after a pause; they never stop it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.core.clock import Clock
from bot.core.storage_backoff import StorageBackoff
from bot.core.storage_health import StorageError
from bot.reminders.wakeable import WakeableSleep

log = logging.getLogger(__name__)

NextDue = Callable[[], Awaitable[int | None]]
RunDue = Callable[[datetime], Awaitable[None]]
Prepare = Callable[[int], Awaitable[None]]
LeadFor = Callable[[int], Awaitable[float]]

MAX_SLEEP = 24 * 3600.0  # wake at least daily to re-read the wall clock (adjustments)
LEAD = 0.05  # wake this early to do the database work of what is due, then post on time
RETRY_AFTER_ERROR = 5.0
EPSILON = 1e-8  # under the microsecond, over a float's grain at a simulated year's seconds
SLACK = 0.001  # a wake this close to its lead is on time (no sleep of a few microseconds)


class Phase(StrEnum):
    """What the dispatcher's task is doing (for tests and the benchmark; never shown)."""

    STOPPED = "stopped"
    WORKING = "working"  # running what is due, or asking what is next
    SLEEPING = "sleeping"  # until shortly before the next due time; a wake re-aims it
    APPROACHING = "approaching"  # the last moment before a due time, claims prepared
    IDLE = "idle"  # nothing pending: the task ended, the next wake starts one


class Dispatcher:
    """Sleeps until the next due time; see the module docstring.

    With a ``prepare`` callback, it wakes ``lead`` seconds early (or ``lead_for(due)``),
    lets ``prepare(due)`` do the bookkeeping of what is due then (reads, claims), and sleeps
    the rest of the way, so the posts themselves go out on time. During that short final
    approach it is not re-aimed; a change is picked up right after.
    """

    def __init__(
        self,
        clock: Clock,
        next_due: NextDue,
        run_due: RunDue,
        *,
        prepare: Prepare | None = None,
        lead: float = LEAD,
        lead_for: LeadFor | None = None,
        max_sleep: float = MAX_SLEEP,
        retry_after_error: float = RETRY_AFTER_ERROR,
    ) -> None:
        self._clock = clock
        self._next_due = next_due
        self._run_due = run_due
        self._prepare = prepare
        self._lead = lead if prepare is not None else 0.0
        self._lead_for = lead_for if prepare is not None else None
        self._max_sleep = max_sleep
        self._retry = retry_after_error
        self.backoff = StorageBackoff("the reminder dispatcher")
        self._task: asyncio.Task[None] | None = None
        self._sleep_cut = WakeableSleep(clock)
        self._owed = 0.0  # seconds the last approach ended early, added to the next sleep
        self._started = False
        self._phase = Phase.STOPPED
        self._target: float | None = None  # the due time (epoch seconds) it is heading for
        self._dirty = False  # a change of unknown effect: ask the store again
        self._earliest: float | None = None  # the soonest due time told while busy
        self._stopping = False  # a graceful stop: end after the delivery in progress
        self.ready_at: float | None = None  # perf_counter when it first knew what is next
        self.restarts = 0  # sleeps cut short by a sooner reminder, or by a change
        self.queries = 0  # runs of the due queries (for the tests and the benchmark)

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def waiting_for(self) -> float | None:
        """The due time it sleeps towards (epoch seconds), if it is sleeping."""
        return self._target if self._phase in (Phase.SLEEPING, Phase.APPROACHING) else None

    def start(self) -> None:
        """Start the task (idempotent); call once the bot can send."""
        self._started = True
        if self._task is None or self._task.done():
            self._spawn()

    async def stop(self, grace: float = 0.0) -> None:
        """Stop the task. With ``grace``, deliveries being sent get up to that many seconds
        to finish and be recorded; the task then ends rather than sleep again. Whatever is
        cut off stays in the store (due, or 'sending') and goes out after a restart."""
        self._started = False
        task, self._task = self._task, None
        if task is not None and not task.done():
            if grace > 0 and self._phase in (Phase.WORKING, Phase.APPROACHING):
                self._stopping = True
                await asyncio.wait({task}, timeout=grace)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._phase = Phase.STOPPED
        self._stopping = False

    def wake(self, due: float | None = None) -> None:
        """Reminders changed. ``due``: the changed reminder's due time, if it is one.

        A later due time than the one being slept on needs nothing; a sooner one re-aims the
        sleep; while busy it is kept for later. ``None`` (an edit, pause or cancel of unknown
        effect) makes the task ask the store again.
        """
        if not self._started:
            return
        if self._task is None or self._task.done():
            self._spawn()
            return
        if due is None:
            self._dirty = True
            if self._phase is Phase.SLEEPING:
                self._interrupt()
            return
        if self._target is not None and due >= self._target and self._phase is Phase.SLEEPING:
            return
        self._earliest = due if self._earliest is None else min(self._earliest, due)
        if self._phase is Phase.SLEEPING:
            self._interrupt()

    def _interrupt(self) -> None:
        if self._sleep_cut.wake():
            self.restarts += 1

    def _spawn(self) -> None:
        self._phase = Phase.WORKING
        self._dirty = True  # a new task asks the store first
        self._task = asyncio.get_running_loop().create_task(self._run(), name="reminder-dispatcher")

    async def _run(self) -> None:
        due: float | None = None
        while True:
            if self._dirty or due is None:
                self._phase = Phase.WORKING
                self._dirty = False
                try:
                    self.queries += 1
                    await self._run_due(self._clock.now())
                    if self._stopping:
                        return
                    due = await self._next_due()
                except StorageError as trouble:  # told once a kind; waits longer each time
                    pause = self.backoff.failed(trouble)
                    await self._sleep(self._clock.timestamp() + pause, Phase.SLEEPING)
                    self._dirty = True
                    continue
                except Exception:
                    log.exception("the reminder dispatcher failed; retrying in %.0f s", self._retry)
                    await self._sleep(self._clock.timestamp() + self._retry, Phase.SLEEPING)
                    self._dirty = True
                    continue
                self.backoff.succeeded()
                if self.ready_at is None:
                    self.ready_at = time.perf_counter()
                if self._dirty:
                    continue
            if self._earliest is not None:
                due = self._earliest if due is None else min(due, self._earliest)
                self._earliest = None
            if due is None:
                self._phase = Phase.IDLE
                return
            lead = await self._lead_before(int(due))
            if due - self._clock.timestamp() > lead + SLACK:
                # Slept the whole way (or a day, at most): nothing sooner came, since a wake
                # would have cut it short, so look at the same time again. Cut short:
                # re-aimed at a sooner time, or told to ask the store again.
                await self._sleep(due, Phase.SLEEPING, early=lead)
                continue
            if self._prepare is not None and not self._stopping:
                try:
                    await self._prepare(int(due))
                except Exception:
                    log.exception("preparing reminders due at %s failed", due)
            if due > self._clock.timestamp():
                await self._sleep(due, Phase.APPROACHING)
            due = None

    async def _lead_before(self, due: int) -> float:
        if self._lead_for is None:
            return self._lead
        try:
            lead = max(self._lead, await self._lead_for(due))
            return math.ceil(lead * 1000) / 1000  # whole milliseconds
        except Exception:
            log.exception("estimating the claims due at %s failed", due)
            return self._lead

    async def _sleep(self, due: float, phase: Phase, early: float = 0.0) -> bool:
        """Sleep until ``early`` seconds before ``due``; False if :meth:`wake` cut it short.

        The delay is worked out on the clock's microsecond grid (datetimes, not epoch floats,
        whose error near 1.7e9 is a quarter of a microsecond). The final approach ends a hair
        (``EPSILON``) short, so that a simulated clock stopped exactly at the due time still
        fires it; the next sleep gives that hair back, so it never adds up.
        """
        self._phase = phase
        self._target = due
        until = datetime.fromtimestamp(due, UTC) - timedelta(seconds=early)
        delay = (until - self._clock.now()).total_seconds() + self._owed
        self._owed = 0.0
        if phase is Phase.APPROACHING:
            delay -= EPSILON
            self._owed = EPSILON
        return await self._sleep_cut.sleep(min(max(delay, 0.0), self._max_sleep))
