"""The delivery engine: post due reminders exactly once through a transport, record the rest.

For each due occurrence :class:`Deliverer`:

1. decides: within the reminder's grace window (late or not) it is sent; older ones are
   recorded 'missed' and the reminder jumps past them (never a burst of old posts);
2. claims it: records the occurrence as 'sending' with a nonce derived from (reminder,
   occurrence) and moves the reminder on to its next occurrence, in one transaction that
   also checks the reminder still waits on it (all that is due at one time is claimed
   just ahead of it, see :meth:`Deliverer.lead_for`);
3. posts it on a task of its own, through a :class:`~bot.reminders.jobs.Transport` with
   that nonce (Discord drops a repeat of a nonce it saw in the last minutes): the
   dispatcher does not wait, and a burst of posts goes out as fast as the limits allow;
4. settles the row as 'sent' (queuing one DM per subscriber in the outbox, in the same
   transaction: :mod:`bot.reminders.fanout` sends them), 'failed' or 'missed'; the
   transport then moves the reminder's scheduled event on.

A crash between 2 and 4 leaves a 'sending' row; the next run retries it with the same
nonce, as a retry: the transport first looks for a post of ours that no delivery recorded
(after downtime longer than Discord's nonce window, the nonce alone would not stop a
repeat); past the grace window, a retry that finds none is recorded 'missed'. A deleted
channel pauses a repeating reminder (told once); the bot no longer in the server pauses all
of the server's (:mod:`bot.reminders.departures`). Failures are recorded, told to the
organizers (:mod:`bot.reminders.notices`), and never stop the dispatcher.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.core.clock import Clock
from bot.core.database import Database
from bot.core.storage_health import StorageError
from bot.reminders import delivery_records as records
from bot.reminders import departures, notices
from bot.reminders import storage as store
from bot.reminders.jobs import DeliveryFailed, Occurrence, Transport, make_nonce
from bot.reminders.planning import LATE_AFTER, rule_of
from bot.reminders.recurrence import Repeat, next_after
from bot.reminders.states import DeliveryState, Failure, Status
from bot.reminders.storage import Reminder

__all__ = ["Deliverer", "DeliveryFailed", "Occurrence", "make_nonce"]

log = logging.getLogger(__name__)

BATCH = 200  # reminders read and claimed per transaction
MISSED_RECORDED = 50  # at most this many missed rows per reminder per catch-up
POST_CONCURRENCY = 8  # posts in flight at once (the pacer spaces their requests)
STALE_PREPARED = 15.0  # seconds (over MAX_LEAD) after which claims made ahead go as retries
BASE_LEAD = 0.05  # seconds before a due time that its claims start
MAX_LEAD = 5.0
LEAD_COUNT_CAP = 10_000
CLAIM_COST = 0.0005  # a first guess of the seconds one claim takes; measured after

Claimed = tuple[Occurrence, records.Delivery]


@dataclass(slots=True)
class Outcome:
    """How one claimed occurrence went, to settle."""

    occ: Occurrence
    state: DeliveryState
    message_id: int | None = None
    error: str | None = None
    reason: Failure | None = None


class Deliverer:
    """Runs what is due: the dispatcher's ``next_due``, ``lead_for``, ``prepare`` and
    ``run_due``. ``on_queued`` is called when a settled post queued DMs (wake the fan-out).
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        transport: Transport,
        *,
        concurrency: int = POST_CONCURRENCY,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.transport = transport
        self._concurrency = concurrency
        self._on_queued = on_queued
        self._prepared: list[Claimed] = []
        self._prepared_at = 0.0
        self._queue: deque[Claimed] = deque()  # posts to make, soonest due first
        self._keys: set[tuple[int, int]] = set()  # (reminder, occurrence) queued or posting
        self._lanes: set[asyncio.Task[None]] = set()
        self._claim_cost = CLAIM_COST

    # --- the dispatcher's callbacks -----------------------------------------------------

    async def next_due(self) -> int | None:
        return await store.next_due_time(self.db)

    async def lead_for(self, due: int) -> float:
        """How early to claim what is due at ``due``: more reminders, more time."""
        count = await store.count_due_at(self.db, due, LEAD_COUNT_CAP)
        return min(MAX_LEAD, BASE_LEAD + 2 * count * self._claim_cost)

    async def prepare(self, due: int) -> None:
        """Claim what is due at ``due`` ahead of time, so posting needs no database work."""
        self._prepared += await self._claim_due(due, self.clock.now())
        self._prepared_at = self.clock.timestamp()  # when claimed: staleness is from now

    async def run_due(self, now: datetime) -> None:
        """Start the posts of everything due at ``now`` (prepared first) and return."""
        prepared, self._prepared = self._prepared, []
        fresh = now.timestamp() - self._prepared_at < STALE_PREPARED
        for occ, row in prepared:
            # Claims prepared long ago (the dispatcher was stopped meanwhile) are retries.
            self._launch(occ if fresh else replace(occ, retry=True), row)
        await self._recover(now)
        for occ, row in await self._claim_due(int(now.timestamp()), now):
            self._launch(occ, row)

    # --- for the cog, the tests and the benchmark ---------------------------------------

    async def deliver(self, reminder: Reminder) -> None:
        """Deliver one due reminder now, and wait for it (what :meth:`run_due` starts)."""
        now = self.clock.now()
        occ = self._occurrence(reminder, now)
        if occ is None:
            await self._record_missed(reminder, now)
            return
        for claimed in await self._claim([occ], now):
            self._launch(*claimed)
        await self.idle()

    async def idle(self) -> None:
        """Wait until every post started has been settled (errors stay on their tasks)."""
        while self._lanes:
            await asyncio.wait(set(self._lanes))

    async def stop(self, grace: float = 0.0) -> None:
        """Stop posting: the lanes finish the post in hand for up to ``grace`` seconds, then
        are cancelled (a post cut off stays 'sending': the next start retries it)."""
        self._queue.clear()  # claimed and not started: 'sending', retried at the next start
        self._prepared = []
        lanes = set(self._lanes)
        if lanes and grace > 0:
            await asyncio.wait(lanes, timeout=grace)
        for lane in lanes:
            lane.cancel()
        await asyncio.gather(*lanes, return_exceptions=True)
        self._lanes.clear()
        self._keys.clear()

    # --- claiming -----------------------------------------------------------------------

    async def _claim_due(self, until: int, now: datetime) -> list[Claimed]:
        """Claim every active reminder due at or before ``until``, in batches."""
        claimed: list[Claimed] = []
        while True:
            batch = await store.due_reminders(self.db, until, BATCH)
            occs = []
            for reminder in batch:
                occ = self._occurrence(reminder, now)
                if occ is None:
                    await self._record_missed(reminder, now)
                else:
                    occs.append(occ)
            claimed += await self._claim(occs, now)
            if len(batch) < BATCH:
                return claimed

    async def _claim(self, occs: list[Occurrence], now: datetime) -> list[Claimed]:
        if not occs:
            return []
        started = time.perf_counter()
        rows = await records.claim_deliveries(
            self.db,
            [
                records.Claim(o.reminder, int(o.due.timestamp()), o.nonce, o.late, o.following)
                for o in occs
            ],
            now.isoformat(),
        )
        cost = (time.perf_counter() - started) / len(occs)
        self._claim_cost = 0.7 * self._claim_cost + 0.3 * cost
        # None: edited, paused or cancelled meanwhile; the dispatcher re-reads the store.
        return [(o, row) for o, row in zip(occs, rows, strict=True) if row is not None]

    def _occurrence(self, reminder: Reminder, now: datetime) -> Occurrence | None:
        """The occurrence to send, or None when it is past the grace window (missed)."""
        assert reminder.next_due is not None
        due = datetime.fromtimestamp(reminder.next_due, UTC)
        lateness = (now - due).total_seconds()
        if lateness > reminder.grace_seconds:
            return None
        nonce = make_nonce(reminder.id, reminder.next_due)
        following = self._following(reminder, due, now)
        return Occurrence(reminder, due, lateness > LATE_AFTER, nonce, following=following)

    def _following(self, reminder: Reminder, due: datetime, now: datetime) -> int | None:
        """The next occurrence after ``due``; if that is already past too, the next after now."""
        if reminder.repeat is Repeat.NONE:
            return None
        rule = rule_of(reminder)
        nxt = next_after(rule, due)
        if nxt is not None and nxt <= now:
            nxt = next_after(rule, now)
        return int(nxt.timestamp()) if nxt else None

    async def _recover(self, now: datetime) -> None:
        """Retry the occurrences claimed and never settled (the process died mid-post)."""
        for row in await records.unsettled(self.db):
            if (row.reminder_id, row.occurrence) in self._keys:
                continue
            reminder = await store.get_reminder_any(self.db, row.reminder_id)
            if reminder is None:
                continue
            due = datetime.fromtimestamp(row.occurrence, UTC)
            occ = Occurrence(reminder, due, row.late, row.nonce, retry=True)
            self._launch(occ, replace(row, attempts=row.attempts + 1))

    # --- posting and settling -------------------------------------------------------------

    def _launch(self, occ: Occurrence, row: records.Delivery) -> None:
        """Queue a claimed post; a few lanes make them in order (no task per post)."""
        key = (occ.reminder.id, int(occ.due.timestamp()))
        if key in self._keys:
            return
        self._keys.add(key)
        self._queue.append((occ, row))
        if len(self._lanes) < self._concurrency:
            lane = asyncio.get_running_loop().create_task(self._lane(), name="reminder-posts")
            self._lanes.add(lane)
            lane.add_done_callback(self._lanes.discard)

    async def _lane(self) -> None:
        while self._queue:
            occ, row = self._queue.popleft()
            try:
                await self._deliver(occ, row)
            except StorageError as trouble:  # organizers and the log hear of it once
                log.warning(
                    "reminder %s: its post is retried at the next start (%s)",
                    occ.reminder.id,
                    trouble,
                )
            except Exception:
                log.exception("reminder %s: its post is retried at the next start", occ.reminder.id)
            finally:
                self._keys.discard((occ.reminder.id, int(occ.due.timestamp())))

    async def _deliver(self, occ: Occurrence, row: records.Delivery) -> None:
        if row.state is not DeliveryState.SENDING:  # settled; only the move on was left
            await self._event_follows(occ.reminder, occ.following)
            return
        if row.attempts > 1 or occ.retry:
            occ = replace(occ, retry=True)
            now_iso = self.clock.now().isoformat()
            occurrence = int(occ.due.timestamp())
            if not await records.retrying(self.db, occ.reminder.id, occurrence, now_iso):
                return  # settled meanwhile
        await self._settle(await self._attempt(occ))

    async def _attempt(self, occ: Occurrence) -> Outcome:
        reminder = occ.reminder
        try:
            if occ.retry:
                found = await self.transport.find_post(occ)
                if found is not None:
                    return Outcome(occ, DeliveryState.SENT, found)
                lateness = (self.clock.now() - occ.due).total_seconds()
                if lateness > reminder.grace_seconds:
                    return Outcome(occ, DeliveryState.MISSED)
                if lateness > LATE_AFTER and not occ.late:
                    occ = replace(occ, late=True)
            return Outcome(occ, DeliveryState.SENT, await self.transport.post(occ))
        except DeliveryFailed as failure:
            return Outcome(occ, DeliveryState.FAILED, error=failure.code, reason=failure.reason)
        except Exception as exc:
            log.exception("reminder %s failed unexpectedly", reminder.id)
            error = f"{Failure.INTERNAL}:{type(exc).__name__}"
            return Outcome(occ, DeliveryState.FAILED, error=error, reason=Failure.INTERNAL)

    async def _settle(self, o: Outcome) -> None:
        reminder, now = o.occ.reminder, self.clock.now()
        occurrence = int(o.occ.due.timestamp())
        settled = await records.finish_delivery(
            self.db,
            reminder,
            occurrence,
            o.state,
            now.isoformat(),
            message_id=o.message_id,
            error=o.error,
            pause_for_missing_channel=o.reason is Failure.CHANNEL_MISSING
            and reminder.repeat is not Repeat.NONE,
        )
        if not settled.recorded:
            return
        if settled.dms_queued and self._on_queued is not None:
            self._on_queued()
        if o.reason is Failure.NOT_IN_SERVER:
            await departures.removed(self.db, reminder.guild_id, now)
        elif settled.paused:
            await self._tell(reminder.guild_id, "reminders.notice.channel_missing", id=reminder.id)
        elif o.state is DeliveryState.FAILED:
            await self._tell(
                reminder.guild_id,
                "reminders.log.failed",
                id=reminder.id,
                due=occurrence,
                reason=o.error or "",
            )
        elif o.state is DeliveryState.MISSED:
            await self._tell(
                reminder.guild_id, "reminders.log.missed", id=reminder.id, due=occurrence, count=1
            )
        await self._event_follows(reminder, o.occ.following)

    async def _tell(self, guild_id: int, key: str, **values: Any) -> None:
        await notices.tell(
            self.db, self.transport, guild_id, key, values, self.clock.now().isoformat()
        )

    async def _event_follows(self, reminder: Reminder, next_due: int | None) -> None:
        """Move the reminder's scheduled event on, unless an edit or cancel got there first."""
        if reminder.event_id is None:
            return
        current = await store.get_reminder(self.db, reminder.guild_id, reminder.id)
        if (
            current is not None
            and current.status in (Status.ACTIVE, Status.DONE)
            and current.next_due == next_due
            and current.event_id == reminder.event_id
        ):
            await self.transport.moved_on(current, next_due)

    async def _record_missed(self, reminder: Reminder, now: datetime) -> None:
        """Record occurrences older than the grace window; move to the first one not too late."""
        assert reminder.next_due is not None
        rule = rule_of(reminder)
        grace = timedelta(seconds=reminder.grace_seconds)
        missed: list[int] = []
        at: datetime | None = datetime.fromtimestamp(reminder.next_due, UTC)
        while at is not None and now - at > grace and len(missed) < MISSED_RECORDED:
            missed.append(int(at.timestamp()))
            at = next_after(rule, at) if reminder.repeat is not Repeat.NONE else None
        if at is not None and now - at > grace:
            at = next_after(rule, now - grace)
        await records.record_missed(
            self.db,
            reminder,
            missed,
            [make_nonce(reminder.id, m) for m in missed],
            next_due=int(at.timestamp()) if at else None,
            now_iso=now.isoformat(),
        )
        await self._event_follows(reminder, int(at.timestamp()) if at else None)
        await self._tell(
            reminder.guild_id,
            "reminders.log.missed",
            id=reminder.id,
            due=missed[0],
            count=len(missed),
        )
