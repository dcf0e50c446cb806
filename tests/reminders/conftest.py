"""Fixtures of the reminders' SimCord tests."""

from __future__ import annotations

import pytest


@pytest.fixture
async def close_restarted_bots(world):
    """Close the database of the bot a test's last restart() started (twice is fine)."""
    yield
    if world.env.bot.db is not None:
        await world.env.bot.db.close()
