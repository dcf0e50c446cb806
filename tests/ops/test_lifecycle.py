"""The graceful stop: the dispatcher finishes a delivery in flight (bounded), then ends."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime

from bot.core.clock import Clock
from bot.ops.lifecycle import serve
from bot.reminders.dispatcher import Dispatcher


class _Work:
    def __init__(self, takes: float) -> None:
        self.takes = takes
        self.started = asyncio.Event()
        self.finished = 0
        self.due: int | None = 0

    async def next_due(self) -> int | None:
        return self.due

    async def run_due(self, now: datetime) -> None:
        if self.due is None or self.due > now.timestamp():
            return
        self.started.set()
        await asyncio.sleep(self.takes)
        self.finished += 1
        self.due = int(datetime.now(UTC).timestamp()) + 3600


async def test_a_delivery_in_flight_finishes_within_the_grace():
    work = _Work(takes=0.3)
    dispatcher = Dispatcher(Clock(), work.next_due, work.run_due)
    dispatcher.start()
    await work.started.wait()
    await dispatcher.stop(grace=5)
    assert work.finished == 1 and dispatcher.phase == "stopped"
    dispatcher.wake(None)  # no new work after a stop
    await asyncio.sleep(0.05)
    assert work.finished == 1


async def test_the_grace_is_a_bound():
    work = _Work(takes=30)
    dispatcher = Dispatcher(Clock(), work.next_due, work.run_due)
    dispatcher.start()
    await work.started.wait()
    loop = asyncio.get_running_loop()
    began = loop.time()
    await dispatcher.stop(grace=0.2)
    assert loop.time() - began < 1 and work.finished == 0


async def test_a_sleeping_dispatcher_stops_at_once():
    work = _Work(takes=0)
    work.due = int(datetime.now(UTC).timestamp()) + 3600
    dispatcher = Dispatcher(Clock(), work.next_due, work.run_due)
    dispatcher.start()
    await asyncio.sleep(0.05)
    assert dispatcher.phase == "sleeping"
    await asyncio.wait_for(dispatcher.stop(grace=5), 0.5)


async def test_serve_runs_the_stop_on_a_signal_and_returns_its_name():
    stopped = asyncio.Event()

    async def main() -> None:
        await stopped.wait()  # like bot.start(): returns once the bot is closed

    async def stop() -> None:
        stopped.set()

    asyncio.get_running_loop().call_later(0.05, os.kill, os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(serve(main(), stop), 5) == "SIGTERM"


async def test_serve_returns_none_when_main_ends_and_raises_its_error():
    async def fine() -> None:
        return None

    async def broken() -> None:
        raise RuntimeError("login failed")

    async def stop() -> None:
        raise AssertionError("not called")

    assert await serve(fine(), stop) is None
    try:
        await serve(broken(), stop)
    except RuntimeError as exc:
        assert str(exc) == "login failed"
    else:
        raise AssertionError("the error was swallowed")
