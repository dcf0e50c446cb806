"""The outbox, its worker and the pacer without Discord: real SQLite, a virtual clock.

The transport is a recorder; the deliverer, the fan-out, the pacer and the store are the
real ones, and time moves only when a test moves it.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.core.database import Database
from bot.reminders import delivery_records as records
from bot.reminders import departures, notices, outbox, subscriptions
from bot.reminders import storage as store
from bot.reminders.delivery import Deliverer, DeliveryFailed, Occurrence
from bot.reminders.dispatcher import Dispatcher, Phase
from bot.reminders.fanout import FanOut
from bot.reminders.jobs import DmJob
from bot.reminders.pacing import Lane, Pacer
from bot.reminders.recurrence import Repeat
from bot.reminders.states import DeliveryState, DmOutcome, Failure, PauseReason, Status
from tests.helpers import VirtualClock
from tests.reminders.test_scheduler import START, add, until

NOW = START.isoformat()


class Recorder:
    """Posts and DMs as they are made; DMs can be given outcomes per member."""

    def __init__(self) -> None:
        self.posts: list[int] = []
        self.dms: list[tuple[int, int]] = []  # (server, member)
        self.outcomes: dict[int, DmOutcome] = {}
        self.reports: list[tuple[int, str]] = []
        self.told = True
        self.fail_with: DeliveryFailed | None = None

    async def post(self, occ: Occurrence) -> int:
        if self.fail_with is not None:
            raise self.fail_with
        self.posts.append(occ.reminder.id)
        return len(self.posts)

    async def find_post(self, occ: Occurrence) -> int | None:
        return None

    async def direct_message(self, job: DmJob) -> DmOutcome:
        outcome = self.outcomes.get(job.user_id, DmOutcome.SENT)
        if outcome is DmOutcome.SENT:
            self.dms.append((job.reminder.guild_id, job.user_id))
        return outcome

    async def report(self, guild_id: int, key: str, values: dict) -> bool:
        self.reports.append((guild_id, key))
        return self.told

    async def moved_on(self, reminder: store.Reminder, next_due: int | None) -> None:
        pass


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(START)


async def subscribe(db: Database, guild_id: int, *members: int) -> None:
    for member in members:
        await subscriptions.subscribe(db, guild_id, member, "hketo", NOW)


async def post_due(db, clock, recorder, fanout: FanOut | None = None) -> Deliverer:
    """Post what is due now, and wait for those posts to settle."""
    deliverer = Deliverer(db, clock, recorder, on_queued=fanout.wake if fanout else None)
    await deliverer.run_due(clock.now())
    await deliverer.idle()
    return deliverer


async def drained(fanout: FanOut) -> None:
    await until(lambda: not fanout.running)


# --- the outbox and its worker -------------------------------------------------------------


async def test_a_settled_post_queues_one_dm_per_subscriber_sent_in_turn_by_server(db, clock):
    await subscribe(db, 1, 11, 12, 13)
    await subscribe(db, 2, 21, 22, 23)
    await add(db, START - timedelta(seconds=1), guild_id=1)
    await add(db, START - timedelta(seconds=1), guild_id=2)
    recorder = Recorder()
    await post_due(db, clock, recorder)  # no worker yet: the DMs wait in the outbox
    assert await outbox.pending(db) == 6
    fanout = FanOut(db, clock, recorder, lanes=1)
    fanout.start()
    await drained(fanout)
    assert [server for server, _ in recorder.dms] == [1, 2, 1, 2, 1, 2]  # round-robin
    assert sorted(member for _, member in recorder.dms) == [11, 12, 13, 21, 22, 23]
    assert await outbox.pending(db) == 0
    rows = await records.history(db, 1)
    assert [(r.state, r.dms_sent, r.dms_failed) for r in rows] == [(DeliveryState.SENT, 3, 0)]


async def test_each_outcome_is_settled_as_it_should_be(db, clock):
    await subscribe(db, 1, 11, 12, 13, 14)
    await subscribe(db, 2, 13)  # the member who left server 1 is still in server 2
    reminder = await add(db, START - timedelta(seconds=1), guild_id=1)
    recorder = Recorder()
    recorder.outcomes = {12: DmOutcome.FAILED, 13: DmOutcome.NOT_A_MEMBER, 14: DmOutcome.RETRY}
    fanout = FanOut(db, clock, recorder, lanes=1, max_attempts=2, retry_pause=60)
    fanout.start()
    await post_due(db, clock, recorder, fanout)
    await until(lambda: clock.waiting())  # the worker sleeps until member 14's retry
    assert recorder.dms == [(1, 11)]
    assert await subscriptions.member_subscriptions(db, 1, 13) == []
    assert await subscriptions.member_subscriptions(db, 2, 13) == ["hketo"]
    assert await outbox.pending(db) == 1
    clock.move_to(START + timedelta(seconds=61))
    await drained(fanout)
    assert fanout.outcomes[DmOutcome.RETRY] == 2
    [row] = await records.history(db, 1, reminder)
    assert (row.dms_sent, row.dms_failed) == (1, 2)  # 12 refused, 14 gave up after 2 tries


async def test_rows_left_sending_by_a_dead_process_are_sent_again_as_retries(db, clock):
    await subscribe(db, 1, 11, 12)
    await add(db, START - timedelta(seconds=1), guild_id=1)
    await post_due(db, clock, Recorder())
    # The worker took one, then the process died.
    took = await outbox.take_next(db, outbox.Turn(), int(clock.timestamp()))
    assert took is not None and took.attempts == 1

    retried: list[bool] = []
    recorder = Recorder()
    real = recorder.direct_message

    async def noting(job: DmJob) -> DmOutcome:
        retried.append(job.retry)
        return await real(job)

    recorder.direct_message = noting  # type: ignore[method-assign]
    fanout = FanOut(db, clock, recorder, lanes=1)
    fanout.start()
    await drained(fanout)
    assert sorted(retried) == [False, True]  # only the interrupted one looks first
    assert len(recorder.dms) == 2


async def test_stopping_a_subscription_drops_its_queued_dms_only(db, clock):
    await subscribe(db, 1, 11, 12)
    await subscriptions.subscribe(db, 1, 11, "tnr", NOW)
    await add(db, START - timedelta(seconds=1), guild_id=1)
    await post_due(db, clock, Recorder())
    assert await subscriptions.unsubscribe(db, 1, 11, "hketo")
    assert await outbox.pending(db) == 1
    assert await subscriptions.member_subscriptions(db, 1, 11) == ["tnr"]


async def one_dm_queued(db, clock) -> None:
    """One subscriber's DM of one settled post, waiting in the outbox."""
    await subscribe(db, 1, 11)
    await add(db, START - timedelta(seconds=1), guild_id=1)
    await post_due(db, clock, Recorder())


class FailingFirst:
    """``outbox.take_next`` that raises ``error`` on its first ``times`` calls."""

    def __init__(self, error: Exception, times: int = 1) -> None:
        self.error = error
        self.times = times
        self.calls = 0
        self._real = outbox.take_next

    async def __call__(self, *args):
        self.calls += 1
        if self.calls <= self.times:
            raise self.error
        return await self._real(*args)


async def test_the_worker_restarts_after_an_error_and_stops_cleanly(db, clock):
    await one_dm_queued(db, clock)
    recorder = Recorder()
    fanout = FanOut(db, clock, recorder, restart_pause=5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "take_next", FailingFirst(RuntimeError("database hiccup")))
        fanout.start()
        await until(lambda: clock.waiting())
        assert fanout.restarts == 1 and recorder.dms == []
        clock.move_to(START + timedelta(seconds=5))
        await drained(fanout)
    assert recorder.dms == [(1, 11)]
    fanout.wake()
    await fanout.stop()
    assert not fanout.running


# --- posts: a deleted channel, a server left ----------------------------------------------


async def test_a_missing_channel_pauses_a_repeating_reminder_and_is_told_once(db, clock):
    reminder = await add(db, START - timedelta(seconds=1), Repeat.DAILY, guild_id=1)
    recorder = Recorder()
    recorder.told = False  # no log channel: kept for the organizers' next /remind command
    recorder.fail_with = DeliveryFailed(Failure.CHANNEL_MISSING, "10003")
    await post_due(db, clock, recorder)
    paused = await store.get_reminder(db, 1, reminder)
    assert (paused.status, paused.pause_reason) == (Status.PAUSED, PauseReason.CHANNEL_MISSING)
    kept = await notices.take(db, 1)
    assert [n.key for n in kept] == ["reminders.notice.channel_missing"]
    clock.move_to(START + timedelta(days=3))
    await post_due(db, clock, recorder)
    assert recorder.reports == [(1, "reminders.notice.channel_missing")]


async def test_a_server_the_bot_is_no_longer_in_has_its_reminders_paused(db, clock):
    first = await add(db, START - timedelta(seconds=1), guild_id=1)
    later = await add(db, START + timedelta(days=1), Repeat.WEEKLY, guild_id=1)
    recorder = Recorder()
    recorder.fail_with = DeliveryFailed(Failure.NOT_IN_SERVER)
    await post_due(db, clock, recorder)
    assert await departures.departed(db) == [1]
    assert (await store.get_reminder(db, 1, later)).pause_reason is PauseReason.BOT_REMOVED
    assert (await store.get_reminder(db, 1, first)).status is Status.DONE
    assert [r.id for r in await departures.returned(db, 1)] == [later]


# --- the pacer ------------------------------------------------------------------------------


async def test_the_pacer_keeps_the_limit_and_a_reserve_for_posts(clock):
    pacer = Pacer(clock, limit=5, window=1.0, reserve=2)
    for _ in range(3):
        await pacer.acquire(Lane.DM)
    dm = asyncio.ensure_future(pacer.acquire(Lane.DM))
    await until(lambda: clock.waiting())
    assert not dm.done()  # DMs have had their 3 of this second
    await pacer.acquire(Lane.POST)
    await pacer.acquire(Lane.POST)  # the reserve
    post = asyncio.ensure_future(pacer.acquire(Lane.POST))
    await asyncio.sleep(0)
    assert not post.done()
    clock.move_to(START + timedelta(seconds=1))
    await until(lambda: post.done())
    assert not dm.done()  # the post went first; the DM waits for the next slot
    clock.move_to(START + timedelta(seconds=2))
    await until(lambda: dm.done())
    assert pacer.granted == {Lane.POST: 3, Lane.DM: 4}


async def test_a_hold_after_a_429_stops_every_slot(clock):
    pacer = Pacer(clock)
    pacer.hold(2.0)
    post = asyncio.ensure_future(pacer.acquire(Lane.POST))
    await until(lambda: clock.waiting())
    clock.move_to(START + timedelta(seconds=1))
    await asyncio.sleep(0)
    assert not post.done()
    clock.move_to(START + timedelta(seconds=2))
    await until(lambda: post.done())


# --- the dispatcher ---------------------------------------------------------------------------


async def test_adds_while_the_dispatcher_is_busy_do_not_rerun_its_queries(db, clock):
    recorder = Recorder()
    deliverer = Deliverer(db, clock, recorder)
    gate = asyncio.Event()
    real_run_due = deliverer.run_due

    async def slow_run_due(now: datetime) -> None:
        await gate.wait()
        await real_run_due(now)

    dispatcher = Dispatcher(clock, deliverer.next_due, slow_run_due)
    dispatcher.start()
    await asyncio.sleep(0)
    assert dispatcher.phase is Phase.WORKING
    for minutes in (30, 10, 20):
        due = START + timedelta(minutes=minutes)
        await add(db, due, guild_id=1)
        dispatcher.wake(due.timestamp())
    gate.set()
    await until(lambda: clock.waiting())
    assert dispatcher.queries == 1
    assert dispatcher.waiting_for == (START + timedelta(minutes=10)).timestamp()
    sooner = START + timedelta(minutes=5)
    await add(db, sooner, guild_id=1)
    dispatcher.wake(sooner.timestamp())  # asleep: re-aimed, no query
    await until(lambda: dispatcher.waiting_for == sooner.timestamp())
    assert dispatcher.queries == 1
    await dispatcher.stop()


async def test_a_burst_due_at_once_is_claimed_ahead_of_its_time(db, clock):
    due = START + timedelta(minutes=1)
    for guild in range(1, 301):
        await add(db, due, guild_id=guild)
    recorder = Recorder()
    deliverer = Deliverer(db, clock, recorder)
    lead = await deliverer.lead_for(int(due.timestamp()))
    assert lead > 0.05  # more reminders at one time: claimed earlier
    await deliverer.prepare(int(due.timestamp()))
    assert await store.next_due_time(db) is None  # all 300 claimed (over two batches)
    clock.move_to(due)
    await deliverer.run_due(clock.now())
    await deliverer.idle()
    assert len(recorder.posts) == 300 == len(set(recorder.posts))
