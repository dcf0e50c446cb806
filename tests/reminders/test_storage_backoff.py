"""The dispatcher and the DM fan-out wait out storage trouble: 5 s doubling to 60 s, one log
line when it starts holding them back and one when they resume, no traceback."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from bot.core.storage_backoff import StorageBackoff
from bot.core.storage_health import StorageError, Trouble
from bot.reminders import outbox
from bot.reminders.dispatcher import Dispatcher, Phase
from bot.reminders.fanout import FanOut
from tests.helpers import VirtualClock
from tests.reminders.test_fanout import FailingFirst, Recorder, drained, one_dm_queued
from tests.reminders.test_scheduler import START, advance, settled, until

BUSY = StorageError(Trouble.BUSY, "database is locked")


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(START)


def storage_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.core.storage_backoff"]


def test_the_pause_doubles_up_to_a_minute_and_starts_over_once_it_works():
    backoff = StorageBackoff("a worker")
    assert [backoff.failed(BUSY) for _ in range(6)] == [5, 10, 20, 40, 60, 60]
    backoff.succeeded()
    assert backoff.failed(BUSY) == 5


async def test_the_dispatcher_backs_off_while_the_database_is_busy_then_resumes(clock, caplog):
    calls = 0

    async def busy_four_times() -> int | None:
        nonlocal calls
        calls += 1
        if calls <= 4:
            raise BUSY
        return None

    async def run_due(now: datetime) -> None:
        return None

    caplog.set_level(logging.INFO)
    dispatcher = Dispatcher(clock, busy_four_times, run_due)
    dispatcher.start()
    await settled(clock, dispatcher)
    waits = []
    while dispatcher.phase is not Phase.IDLE:
        wake = clock.next_wake()
        assert wake is not None
        waits.append((wake - clock.now()).total_seconds())
        await advance(clock, dispatcher, waits[-1])
    assert waits == [5, 10, 20, 40] and calls == 5
    lines = storage_lines(caplog)
    assert [r.levelno for r in lines] == [logging.WARNING, logging.WARNING]
    assert "waits for the database (busy" in lines[0].getMessage()
    assert "resumed" in lines[1].getMessage()
    assert not [r for r in caplog.records if r.exc_info]  # no traceback
    await dispatcher.stop()


async def test_the_dm_fan_out_backs_off_while_the_database_is_busy_then_sends(db, clock, caplog):
    await one_dm_queued(db, clock)
    recorder = Recorder()
    busy_twice = FailingFirst(BUSY, times=2)
    caplog.set_level(logging.INFO)
    fanout = FanOut(db, clock, recorder, lanes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "take_next", busy_twice)
        fanout.start()
        await until(lambda: clock.waiting())
        assert clock.next_wake() == START + timedelta(seconds=5) and recorder.dms == []
        clock.move_to(START + timedelta(seconds=5))
        await until(lambda: clock.waiting() and busy_twice.calls == 2)
        assert clock.next_wake() == START + timedelta(seconds=15)  # 10 s more
        clock.move_to(START + timedelta(seconds=15))
        await drained(fanout)
    assert recorder.dms == [(1, 11)]
    assert len(storage_lines(caplog)) == 2  # one when it started, one when it resumed
    assert not [r for r in caplog.records if r.exc_info]
    await fanout.stop()
