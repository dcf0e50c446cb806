"""The dispatcher and the delivery bookkeeping, without Discord: real asyncio, real SQLite.

The transport here is a recorder standing in for Discord (as in the benchmark); the
dispatcher, the deliverer and the store are the real ones.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.clock import Clock
from bot.core.database import Database
from bot.core.timezones import resolve_timezone
from bot.privacy.registry import forget_member
from bot.reminders import storage as store
from bot.reminders.delivery import Deliverer, DeliveryFailed, Occurrence, make_nonce
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.planning import Draft, save
from bot.reminders.timeparse import wall_clock

NY = resolve_timezone("America/New_York")


class Crash(BaseException):
    """The process dying mid-send (not an error the bot could catch and record)."""


class Recorder:
    """Records each post (with its nonce and the time it was made); can be told to fail."""

    def __init__(self) -> None:
        self.posts: list[tuple[int, int, str, bool, float]] = []
        self.reports: list[tuple[int, str]] = []
        self.fail_with: DeliveryFailed | None = None
        self.crash = False

    async def post(self, occ: Occurrence) -> int:
        if self.crash:
            raise Crash("the process dies mid-send")
        if self.fail_with is not None:
            raise self.fail_with
        self.posts.append(
            (occ.reminder.id, int(occ.due.timestamp()), occ.nonce, occ.late, time.time())
        )
        return len(self.posts)

    async def direct_messages(self, occ: Occurrence) -> tuple[int, int]:
        return 0, 0

    async def report(self, reminder, key: str, **values) -> None:
        self.reports.append((reminder.id, key))

    async def moved_on(self, reminder, next_due) -> None:
        pass


@pytest.fixture
async def db(tmp_path):
    database = Database(tmp_path / "bot.db")
    await database.open()
    yield database
    await database.close()


async def add(
    db: Database, due: datetime, repeat: str = "none", guild_id: int = 1, grace: int = 3600
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
    )
    reminder_id = await save(db, draft, datetime.now(UTC))
    if grace != 3600:
        await store.update_reminder(db, guild_id, reminder_id, "now", grace_seconds=grace)
    return reminder_id


async def until(condition, limit: float = 3.0) -> None:
    """Wait (a little at a time) until ``condition()`` holds; fail after ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


def soon(seconds: float) -> datetime:
    """A whole second at least ``seconds`` from now (reminders are stored to the second)."""
    return datetime.fromtimestamp(int(time.time() + seconds) + 1, UTC)


# --- the dispatcher -------------------------------------------------------------------------


async def test_fires_at_the_due_time_once_then_idles(db):
    recorder = Recorder()
    deliverer = Deliverer(db, Clock(), recorder)
    dispatcher = Dispatcher(Clock(), deliverer.next_due, deliverer.run_due)
    due = soon(0.2)
    await add(db, due)
    dispatcher.start()
    await until(lambda: dispatcher.phase == "sleeping")
    assert dispatcher.waiting_for == due.timestamp()
    await until(lambda: dispatcher.phase == "idle")
    assert len(recorder.posts) == 1
    assert 0 <= recorder.posts[0][4] - due.timestamp() < 0.5
    await dispatcher.stop()


async def test_a_sooner_reminder_restarts_the_sleep_and_a_later_one_does_not(db):
    recorder = Recorder()
    deliverer = Deliverer(db, Clock(), recorder)
    dispatcher = Dispatcher(Clock(), deliverer.next_due, deliverer.run_due)
    await add(db, soon(30))
    dispatcher.start()
    await until(lambda: dispatcher.phase == "sleeping")
    later = soon(60)
    await add(db, later)
    dispatcher.wake(later.timestamp())
    assert dispatcher.restarts == 0
    sooner = soon(0.2)
    await add(db, sooner)
    dispatcher.wake(sooner.timestamp())
    assert dispatcher.restarts == 1
    await until(lambda: recorder.posts)
    assert [p[1] for p in recorder.posts] == [int(sooner.timestamp())]
    await dispatcher.stop()


async def test_errors_do_not_stop_the_dispatcher(db):
    calls = 0

    async def flaky_next_due():
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("database hiccup")
        return None

    async def run_due(now):
        return None

    dispatcher = Dispatcher(Clock(), flaky_next_due, run_due, retry_after_error=0.05)
    dispatcher.start()
    await until(lambda: dispatcher.phase == "idle")
    assert calls == 2
    await dispatcher.stop()


async def test_wake_before_start_does_nothing_and_stop_is_clean(db):
    deliverer = Deliverer(db, Clock(), Recorder())
    dispatcher = Dispatcher(Clock(), deliverer.next_due, deliverer.run_due)
    dispatcher.wake(0)
    assert dispatcher.phase == "stopped"
    dispatcher.start()
    await dispatcher.stop()
    assert dispatcher.phase == "stopped"


# --- exactly once -----------------------------------------------------------------------------


async def test_a_crash_mid_send_is_retried_with_the_same_nonce_and_posted_once(db):
    due = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5)
    reminder_id = await add(db, due)
    crashing = Recorder()
    crashing.crash = True
    with pytest.raises(Crash):
        await Deliverer(db, Clock(), crashing).run_due(datetime.now(UTC))
    rows = await store.history(db, 1)
    assert [(r.state, r.attempts) for r in rows] == [("sending", 1)]

    after_restart = Recorder()
    deliverer = Deliverer(db, Clock(), after_restart)
    await deliverer.run_due(datetime.now(UTC))
    await deliverer.run_due(datetime.now(UTC))
    assert len(after_restart.posts) == 1
    assert (
        after_restart.posts[0][2] == rows[0].nonce == make_nonce(reminder_id, int(due.timestamp()))
    )
    [row] = await store.history(db, 1)
    assert (row.state, row.attempts) == ("sent", 2)
    assert (await store.get_reminder(db, 1, reminder_id)).status == "done"


async def test_a_settled_delivery_is_never_sent_again(db):
    due = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5)
    reminder_id = await add(db, due, repeat="daily")
    reminder = await store.get_reminder(db, 1, reminder_id)
    occurrence = int(due.timestamp())
    await store.claim_delivery(db, reminder, occurrence, "n", False, "t")
    # settled, but (as if the process died between the two writes) not moved on
    await db.execute(
        "UPDATE reminder_deliveries SET state='sent' WHERE reminder_id=?", (reminder_id,)
    )
    recorder = Recorder()
    await Deliverer(db, Clock(), recorder).run_due(datetime.now(UTC))
    assert recorder.posts == []
    moved = await store.get_reminder(db, 1, reminder_id)
    assert moved.next_due == occurrence + 24 * 3600


async def test_failure_is_recorded_reported_and_the_reminder_moves_on(db):
    due = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5)
    reminder_id = await add(db, due, repeat="weekly")
    recorder = Recorder()
    recorder.fail_with = DeliveryFailed("forbidden", "50013")
    await Deliverer(db, Clock(), recorder).run_due(datetime.now(UTC))
    [row] = await store.history(db, 1)
    assert (row.state, row.error) == ("failed", "forbidden:50013")
    assert recorder.reports == [(reminder_id, "reminders.log.failed")]
    assert (await store.get_reminder(db, 1, reminder_id)).next_due == int(
        due.timestamp()
    ) + 7 * 86400


async def test_late_inside_grace_is_sent_marked_late_and_older_ones_are_missed(db):
    now = datetime.now(UTC).replace(microsecond=0)
    late_id = await add(db, now - timedelta(minutes=30))
    old_id = await add(db, now - timedelta(hours=50, minutes=30), repeat="daily")
    recorder = Recorder()
    await Deliverer(db, Clock(), recorder).run_due(datetime.now(UTC))
    assert [(p[0], p[3]) for p in recorder.posts] == [(late_id, True)]
    states = sorted((r.reminder_id, r.state) for r in await store.history(db, 1))
    assert states == [(late_id, "sent"), (old_id, "missed"), (old_id, "missed"), (old_id, "missed")]
    old = await store.get_reminder(db, 1, old_id)
    assert old.next_due > time.time()  # the next future occurrence, no burst


async def test_an_edited_reminder_is_not_sent_at_its_old_time(db):
    due = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5)
    reminder_id = await add(db, due)
    [stale] = await store.due_reminders(db, int(time.time()))
    await store.update_reminder(db, 1, reminder_id, "now", next_due=int(time.time()) + 3600)
    recorder = Recorder()
    await Deliverer(db, Clock(), recorder).deliver(stale)
    assert recorder.posts == []


# --- storage: servers and members --------------------------------------------------------------


async def test_another_server_cannot_read_or_change_a_reminder(db):
    reminder_id = await add(db, soon(3600), guild_id=1)
    assert await store.get_reminder(db, 2, reminder_id) is None
    assert not await store.update_reminder(db, 2, reminder_id, "now", status="cancelled")
    assert (await store.get_reminder(db, 1, reminder_id)).status == "active"
    assert await store.list_reminders(db, 2) == []


async def test_forget_me_removes_subscriptions(db):
    assert await store.subscribe(db, 1, 7, "hketo", "now")
    assert not await store.subscribe(db, 1, 7, "hketo", "now")
    await store.subscribe(db, 1, 7, "tnr", "now")
    await store.subscribe(db, 2, 7, "hketo", "now")
    deleted = await forget_member(db, 1, 7)
    assert deleted["reminder_subscriptions"] == 2
    assert await store.member_subscriptions(db, 1, 7) == []
    assert await store.member_subscriptions(db, 2, 7) == ["hketo"]


async def test_the_due_query_uses_the_partial_index(db):
    plan = await db.fetchall(
        "EXPLAIN QUERY PLAN SELECT next_due FROM reminders WHERE status='active'"
        " AND next_due IS NOT NULL ORDER BY next_due LIMIT 1"
    )
    assert "reminders_due" in " ".join(str(tuple(r)) for r in plan)


class LateClock(Clock):
    """A clock a fixed number of seconds ahead of the real one (a dispatcher running late)."""

    def __init__(self, ahead: float) -> None:
        super().__init__()
        self.ahead = ahead

    def now(self) -> datetime:
        return super().now() + timedelta(seconds=self.ahead)


async def test_claims_prepared_just_now_are_used_even_when_the_due_time_is_long_past(db):
    # The dispatcher reaches a due time 10 s late; what it prepared a moment ago is fresh,
    # so it is posted once, as a first attempt (not dropped, re-claimed and treated as a retry).
    due = datetime.fromtimestamp(int(time.time()), UTC)
    reminder_id = await add(db, due)
    recorder = Recorder()
    deliverer = Deliverer(db, LateClock(10), recorder)
    await deliverer.prepare(int(due.timestamp()))
    await deliverer.run_due(deliverer.clock.now())
    assert len(recorder.posts) == 1
    row = await db.fetchone(
        "SELECT state, attempts FROM reminder_deliveries WHERE reminder_id=?", (reminder_id,)
    )
    assert tuple(row) == ("sent", 1)
