"""The dispatcher: one task that sleeps until the next due time, runs what is due, repeats.

No polling loop and no task per reminder. The task asks the store for the earliest due
time (one index seek), sleeps with :func:`asyncio.sleep` until then, runs everything due,
and asks again. When reminders change, :meth:`Dispatcher.wake` restarts the sleeping task
(cancel + new task) if the change may be sooner than what it sleeps on; a task busy
delivering is never cancelled, it re-reads the store when it finishes. With nothing
pending the task ends, and the next :meth:`~Dispatcher.wake` starts one.

It reads time from the clock it is given (``bot.clock``) and sleeps through that clock, so
SimCord's simulated clock drives it in the bot's tests, and a virtual clock in its own.
Errors are logged and retried after a pause; they never stop it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from enum import StrEnum

from bot.core.clock import Clock

log = logging.getLogger(__name__)

NextDue = Callable[[], Awaitable[int | None]]
RunDue = Callable[[datetime], Awaitable[None]]
Prepare = Callable[[int], Awaitable[None]]

MAX_SLEEP = 24 * 3600.0  # wake at least daily to re-read the wall clock (adjustments)
LEAD = 0.05  # wake this early to do the database work of what is due, then post on time
RETRY_AFTER_ERROR = 5.0


class Phase(StrEnum):
    """What the dispatcher's task is doing (for tests and the benchmark; never shown)."""

    STOPPED = "stopped"
    WORKING = "working"  # running what is due, or asking what is next
    SLEEPING = "sleeping"  # until shortly before the next due time; a wake restarts it
    APPROACHING = "approaching"  # the last moment before a due time, claims prepared
    IDLE = "idle"  # nothing pending: the task ended, the next wake starts one


class Dispatcher:
    """Sleeps until the next due time; see the module docstring.

    With a ``prepare`` callback, it wakes ``lead`` seconds early, lets ``prepare(due)``
    do the bookkeeping of what is due then (reads, claims), and sleeps the rest of the way,
    so the posts themselves go out on time. During that short final approach it is not
    restarted; a change is picked up right after.
    """

    def __init__(
        self,
        clock: Clock,
        next_due: NextDue,
        run_due: RunDue,
        *,
        prepare: Prepare | None = None,
        lead: float = LEAD,
        max_sleep: float = MAX_SLEEP,
        retry_after_error: float = RETRY_AFTER_ERROR,
    ) -> None:
        self._clock = clock
        self._next_due = next_due
        self._run_due = run_due
        self._prepare = prepare
        self._lead = lead if prepare is not None else 0.0
        self._max_sleep = max_sleep
        self._retry = retry_after_error
        self._task: asyncio.Task[None] | None = None
        self._started = False
        self._phase = Phase.STOPPED
        self._target: float | None = None  # the due time (epoch seconds) it is heading for
        self._dirty = False
        self._stopping = False  # a graceful stop: end after the delivery in progress
        self.ready_at: float | None = None  # perf_counter when it first knew what is next
        self.restarts = 0

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

        A later due time than the one being slept on needs nothing; anything else (sooner,
        or a removal/edit of unknown effect when ``due`` is None) restarts the sleep.
        """
        if not self._started:
            return
        if self._task is None or self._task.done():
            self._spawn()
            return
        if self._phase is not Phase.SLEEPING:
            self._dirty = True  # the running task re-reads the store before sleeping again
            return
        if due is not None and self._target is not None and due >= self._target:
            return
        self._task.cancel()
        self.restarts += 1
        self._spawn()

    def _spawn(self) -> None:
        self._phase = Phase.WORKING
        self._task = asyncio.get_running_loop().create_task(self._run(), name="reminder-dispatcher")

    async def _run(self) -> None:
        while True:
            self._phase = Phase.WORKING
            self._dirty = False
            try:
                await self._run_due(self._clock.now())
                if self._stopping:
                    return
                due = await self._next_due()
            except Exception:
                log.exception("the reminder dispatcher failed; retrying in %.0f s", self._retry)
                await self._sleep(self._clock.timestamp() + self._retry, Phase.SLEEPING)
                continue
            if self.ready_at is None:
                self.ready_at = time.perf_counter()
            if self._dirty:
                continue
            if due is None:
                self._phase = Phase.IDLE
                return
            if due - self._clock.timestamp() > self._lead:
                await self._sleep(due, Phase.SLEEPING, early=self._lead)
                continue
            if self._prepare is not None and not self._stopping:
                try:
                    await self._prepare(due)
                except Exception:
                    log.exception("preparing reminders due at %s failed", due)
            if due > self._clock.timestamp():
                await self._sleep(due, Phase.APPROACHING)

    async def _sleep(self, due: float, phase: Phase, early: float = 0.0) -> None:
        self._phase = phase
        self._target = due
        delay = due - early - self._clock.timestamp()
        await self._clock.sleep(min(max(delay, 0.0), self._max_sleep))
