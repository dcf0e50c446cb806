"""One clock for the whole bot, so a simulated Discord's time can drive it in the demo and tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime


def _system_now() -> datetime:
    return datetime.now(UTC)


class Clock:
    """Reads UTC time from ``source`` (the app passes discord.py's, which SimCord simulates)."""

    def __init__(self, source: Callable[[], datetime] = _system_now) -> None:
        self._source = source

    def now(self) -> datetime:
        return self._source().astimezone(UTC)

    def timestamp(self) -> float:
        return self.now().timestamp()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))
