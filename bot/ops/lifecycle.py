"""Stopping cleanly: on SIGTERM or SIGINT, finish what is in flight (bounded), then close.

:func:`serve` runs the bot's main coroutine until it ends or a stop signal arrives, then
awaits the graceful stop it is given: the reminder dispatchers stop taking new work and
let a delivery being sent finish (:func:`drain`, a few seconds at most), the bot closes,
and the database with it. Whatever was not sent is already in the database (a reminder
still due, or a delivery row left 'sending') and goes out after the restart;
:func:`pending_after_stop` counts it for the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
MAIN_EXIT_TIMEOUT = 10.0  # after the stop, how long the main coroutine gets to return


class Stoppable(Protocol):
    async def stop(self, grace: float = 0.0) -> None: ...


async def drain(workers: Iterable[Stoppable], grace: float) -> None:
    """Stop every worker at once, each letting its work in flight run up to ``grace`` s."""
    await asyncio.gather(*(w.stop(grace=grace) for w in workers))


async def pending_after_stop(db: Any, now: int) -> tuple[int, int]:
    """(deliveries interrupted, reminders due but not sent): both go out after a restart."""
    interrupted = await db.fetchval(
        "SELECT count(*) FROM reminder_deliveries WHERE state='sending'"
    )
    due = await db.fetchval(
        "SELECT count(*) FROM reminders WHERE status='active' AND next_due IS NOT NULL"
        " AND next_due<=?",
        (now,),
    )
    return int(interrupted or 0), int(due or 0)


async def serve(
    main: Awaitable[Any],
    stop: Callable[[], Awaitable[None]],
    *,
    signals: Iterable[signal.Signals] = STOP_SIGNALS,
) -> str | None:
    """Run ``main`` until it ends, or until a stop signal: then ``await stop()``.

    Returns the name of the signal that stopped it (None: ``main`` ended by itself); an
    exception from ``main`` propagates. A second signal while stopping is only logged:
    the stop is bounded already.
    """
    loop = asyncio.get_running_loop()
    received: list[str] = []
    signalled = asyncio.Event()

    def on_signal(sig: signal.Signals) -> None:
        if received:
            log.warning("%s again: already stopping, it takes a few seconds at most", sig.name)
            return
        received.append(sig.name)
        signalled.set()

    installed = []
    for sig in signals:
        try:
            loop.add_signal_handler(sig, on_signal, sig)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not main thread
            pass
    main_task = asyncio.ensure_future(main)
    waiter = asyncio.ensure_future(signalled.wait())
    try:
        await asyncio.wait({main_task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if main_task.done():
            main_task.result()
            return None
        log.info("%s received: stopping (no new work; deliveries in flight finish)", received[0])
        await stop()
        done, _ = await asyncio.wait({main_task}, timeout=MAIN_EXIT_TIMEOUT)
        if not done:
            main_task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await main_task  # errors of a connection being closed are not news now
        return received[0]
    finally:
        waiter.cancel()
        if not main_task.done():
            main_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await main_task
        for sig in installed:
            loop.remove_signal_handler(sig)
