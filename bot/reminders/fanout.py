"""The DM fan-out: a supervised worker that drains the outbox, in turn by server, exactly once.

A settled post queues one row per subscriber (:mod:`bot.reminders.outbox`); this worker
sends them apart from the posts, which never wait for it. A few lanes take rows in turn by
server (round-robin: a server with 10,000 subscribers can't starve another's DMs), each
row marked 'sending' before its request and deleted, counted, as it is settled:

- sent (or found in the DM channel by a retry): counted sent;
- refused for good (closed DMs): counted failed;
- the member is no longer in the server: their subscriptions there end, no DM;
- a passing error: tried again later (at most ``max_attempts`` times, then failed).

A row left 'sending' by a process that died is queued again at start; since its attempts
say it was tried, the transport first looks for it in the member's DM channel, then sends
it with the same nonce: no DM is lost or doubled across crashes.

The worker is supervised: an error (the database, a bug) restarts it after a pause, and
:meth:`FanOut.stop` ends it cleanly. With nothing queued its task ends, and the next
:meth:`FanOut.wake` (a settled post queued DMs) starts one: no polling, nothing left
waiting (it sleeps on the bot's clock only for a DM put off by an error).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from datetime import UTC, datetime

from bot.core.clock import Clock
from bot.core.database import Database
from bot.core.storage_backoff import StorageBackoff
from bot.core.storage_health import StorageError
from bot.privacy.members import day_of, member_ids, seen
from bot.reminders import delivery_records as records
from bot.reminders import outbox, subscriptions
from bot.reminders.jobs import DmJob, Transport, make_nonce
from bot.reminders.outbox import DmRow
from bot.reminders.states import DmOutcome
from bot.reminders.storage import Reminder
from bot.reminders.wakeable import WakeableSleep

log = logging.getLogger(__name__)

LANES = 4  # DMs in flight at once (the pacer spaces their requests)
MAX_ATTEMPTS = 5
RETRY_PAUSE = 30.0  # seconds before a DM that met a passing error is tried again
RESTART_PAUSE = 5.0
CONTEXTS_KEPT = 256


class FanOut:
    """The outbox's worker; see the module docstring."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        transport: Transport,
        *,
        lanes: int = LANES,
        max_attempts: int = MAX_ATTEMPTS,
        retry_pause: float = RETRY_PAUSE,
        restart_pause: float = RESTART_PAUSE,
    ) -> None:
        self.db = db
        self.clock = clock
        self.transport = transport
        self._lanes = lanes
        self._max_attempts = max_attempts
        self._retry_pause = retry_pause
        self._pause = restart_pause
        self.backoff = StorageBackoff("the DM fan-out")
        self._task: asyncio.Task[None] | None = None
        self._pause_until_ready = WakeableSleep(clock)
        self._started = False
        self._stopping = False
        self._more = False  # woken while the lanes ran: look at the outbox again
        self._turn = outbox.Turn()  # the server whose DM went last: the next is the one after
        self._contexts: OrderedDict[tuple[int, int], tuple[Reminder, bool] | None] = OrderedDict()
        self.restarts = 0
        self.outcomes: dict[DmOutcome, int] = dict.fromkeys(DmOutcome, 0)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start sending (idempotent): what the outbox holds goes out."""
        self._started = True
        self._stopping = False
        self.wake()

    def wake(self) -> None:
        """DMs were queued: send them (the worker starts, or goes on once its lanes finish)."""
        if not self._started:
            return
        self._more = True
        if not self.running:
            self._task = asyncio.get_running_loop().create_task(
                self._supervise(), name="reminder-fanout"
            )
        else:
            self._pause_until_ready.wake()  # it waited for a DM put off by an error: look now

    async def stop(self, grace: float = 0.0) -> None:
        """Stop: lanes finish the DM in hand for up to ``grace`` seconds, then are cancelled
        (a DM cut off stays 'sending' and is checked, then sent, at the next start)."""
        self._started = False
        self._stopping = True
        task, self._task = self._task, None
        if task is None or task.done():
            return
        if grace > 0:
            await asyncio.wait({task}, timeout=grace)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _supervise(self) -> None:
        """Run the lanes until the outbox has nothing ready; restart them after an error.

        The task ends when nothing is queued (the next :meth:`wake` starts one); with DMs
        put off by an error, it sleeps until the first may be tried.
        """
        while not self._stopping:
            try:
                await outbox.requeue_in_flight(self.db)  # nothing of ours is in flight now
                while not self._stopping:
                    self._more = False
                    async with asyncio.TaskGroup() as lanes:
                        for number in range(self._lanes):
                            lanes.create_task(self._lane(), name=f"reminder-fanout-{number}")
                    if self._more:
                        continue
                    ready_at = await outbox.next_ready_at(self.db)
                    if ready_at is None:
                        if self._more:
                            continue
                        return
                    await self._pause_until_ready.sleep(ready_at - self.clock.timestamp())
                return
            except StorageError as trouble:  # told once a kind; waits longer each time
                self.restarts += 1
                await self.clock.sleep(self.backoff.failed(trouble))
            except Exception:  # the outbox could not be read: start again after a pause
                log.exception("the DM fan-out failed; restarting in %.0f s", self._pause)
                self.restarts += 1
                await self.clock.sleep(self._pause)

    async def _lane(self) -> None:
        """Send DMs until none is ready. An error pauses this lane only: cancelling the
        others mid-transaction would leave the shared connection inside it."""
        while not self._stopping:
            row: DmRow | None = None
            try:
                row = await outbox.take_next(self.db, self._turn, int(self.clock.timestamp()))
                self.backoff.succeeded()
                if row is None:
                    return
                await self._send(row)
            except StorageError as trouble:  # told once a kind; waits longer each time
                self.restarts += 1
                await self.clock.sleep(self.backoff.failed(trouble))
                if row is not None:
                    with contextlib.suppress(Exception):
                        await outbox.retry_later(self.db, row, int(self.clock.timestamp()))
            except Exception:
                log.exception("a lane of the DM fan-out failed; going on in %.0f s", self._pause)
                self.restarts += 1
                await self.clock.sleep(self._pause)
                if row is not None:
                    with contextlib.suppress(Exception):
                        await outbox.retry_later(self.db, row, int(self.clock.timestamp()))

    async def _context(self, row: DmRow) -> tuple[Reminder, bool] | None:
        """The reminder and lateness of the row's occurrence (read once per occurrence)."""
        key = (row.reminder_id, row.occurrence)
        if key in self._contexts:
            self._contexts.move_to_end(key)
            return self._contexts[key]
        found = await records.dm_context(self.db, row.reminder_id, row.occurrence)
        self._contexts[key] = found
        if len(self._contexts) > CONTEXTS_KEPT:
            self._contexts.popitem(last=False)
        return found

    async def _send(self, row: DmRow) -> None:
        context = await self._context(row)
        if context is None:  # the reminder was deleted with its server's data
            await outbox.settle(self.db, row, None)
            return
        reminder, late = context
        user_id = (await member_ids(self.db, row.guild_id, [row.member])).get(row.member)
        if user_id is None:  # the member was forgotten in that server meanwhile
            await outbox.settle(self.db, row, None)
            return
        job = DmJob(
            reminder,
            datetime.fromtimestamp(row.occurrence, UTC),
            late,
            user_id,
            make_nonce(row.reminder_id, row.occurrence, row.member),
            retry=row.attempts > 1,
        )
        try:
            outcome = await self.transport.direct_message(job)
        except Exception:
            log.exception("a DM of reminder %s failed unexpectedly", row.reminder_id)
            outcome = DmOutcome.RETRY
        self.outcomes[outcome] += 1
        if outcome in (DmOutcome.SENT, DmOutcome.ALREADY_SENT):
            await outbox.settle(self.db, row, True)
            # A subscriber who gets the DMs still uses the bot there: kept past the period.
            await seen(self.db, row.guild_id, user_id, day_of(self.clock.now().isoformat()))
        elif outcome is DmOutcome.FAILED:
            await outbox.settle(self.db, row, False)
        elif outcome is DmOutcome.NOT_A_MEMBER:
            await subscriptions.end_member_in_server(self.db, row.guild_id, row.member)
        elif row.attempts >= self._max_attempts:
            await outbox.settle(self.db, row, False)
        else:
            not_before = int(self.clock.timestamp() + self._retry_pause * row.attempts)
            await outbox.retry_later(self.db, row, not_before)
