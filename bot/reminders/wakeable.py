"""A sleep on the bot's clock that a wake can cut short (the dispatcher's and the fan-out's).

Waiting on a task that sleeps, rather than on an event, keeps the wait one that a simulated
clock (SimCord, the tests' virtual clock) sees as a sleep.
"""

from __future__ import annotations

import asyncio

from bot.core.clock import Clock


class WakeableSleep:
    """One sleep at a time; :meth:`wake` ends it early."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._sleeper: asyncio.Future[None] | None = None

    @property
    def sleeping(self) -> bool:
        return self._sleeper is not None and not self._sleeper.done()

    async def sleep(self, seconds: float) -> bool:
        """Sleep ``seconds``; False if :meth:`wake` cut it short."""
        sleeper = asyncio.ensure_future(self._clock.sleep(seconds))
        self._sleeper = sleeper
        try:
            await asyncio.wait({sleeper})
        finally:
            self._sleeper = None
            sleeper.cancel()
        return not sleeper.cancelled()

    def wake(self) -> bool:
        """End the sleep now; False if nothing was sleeping."""
        if not self.sleeping:
            return False
        assert self._sleeper is not None
        self._sleeper.cancel()
        return True
