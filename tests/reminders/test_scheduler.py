"""The dispatcher and the delivery engine without Discord: real SQLite, a virtual clock.

The transport is a recorder standing in for Discord (as in the benchmark); the dispatcher,
the deliverer and the store are the real ones. Time is a :class:`VirtualClock` that moves only
when a test moves it, so "on time" is asserted exactly, with no real sleeps.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import pytest

from bot.core.clock import Clock
from bot.core.database import Database
from bot.core.timezones import resolve_timezone
from bot.privacy.keys import DataKey
from bot.privacy.registry import forget_member
from bot.privacy.unlock import unlock
from bot.reminders import delivery_records as records
from bot.reminders import storage as store
from bot.reminders import subscriptions
from bot.reminders.delivery import Deliverer, DeliveryFailed, Occurrence, make_nonce
from bot.reminders.dispatcher import Dispatcher, Phase
from bot.reminders.jobs import DmJob
from bot.reminders.planning import Draft, save
from bot.reminders.recurrence import Repeat
from bot.reminders.states import DeliveryState, DmOutcome, Failure, Status
from bot.reminders.timeparse import wall_clock
from tests.helpers import VirtualClock

NY = resolve_timezone("America/New_York")
START = datetime(2026, 4, 6, 15, 0, tzinfo=UTC)  # a Monday, 11 am in New York; no DST change


async def until(condition: Callable[[], object], guard: float = 5.0) -> None:
    """Let the loop (and SQLite's thread) run until ``condition()`` holds.

    ``guard`` only stops a broken test from hanging; no test asserts on real time.
    """
    deadline = time.monotonic() + guard
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.001)


async def settled(clock: VirtualClock, dispatcher: Dispatcher) -> None:
    """Until the dispatcher sleeps on the clock again, or has nothing left to do, and the
    posts it started are settled."""
    await until(lambda: clock.waiting() or dispatcher.phase in (Phase.IDLE, Phase.STOPPED))
    deliverer = DELIVERERS.get(id(dispatcher))
    if deliverer is not None:
        await deliverer.idle()
        await until(lambda: clock.waiting() or dispatcher.phase in (Phase.IDLE, Phase.STOPPED))


async def advance(clock: VirtualClock, dispatcher: Dispatcher, seconds: float) -> None:
    """Move time on by ``seconds``, letting the dispatcher work at each time it wakes."""
    target = clock.now() + timedelta(seconds=seconds)
    await settled(clock, dispatcher)
    while (wake := clock.next_wake()) is not None and wake <= target:
        clock.move_to(wake)
        await asyncio.sleep(0)  # the woken task leaves its sleep before we look
        await settled(clock, dispatcher)
    clock.move_to(target)


class Crash(BaseException):
    """The process dying mid-send (not an error the bot could catch and record)."""


class Post(NamedTuple):
    reminder_id: int
    occurrence: int
    nonce: str
    late: bool
    at: datetime  # on the virtual clock


class Recorder:
    """Records each post (with its nonce and the time it was made); can be told to fail."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.posts: list[Post] = []
        self.reports: list[tuple[int, str]] = []
        self.fail_with: DeliveryFailed | None = None
        self.crash = False

    async def post(self, occ: Occurrence) -> int:
        if self.crash:
            raise Crash("the process dies mid-send")
        if self.fail_with is not None:
            raise self.fail_with
        occurrence = int(occ.due.timestamp())
        self.posts.append(Post(occ.reminder.id, occurrence, occ.nonce, occ.late, self.clock.now()))
        return len(self.posts)

    async def find_post(self, occ: Occurrence) -> int | None:
        return None  # the posts of a crashed attempt never reached this recorder

    async def direct_message(self, job: DmJob) -> DmOutcome:
        return DmOutcome.SENT

    async def report(self, guild_id: int, key: str, values: dict) -> bool:
        self.reports.append((values.get("id"), key))
        return True

    async def moved_on(self, reminder: store.Reminder, next_due: int | None) -> None:
        pass


@pytest.fixture
async def db(tmp_path):
    database = Database(tmp_path / "bot.db")
    await database.open()
    await unlock(database, DataKey.generate())  # /me forget reaches the sealed member data
    yield database
    await database.close()


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(START)


async def add(
    db: Database,
    due: datetime,
    repeat: Repeat = Repeat.NONE,
    guild_id: int = 1,
    grace: int = 3600,
) -> int:
    draft = Draft(
        guild_id=guild_id,
        campaign="hketo",
        channel_id=10,
        role_id=None,
        note=None,
        zone=NY,
        repeat=repeat,
        anchor=wall_clock(due, NY),
        until=None,
        first_due=due,
        created_by=99,
        grace=grace,
    )
    return await save(db, draft, START)


async def run(deliverer: Deliverer, now: datetime) -> None:
    """What the dispatcher does at ``now``, and the posts it started, to the end."""
    await deliverer.run_due(now)
    await deliverer.idle()


DELIVERERS: dict[int, Deliverer] = {}  # the deliverer behind each dispatcher of a test


def running(db: Database, clock: Clock, recorder: Recorder, **options) -> Dispatcher:
    deliverer = Deliverer(db, clock, recorder)
    dispatcher = Dispatcher(clock, deliverer.next_due, deliverer.run_due, **options)
    DELIVERERS[id(dispatcher)] = deliverer
    return dispatcher


# --- the dispatcher -------------------------------------------------------------------------


async def test_fires_exactly_at_the_due_time_once_then_idles(db, clock):
    recorder = Recorder(clock)
    dispatcher = running(db, clock, recorder)
    due = START + timedelta(minutes=10)
    await add(db, due)
    dispatcher.start()
    await settled(clock, dispatcher)
    assert dispatcher.phase is Phase.SLEEPING and dispatcher.waiting_for == due.timestamp()
    await advance(clock, dispatcher, 10 * 60 - 1)
    assert recorder.posts == []
    await advance(clock, dispatcher, 1)
    assert [p.at for p in recorder.posts] == [due]
    assert dispatcher.phase is Phase.IDLE
    await advance(clock, dispatcher, 7 * 86400)
    assert len(recorder.posts) == 1
    await dispatcher.stop()


async def test_claims_made_just_ahead_still_post_exactly_on_time(db, clock):
    recorder = Recorder(clock)
    deliverer = Deliverer(db, clock, recorder)
    dispatcher = Dispatcher(
        clock, deliverer.next_due, deliverer.run_due, prepare=deliverer.prepare, lead=0.05
    )
    DELIVERERS[id(dispatcher)] = deliverer
    due = START + timedelta(seconds=30)
    reminder_id = await add(db, due, Repeat.DAILY)
    dispatcher.start()
    await advance(clock, dispatcher, 30 - 0.05)  # woken early: the claim is made now
    assert dispatcher.phase is Phase.APPROACHING and recorder.posts == []
    [row] = await records.history(db, 1)
    assert row.state is DeliveryState.SENDING
    await advance(clock, dispatcher, 0.05)
    assert [(p.reminder_id, p.at) for p in recorder.posts] == [(reminder_id, due)]
    await dispatcher.stop()


async def test_a_daily_reminder_fires_every_day_at_its_time(db, clock):
    recorder = Recorder(clock)
    dispatcher = running(db, clock, recorder)
    first = START + timedelta(hours=2)
    await add(db, first, Repeat.DAILY)
    dispatcher.start()
    await advance(clock, dispatcher, 3 * 86400)
    assert [p.at for p in recorder.posts] == [first + timedelta(days=d) for d in range(3)]
    await dispatcher.stop()


async def test_a_sooner_reminder_restarts_the_sleep_and_a_later_one_does_not(db, clock):
    recorder = Recorder(clock)
    dispatcher = running(db, clock, recorder)
    await add(db, START + timedelta(seconds=30))
    dispatcher.start()
    await settled(clock, dispatcher)
    later = START + timedelta(seconds=60)
    await add(db, later)
    dispatcher.wake(later.timestamp())
    assert dispatcher.restarts == 0
    sooner = START + timedelta(seconds=10)
    await add(db, sooner)
    dispatcher.wake(sooner.timestamp())
    assert dispatcher.restarts == 1
    await settled(clock, dispatcher)
    assert dispatcher.waiting_for == sooner.timestamp()
    await advance(clock, dispatcher, 10)
    assert [p.at for p in recorder.posts] == [sooner]
    await dispatcher.stop()


async def test_errors_do_not_stop_the_dispatcher(clock):
    calls = 0

    async def flaky_next_due() -> int | None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("database hiccup")
        return None

    async def run_due(now: datetime) -> None:
        return None

    dispatcher = Dispatcher(clock, flaky_next_due, run_due, retry_after_error=5.0)
    dispatcher.start()
    await settled(clock, dispatcher)
    assert calls == 1 and clock.next_wake() == START + timedelta(seconds=5)
    await advance(clock, dispatcher, 5)
    assert calls == 2 and dispatcher.phase is Phase.IDLE
    await dispatcher.stop()


async def test_wake_before_start_does_nothing_and_stop_is_clean(db, clock):
    dispatcher = running(db, clock, Recorder(clock))
    dispatcher.wake(0)
    assert dispatcher.phase is Phase.STOPPED
    dispatcher.start()
    await dispatcher.stop()
    assert dispatcher.phase is Phase.STOPPED


# --- exactly once -----------------------------------------------------------------------------


async def test_a_crash_mid_send_is_retried_with_the_same_nonce_and_posted_once(db, clock):
    due = START - timedelta(seconds=5)
    reminder_id = await add(db, due)
    crashing = Recorder(clock)
    crashing.crash = True
    await run(Deliverer(db, clock, crashing), clock.now())  # the posting lane dies
    rows = await records.history(db, 1)
    assert [(r.state, r.attempts) for r in rows] == [(DeliveryState.SENDING, 1)]

    after_restart = Recorder(clock)
    deliverer = Deliverer(db, clock, after_restart)
    await run(deliverer, clock.now())
    await run(deliverer, clock.now())
    assert len(after_restart.posts) == 1
    assert (
        after_restart.posts[0].nonce
        == rows[0].nonce
        == make_nonce(reminder_id, int(due.timestamp()))
    )
    [row] = await records.history(db, 1)
    assert (row.state, row.attempts) == (DeliveryState.SENT, 2)
    assert (await store.get_reminder(db, 1, reminder_id)).status is Status.DONE


async def test_a_settled_delivery_is_never_sent_again(db, clock):
    due = START - timedelta(seconds=5)
    reminder_id = await add(db, due, Repeat.DAILY)
    occurrence = int(due.timestamp())
    # settled, but not moved on (data of a version that moved on only when settling)
    await db.execute(
        "INSERT INTO reminder_deliveries (guild_id, reminder_id, occurrence, state, nonce,"
        " attempts, updated_at) VALUES (1, ?, ?, 'sent', 'n', 1, 't')",
        (reminder_id, occurrence),
    )
    recorder = Recorder(clock)
    await run(Deliverer(db, clock, recorder), clock.now())
    assert recorder.posts == []
    moved = await store.get_reminder(db, 1, reminder_id)
    assert moved.next_due == occurrence + 24 * 3600


async def test_failure_is_recorded_reported_and_the_reminder_moves_on(db, clock):
    due = START - timedelta(seconds=5)
    reminder_id = await add(db, due, Repeat.WEEKLY)
    recorder = Recorder(clock)
    recorder.fail_with = DeliveryFailed(Failure.FORBIDDEN, "50013")
    await run(Deliverer(db, clock, recorder), clock.now())
    [row] = await records.history(db, 1)
    assert (row.state, row.error) == (DeliveryState.FAILED, "forbidden:50013")
    assert recorder.reports == [(reminder_id, "reminders.log.failed")]
    moved = await store.get_reminder(db, 1, reminder_id)
    assert moved.next_due == int(due.timestamp()) + 7 * 86400


async def test_late_inside_grace_is_sent_marked_late_and_older_ones_are_missed(db, clock):
    late_id = await add(db, START - timedelta(minutes=30))
    old_id = await add(db, START - timedelta(hours=50, minutes=30), Repeat.DAILY)
    recorder = Recorder(clock)
    await run(Deliverer(db, clock, recorder), clock.now())
    assert [(p.reminder_id, p.late) for p in recorder.posts] == [(late_id, True)]
    states = sorted((r.reminder_id, r.state) for r in await records.history(db, 1))
    assert states == [(late_id, "sent"), (old_id, "missed"), (old_id, "missed"), (old_id, "missed")]
    old = await store.get_reminder(db, 1, old_id)
    # no burst: it moved to its next time still ahead, tomorrow's 8:30 in New York
    assert old.next_due == int(datetime(2026, 4, 7, 12, 30, tzinfo=UTC).timestamp())


async def test_an_edited_reminder_is_not_sent_at_its_old_time(db, clock):
    reminder_id = await add(db, START - timedelta(seconds=5))
    [stale] = await store.due_reminders(db, int(clock.timestamp()))
    later = int(clock.timestamp()) + 3600
    await store.update_reminder(db, 1, reminder_id, "now", next_due=later)
    recorder = Recorder(clock)
    await Deliverer(db, clock, recorder).deliver(stale)
    assert recorder.posts == []


async def test_claims_prepared_just_now_are_used_even_when_the_due_time_is_long_past(db, clock):
    # The dispatcher reaches a due time 10 s late; what it prepared a moment ago is fresh,
    # so it is posted once, as a first attempt (not dropped, re-claimed and treated as a retry).
    due = START
    reminder_id = await add(db, due)
    clock.move_to(due + timedelta(seconds=10))
    recorder = Recorder(clock)
    deliverer = Deliverer(db, clock, recorder)
    await deliverer.prepare(int(due.timestamp()))
    await run(deliverer, clock.now())
    assert len(recorder.posts) == 1
    row = await db.fetchone(
        "SELECT state, attempts FROM reminder_deliveries WHERE reminder_id=?", (reminder_id,)
    )
    assert tuple(row) == ("sent", 1)


# --- storage: servers, members, the index ------------------------------------------------------


async def test_another_server_cannot_read_or_change_a_reminder(db):
    reminder_id = await add(db, START + timedelta(hours=1), guild_id=1)
    assert await store.get_reminder(db, 2, reminder_id) is None
    assert not await store.update_reminder(db, 2, reminder_id, "now", status=Status.CANCELLED)
    assert (await store.get_reminder(db, 1, reminder_id)).status is Status.ACTIVE
    assert await store.list_reminders(db, 2) == []


async def test_forget_me_removes_subscriptions(db):
    assert await subscriptions.subscribe(db, 1, 7, "hketo", "now")
    assert not await subscriptions.subscribe(db, 1, 7, "hketo", "now")
    await subscriptions.subscribe(db, 1, 7, "tnr", "now")
    await subscriptions.subscribe(db, 2, 7, "hketo", "now")
    deleted = await forget_member(db, 1, 7)
    assert deleted["reminder_subscriptions"] == 2
    assert await subscriptions.member_subscriptions(db, 1, 7) == []
    assert await subscriptions.member_subscriptions(db, 2, 7) == ["hketo"]


@pytest.mark.parametrize(
    ("sql", "params"),
    [(store.NEXT_DUE_SQL, ()), (store.DUE_SQL, (1_800_000_000, 100))],
    ids=["next_due_time", "due_reminders"],
)
async def test_the_dispatchers_queries_use_the_partial_index(db, sql, params):
    plan = await db.fetchall("EXPLAIN QUERY PLAN " + sql, params)
    details = " ".join(str(tuple(r)) for r in plan)
    assert "USING INDEX reminders_due" in details, details
    assert "TEMP B-TREE" not in details, details  # in index order: no sort
