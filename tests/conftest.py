"""Shared fixtures: the real bot on a fresh SQLite file, inside SimCord's simulated Discord."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from discord import app_commands

from bot.app import create_bot
from bot.core.config import Settings
from bot.core.database import Database
from bot.core.errors import UserError
from bot.demo.world import World, build_world
from bot.privacy.keys import DataKey
from bot.privacy.unlock import unlock


def is_expected_error(error: BaseException) -> bool:
    """Refusals the bot answers on purpose (bad input, missing permission), not bugs."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, UserError | app_commands.CheckFailure):
        return True
    return isinstance(error, app_commands.TransformerError) and isinstance(
        error.__cause__, UserError
    )


def unexpected_errors(env) -> list[BaseException]:
    return [e for e in env.errors if not is_expected_error(e)]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bot.db"


@pytest.fixture
def data_key() -> DataKey:
    """The test's own data key (what DATA_KEY holds on a real bot)."""
    return DataKey.generate()


@pytest.fixture
async def db(db_path: Path, data_key: DataKey):
    """An open database, migrated and unlocked, on a fresh file: for storage tests."""
    database = Database(db_path)
    await database.open()
    await unlock(database, data_key)
    yield database
    await database.close()


@pytest.fixture
def settings(db_path: Path, data_key: DataKey) -> Settings:
    return Settings(token=None, database_path=db_path, data_key=data_key.text)


@pytest.fixture
async def simcord_bot(settings: Settings):
    bot = create_bot(settings)
    yield bot
    # SimCord's shutdown doesn't close the bot: close the database so its worker thread
    # (not a daemon) can't keep a failed run from exiting.
    await bot.db.close()


@pytest.fixture
def world(simcord_env) -> Iterator[World]:
    """The demo server. At the end, any error that is not a deliberate refusal fails the test."""
    yield build_world(simcord_env)
    bugs = unexpected_errors(simcord_env)
    if bugs:
        raise BaseExceptionGroup("the bot raised unexpected errors", bugs)
