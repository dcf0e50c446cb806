"""A real `python -m bot` whose database file is deleted while it runs: it stops, exit 3.

The bot posts a due reminder to :mod:`tests.ops.fake_discord`; while that post is held
open the file is deleted, so the write recording the post meets the lost file.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.runner import EXIT_DATABASE_LOST
from tests.ops.fake_discord import FakeDiscord
from tests.ops.test_signals import _due_reminder, _start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")


async def test_a_deleted_database_stops_the_bot_with_a_copy_saved(tmp_path: Path):
    db_path = tmp_path / "bot.db"
    await _due_reminder(db_path)
    async with FakeDiscord() as fake:
        fake.hold_posts = 1.0
        bot = await _start(tmp_path, fake, db_path)
        await asyncio.wait_for(fake.post_started.wait(), 60)
        db_path.unlink()
        try:
            code = await asyncio.wait_for(bot.proc.wait(), 30)
        finally:
            if bot.proc.returncode is None:
                bot.proc.kill()
        await bot._reader
    assert code == EXIT_DATABASE_LOST
    assert any("stopped because" in line and "was deleted" in line for line in bot.lines)
    names = {entry.name for entry in os.scandir(tmp_path)}
    assert len([n for n in names if n.startswith("bot.db.recovered-")]) == 1
    assert "bot.db" not in names  # no new, empty database was made at the path
