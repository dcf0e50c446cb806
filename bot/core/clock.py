"""One clock for the whole bot, so SimCord's simulated time drives it in the demo and tests."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import discord


class Clock:
    """Reads UTC time through discord.py (which SimCord simulates) and sleeps via asyncio."""

    def now(self) -> datetime:
        return discord.utils.utcnow().astimezone(UTC)

    def timestamp(self) -> float:
        return self.now().timestamp()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))
