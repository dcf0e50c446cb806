"""The database never blocks the event loop, survives cancellation, and relies on aiosqlite
only where it says so."""

from __future__ import annotations

import asyncio
import inspect
import sqlite3
import time
from pathlib import Path

import aiosqlite
import pytest

from bot.core.database import Database
from bot.core.sqlite_jobs import QUICK_BUDGET, in_thread, quick_connection, try_quick_read

ROWS = "CREATE TABLE IF NOT EXISTS t (n INTEGER)"


@pytest.fixture
async def db(db_path: Path):
    database = Database(db_path)
    await database.open()
    await database.execute(ROWS)
    yield database
    await database.close()


def test_aiosqlites_private_calls_the_database_uses_are_still_there():
    """``in_thread`` uses ``Connection._execute`` (queue a function for the connection's
    thread) and ``Connection._conn`` (its sqlite3 connection): if an aiosqlite release
    renames them, this fails before anything else does (pyproject.toml pins the range)."""
    assert inspect.iscoroutinefunction(aiosqlite.Connection._execute)
    assert isinstance(inspect.getattr_static(aiosqlite.Connection, "_conn"), property)


async def test_in_thread_runs_a_function_of_the_sqlite3_connection_in_its_thread(db_path):
    conn = await aiosqlite.connect(db_path)
    try:
        seen = await in_thread(conn, lambda raw: (type(raw), raw.execute("SELECT 41+1").fetchone()))
    finally:
        await conn.close()
    assert seen[0] is sqlite3.Connection and tuple(seen[1]) == (42,)


def test_the_event_loops_connection_never_waits_checkpoints_or_runs_long(db_path):
    sqlite3.connect(db_path).execute("PRAGMA journal_mode=WAL").fetchall()
    quick = quick_connection(db_path)
    try:
        assert quick.execute("PRAGMA busy_timeout").fetchone()[0] == 0
        assert quick.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        long_read = (
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT max(x) FROM c"
        )
        started = time.perf_counter()
        done, _ = try_quick_read(quick, lambda c: c.execute(long_read).fetchone())
        assert not done  # stopped, to run in a thread instead
        assert time.perf_counter() - started < QUICK_BUDGET + 0.05
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            started = time.perf_counter()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                quick.execute("BEGIN IMMEDIATE")
            assert time.perf_counter() - started < 0.05  # SQLITE_BUSY at once, no waiting
        finally:
            holder.close()
    finally:
        quick.close()


async def in_transaction(db: Database) -> bool:
    return await in_thread(db.conn, lambda c: c.in_transaction)


@pytest.mark.parametrize("point", [1, 2, 3])
async def test_a_transaction_cancelled_at_any_await_leaves_nothing_half_done(
    db: Database, monkeypatch, point: int
):
    """Cancelled at its Nth hand-off to the writer's thread (1: BEGIN with the first insert,
    2: the second insert, 3: COMMIT): afterwards no transaction is open, the lock is free,
    and either both rows are there or neither."""
    real = aiosqlite.Connection._execute
    trips = 0

    async def cancelling(self, fn, *args, **kwargs):
        nonlocal trips
        trips += 1
        if trips == point:
            task = asyncio.current_task()
            assert task is not None
            task.cancel()  # the job is queued all the same: cancelled while it runs
        return await real(self, fn, *args, **kwargs)

    async def two_rows() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO t (n) VALUES (1)")
            await conn.execute("INSERT INTO t (n) VALUES (2)")

    monkeypatch.setattr(aiosqlite.Connection, "_execute", cancelling)
    with pytest.raises(asyncio.CancelledError):
        await asyncio.create_task(two_rows())
    monkeypatch.setattr(aiosqlite.Connection, "_execute", real)

    assert not await in_transaction(db)
    assert not db._lock.locked()
    assert await db.fetchval("SELECT count(*) FROM t") in (0, 2)
    async with asyncio.timeout(2):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO t (n) VALUES (3)")
    assert await db.fetchval("SELECT count(*) FROM t WHERE n=3") == 1


async def test_a_transaction_cancelled_while_waiting_for_the_write_lock(db: Database, db_path):
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")

    async def write() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO t (n) VALUES (1)")

    task = asyncio.create_task(write())
    await asyncio.sleep(0.1)  # BEGIN is waiting in the writer's thread
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    holder.rollback()
    holder.close()
    assert not await in_transaction(db)
    await db.execute("INSERT INTO t (n) VALUES (2)")
    assert [r[0] for r in await db.fetchall("SELECT n FROM t")] == [2]


async def test_transact_runs_an_async_body_whole_and_refuses_other_awaits(db: Database, db_path):
    async def two_rows(conn) -> int:
        await conn.execute("INSERT INTO t (n) VALUES (1)")
        async with conn.execute("INSERT INTO t (n) VALUES (2) RETURNING n") as cur:
            return (await cur.fetchone())[0]

    assert await db.transact(two_rows) == 2
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    task = asyncio.create_task(db.transact(two_rows))  # waits in the writer's thread
    await asyncio.sleep(0.05)
    holder.rollback()
    holder.close()
    assert await task == 2
    assert await db.fetchval("SELECT count(*) FROM t") == 4

    async def strays(conn) -> None:
        await conn.execute("INSERT INTO t (n) VALUES (9)")
        await asyncio.sleep(0)

    with pytest.raises(RuntimeError, match="awaited something other"):
        await db.transact(strays)
    assert await db.fetchval("SELECT count(*) FROM t WHERE n=9") == 0  # rolled back


async def test_a_transaction_cancelled_while_it_rolls_back_still_rolls_back(
    db: Database, monkeypatch
):
    real = aiosqlite.Connection._execute
    trips = 0
    outer: asyncio.Task | None = None

    async def cancelling(self, fn, *args, **kwargs):
        nonlocal trips
        trips += 1
        if trips == 3:  # the ROLLBACK after the error
            assert outer is not None
            outer.cancel()
        return await real(self, fn, *args, **kwargs)

    async def fails_after_two_rows() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO t (n) VALUES (1)")
            await conn.execute("INSERT INTO t (n) VALUES (2)")
            raise ValueError("the body fails")

    monkeypatch.setattr(aiosqlite.Connection, "_execute", cancelling)
    outer = asyncio.create_task(fails_after_two_rows())
    with pytest.raises((asyncio.CancelledError, ValueError)):
        await outer
    monkeypatch.setattr(aiosqlite.Connection, "_execute", real)
    assert trips == 3
    assert not await in_transaction(db)
    assert not db._lock.locked()
    assert await db.fetchval("SELECT count(*) FROM t") == 0
