"""Fixtures of the record tests: the local Bill Status server and a fresh database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from record_support import BillStatusServer

from bot.core.database import Database
from bot.privacy.keys import DataKey
from bot.privacy.unlock import unlock


@pytest.fixture
def httpd() -> Iterator[BillStatusServer]:
    server = BillStatusServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def db(tmp_path: Path):
    database = Database(tmp_path / "record.db")
    await database.open()
    await unlock(database, DataKey.generate())
    yield database
    await database.close()
