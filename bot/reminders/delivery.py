"""The delivery engine: post due reminders exactly once through a transport, record the rest.

For each due occurrence :class:`Deliverer`:

1. decides: within the reminder's grace window (late or not) it is sent; older ones are
   recorded 'missed' and the reminder jumps past them (never a burst of old posts);
2. records the occurrence as 'sending' with a nonce derived from (reminder, occurrence),
   in a transaction that also checks the reminder still waits on it;
3. posts through a :class:`Transport` with that nonce (Discord drops a repeat of a nonce
   it saw in the last minutes), then DMs the subscribers;
4. settles the row as 'sent' or 'failed' and moves the reminder to its next occurrence,
   in one transaction; the transport then moves the reminder's scheduled event on.

A crash between 2 and 4 leaves a 'sending' row; the next run retries it with the same
nonce, marked as a retry so the transport first looks for a post of ours that no delivery
recorded (after downtime longer than Discord's nonce window, the nonce alone would not stop
a repeat). Failures (deleted channel, lost permission, HTTP error) are recorded, reported to
the server's log channel, and never stop the dispatcher.

The engine knows nothing of Discord: the bot's transport is ``cogs.reminders.transport``;
the tests and the benchmark pass recorders.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.core.clock import Clock
from bot.core.database import Database
from bot.reminders import delivery_records as records
from bot.reminders import storage as store
from bot.reminders.planning import LATE_AFTER, rule_of
from bot.reminders.recurrence import Repeat, next_after
from bot.reminders.states import DeliveryState, Failure, Status
from bot.reminders.storage import Reminder
from bot.reminders.texts import failure_text
from bot.reminders.timeparse import discord_time

log = logging.getLogger(__name__)

BATCH = 100
MISSED_RECORDED = 50  # at most this many missed rows per reminder per catch-up
POST_CONCURRENCY = 8
STALE_PREPARED = 5.0  # seconds after which claims made ahead are checked again


class DeliveryFailed(Exception):
    """A post could not be made: why, and the detail Discord gave (a code or a status)."""

    def __init__(self, reason: Failure, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def code(self) -> str:
        """What is stored: ``reason`` or ``reason:detail`` (see :func:`texts.failure_text`)."""
        return f"{self.reason}:{self.detail}" if self.detail else str(self.reason)


@dataclass(frozen=True, slots=True)
class Occurrence:
    reminder: Reminder
    due: datetime
    late: bool
    nonce: str
    retry: bool = False  # an earlier attempt may have posted before the process died


Claimed = tuple[Occurrence, records.Delivery]


class Transport(Protocol):
    """Where posts go: Discord in the bot (``cogs.reminders.transport``), a recorder in tests."""

    async def post(self, occ: Occurrence) -> int:
        """Post in the reminder's channel; the message id. Raises :class:`DeliveryFailed`."""
        ...

    async def direct_messages(self, occ: Occurrence) -> tuple[int, int]:
        """DM the campaign's subscribers not yet reached for it; (sent, failed)."""
        ...

    async def report(self, reminder: Reminder, key: str, **values: str | int) -> None:
        """Tell the server's organizers (log channel) about a failed or missed delivery."""
        ...

    async def moved_on(self, reminder: Reminder, next_due: int | None) -> None:
        """The reminder now waits on ``next_due``: keep its scheduled event in step."""
        ...


def make_nonce(reminder_id: int, occurrence: int, user_id: int = 0) -> str:
    """A stable nonce for one post (or one DM): 25 characters, Discord's maximum."""
    digest = hashlib.sha256(f"{reminder_id}:{occurrence}:{user_id}".encode()).hexdigest()
    return "r" + digest[:24]


@dataclass(slots=True)
class Outcome:
    """What happened to one claimed occurrence, to settle in the batch's transaction."""

    occ: Occurrence
    state: DeliveryState
    next_due: int | None
    message_id: int | None = None
    error: str | None = None
    dms_sent: int = 0
    dms_failed: int = 0

    def finish(self) -> records.Finish:
        return records.Finish(
            self.occ.reminder,
            int(self.occ.due.timestamp()),
            self.state,
            self.next_due,
            self.message_id,
            self.error,
            self.dms_sent,
            self.dms_failed,
        )


class Deliverer:
    """Runs what is due: the dispatcher's ``next_due``, ``prepare`` and ``run_due``.

    A batch of due reminders is claimed in one transaction, posted concurrently (bounded),
    then settled in one transaction; a crash in between leaves 'sending' rows that the
    next run posts again with the same nonces.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        transport: Transport,
        *,
        concurrency: int = POST_CONCURRENCY,
    ) -> None:
        self.db = db
        self.clock = clock
        self.transport = transport
        self._limit = asyncio.Semaphore(concurrency)
        self._prepared: list[Claimed] = []
        self._prepared_for: float = 0.0

    async def next_due(self) -> int | None:
        return await store.next_due_time(self.db)

    async def prepare(self, due: int) -> None:
        """Claim what is due at ``due`` ahead of time, so posting needs no database work."""
        batch = await store.due_reminders(self.db, int(due), BATCH)
        occs = [o for o in (self._occurrence(r, self.clock.now()) for r in batch) if o]
        self._prepared += await self._claim(occs)
        self._prepared_for = self.clock.timestamp()  # when claimed: staleness is from now

    async def run_due(self, now: datetime) -> None:
        """Deliver everything due at ``now`` (prepared first), in batches, until nothing is."""
        prepared, self._prepared = self._prepared, []
        if prepared and now.timestamp() - self._prepared_for < STALE_PREPARED:
            await self._send(prepared)
        # Claims prepared long ago (the dispatcher was stopped meanwhile) are dropped: their
        # rows stay 'sending', and the reminders still due are claimed again below, checked.
        while True:
            batch = await store.due_reminders(self.db, int(now.timestamp()), BATCH)
            if not batch:
                return
            occs = []
            for reminder in batch:
                occ = self._occurrence(reminder, now)
                if occ is None:
                    await self._record_missed(reminder, now)
                else:
                    occs.append(occ)
            await self._send(await self._claim(occs))
            now = self.clock.now()

    async def deliver(self, reminder: Reminder) -> None:
        """Deliver one due reminder now (what :meth:`run_due` does for each)."""
        now = self.clock.now()
        occ = self._occurrence(reminder, now)
        if occ is None:
            await self._record_missed(reminder, now)
            return
        await self._send(await self._claim([occ]))

    def _occurrence(self, reminder: Reminder, now: datetime) -> Occurrence | None:
        """The occurrence to send, or None when it is past the grace window (missed)."""
        assert reminder.next_due is not None
        due = datetime.fromtimestamp(reminder.next_due, UTC)
        lateness = (now - due).total_seconds()
        if lateness > reminder.grace_seconds:
            return None
        nonce = make_nonce(reminder.id, reminder.next_due)
        return Occurrence(reminder, due, lateness > LATE_AFTER, nonce)

    async def _claim(self, occs: list[Occurrence]) -> list[Claimed]:
        if not occs:
            return []
        rows = await records.claim_deliveries(
            self.db,
            [(o.reminder, int(o.due.timestamp()), o.nonce, o.late) for o in occs],
            self.clock.now().isoformat(),
        )
        # None: edited, paused or cancelled meanwhile; the dispatcher re-reads the store.
        return [(o, row) for o, row in zip(occs, rows, strict=True) if row is not None]

    async def _send(self, claimed: list[Claimed]) -> None:
        """Post the claimed occurrences concurrently, then settle them in one transaction."""
        outcomes = await asyncio.gather(*(self._post(occ, row) for occ, row in claimed))
        now = self.clock.now()
        await records.finish_deliveries(self.db, [o.finish() for o in outcomes], now.isoformat())
        for o in outcomes:
            reminder = o.occ.reminder
            if o.state is DeliveryState.FAILED:
                await self.transport.report(
                    reminder,
                    "reminders.log.failed",
                    id=reminder.id,
                    due=discord_time(o.occ.due, "f"),
                    reason=failure_text(o.error),
                )
            await self._event_follows(reminder, o.next_due)

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

    async def _post(self, occ: Occurrence, row: records.Delivery) -> Outcome:
        reminder = occ.reminder
        if row.state is not DeliveryState.SENDING:  # settled; only the move on was lost
            return Outcome(
                occ,
                row.state,
                self._following(reminder, occ.due, self.clock.now()),
                row.message_id,
                row.error,
                row.dms_sent,
                row.dms_failed,
            )
        if row.attempts > 1:
            occ = replace(occ, retry=True)
        async with self._limit:
            try:
                message_id = await self.transport.post(occ)
            except DeliveryFailed as failure:
                following = self._following(reminder, occ.due, self.clock.now())
                return Outcome(occ, DeliveryState.FAILED, following, error=failure.code)
            except Exception as exc:
                log.exception("reminder %s failed unexpectedly", reminder.id)
                following = self._following(reminder, occ.due, self.clock.now())
                error = f"{Failure.INTERNAL}:{type(exc).__name__}"
                return Outcome(occ, DeliveryState.FAILED, following, error=error)
        try:
            sent, failed = await self.transport.direct_messages(occ)
        except Exception:
            log.exception("direct messages of reminder %s failed", reminder.id)
            sent, failed = 0, 0
        following = self._following(reminder, occ.due, self.clock.now())
        return Outcome(occ, DeliveryState.SENT, following, message_id, None, sent, failed)

    def _following(self, reminder: Reminder, due: datetime, now: datetime) -> int | None:
        """The next occurrence after ``due``; if that is already past too, the next after now."""
        if reminder.repeat is Repeat.NONE:
            return None
        rule = rule_of(reminder)
        nxt = next_after(rule, due)
        if nxt is not None and nxt <= now:
            nxt = next_after(rule, now)
        return int(nxt.timestamp()) if nxt else None

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
        await self.transport.report(
            reminder,
            "reminders.log.missed",
            id=reminder.id,
            due=discord_time(datetime.fromtimestamp(missed[0], UTC), "f"),
            count=len(missed),
        )
