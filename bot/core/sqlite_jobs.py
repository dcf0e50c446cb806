"""Jobs for SQLite: functions of a :mod:`sqlite3` connection, each run whole in one go.

:func:`in_thread` hands one to aiosqlite's thread for that connection (one hand-off from
the event loop); :func:`try_quick_read` and :func:`try_quick_write` run one right away on
a connection of the event loop's own, giving up (for a thread) if it turns out long or
would wait for a lock. The rest are such functions: open a write transaction with a
deadline for the write lock, fetch, read the schema's cascades, ``PRAGMA data_version``.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.core.storage_health import StorageError, Trouble

T = TypeVar("T")
Params = Sequence[Any] | dict[str, Any]
Job = Callable[[sqlite3.Connection], T]


class _Once:
    """A job for the connection's thread that lets go of it once run.

    aiosqlite's thread keeps the last function it ran until the next one arrives; if that
    function still held the job (and through it this database), an unclosed database could
    never be collected, and its thread would keep the process from exiting.
    """

    __slots__ = ("job", "raw")

    def __init__(self, job: Job[Any], raw: sqlite3.Connection) -> None:
        self.job: Job[Any] | None = job
        self.raw: sqlite3.Connection | None = raw

    def __call__(self) -> Any:
        job, raw = self.job, self.raw
        self.job = self.raw = None
        assert job is not None and raw is not None
        return job(raw)


def in_thread(conn: aiosqlite.Connection, job: Job[T]) -> Awaitable[T]:
    """Run ``job(sqlite3 connection)`` in the connection's own thread: one hand-off.

    aiosqlite has no public call for this; ``_execute`` and ``_conn`` are what its own
    methods use to do exactly this.
    """
    result: Awaitable[T] = conn._execute(_Once(job, conn._conn))
    return result


async def roll_back_after(conn: aiosqlite.Connection) -> None:
    """Roll back in ``conn``'s thread, after whatever job of it is still queued or running
    there (a cancelled await does not stop it; BEGIN may even be under way). Unconditional,
    as only that thread knows whether a transaction is open; waited for even if the caller
    is cancelled again meanwhile (the cancellation is passed on afterwards)."""
    done = asyncio.ensure_future(in_thread(conn, rollback))
    cancelled = False
    while not done.done():
        try:
            await asyncio.shield(done)
        except asyncio.CancelledError:
            cancelled = True
        except Exception:
            break  # the error that brought the caller here is the one to raise
    if cancelled:
        raise asyncio.CancelledError


def copy_to(destination: Path) -> Job[None]:
    """A job copying the connection's database (even a deleted file's) to ``destination``."""

    def copy(conn: sqlite3.Connection) -> None:
        target = sqlite3.connect(destination)
        try:
            conn.backup(target)
        finally:
            target.close()

    return copy


def begin_write(conn: sqlite3.Connection, deadline: float) -> None:
    """Open a write transaction, waiting for the write lock until ``deadline`` at most."""
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        raise StorageError(Trouble.BUSY, "waited too long for the write lock")
    conn.execute(f"PRAGMA busy_timeout={max(1, int(remaining * 1000))}")
    conn.execute("BEGIN IMMEDIATE")


def pragmas(*pragmas: str) -> Job[None]:
    def job(conn: sqlite3.Connection) -> None:
        for pragma in pragmas:
            conn.execute(f"PRAGMA {pragma}").fetchall()

    return job


def rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def fetchone_job(sql: str, params: Params) -> Job[Any]:
    def job(conn: sqlite3.Connection) -> Any:
        cur = conn.execute(sql, params)
        try:
            return cur.fetchone()
        finally:
            cur.close()

    return job


def fetchall_job(sql: str, params: Params) -> Job[list[Any]]:
    return lambda conn: conn.execute(sql, params).fetchall()


def write_followers(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Table -> tables a write to it may also change (foreign-key cascades; "*": triggers)."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    follows: dict[str, set[str]] = {}
    for child in tables:
        for fk in conn.execute("SELECT * FROM pragma_foreign_key_list(?)", (child,)):
            follows.setdefault(str(fk["table"]).lower(), set()).add(child.lower())
    for (table,) in conn.execute("SELECT tbl_name FROM sqlite_master WHERE type='trigger'"):
        follows.setdefault(str(table).lower(), set()).add("*")
    return follows


def data_version(conn: sqlite3.Connection) -> int:
    _start_budget(conn)
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


QUICK_BUDGET = 0.002  # seconds of SQLite work one job may take on the event loop
QUICK_STEPS = 1_000  # SQLite VM steps between looks at that budget
_INTERRUPTED = 9  # SQLITE_INTERRUPT
_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


class QuickBudget:
    """The progress handler of the event loop's connection: it stops SQLite once the job
    under way has run :data:`QUICK_BUDGET` (across all its statements), and whenever no
    job has been started (so nothing unbounded runs there by mistake)."""

    __slots__ = ("deadline",)

    def __init__(self) -> None:
        self.deadline = 0.0

    def start(self) -> None:
        self.deadline = time.perf_counter() + QUICK_BUDGET

    def __call__(self) -> int:
        return 1 if time.perf_counter() > self.deadline else 0


class QuickConnection(sqlite3.Connection):
    """The event loop's connection, with its :class:`QuickBudget`."""

    budget: QuickBudget


def quick_connection(path: Path) -> QuickConnection:
    """A connection for short reads and writes run right on the event loop's thread.

    It may never block the loop: SQLite stops its work once a job has run
    :data:`QUICK_BUDGET` (looked at every :data:`QUICK_STEPS` steps); it never waits for
    a lock (``busy_timeout=0``: SQLITE_BUSY at once); and it never checkpoints the WAL
    (``wal_autocheckpoint=0``), so with ``synchronous=NORMAL`` its commits never fsync.
    Work that is stopped or would wait is rolled back and run again in a thread
    (:func:`try_quick_read`, :func:`try_quick_write`); checkpoints run on the writer's.
    """
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, factory=QuickConnection
    )
    conn.row_factory = sqlite3.Row
    conn.budget = QuickBudget()
    conn.budget.start()
    for pragma in (
        "foreign_keys=ON",
        "synchronous=NORMAL",
        "busy_timeout=0",
        "wal_autocheckpoint=0",
    ):
        conn.execute(f"PRAGMA {pragma}").fetchall()
    conn.set_progress_handler(conn.budget, QUICK_STEPS)
    assert isinstance(conn, QuickConnection)
    return conn


def _start_budget(conn: sqlite3.Connection) -> None:
    if isinstance(conn, QuickConnection):
        conn.budget.start()


def _gave_way(exc: sqlite3.OperationalError) -> bool:
    """The statement was long (stopped) or would have waited for a lock."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code == _INTERRUPTED or code in _BUSY


def try_quick_read(conn: sqlite3.Connection, job: Job[T]) -> tuple[bool, T | None]:
    """(True, result) if ``job`` (reads only) ran quickly and without waiting; else (False,
    None), and it is simply run again elsewhere."""
    try:
        return True, job(conn)
    except sqlite3.OperationalError as exc:
        rollback(conn)
        if _gave_way(exc):
            return False, None
        raise


def try_quick_write(
    conn: sqlite3.Connection, job: Job[T], confirm: Callable[[], None]
) -> tuple[bool, T | None]:
    """``job`` as one write transaction, if it is quick and the write lock is free.

    (True, result) once committed; (False, None) when it was rolled back because it was
    long or the lock was taken (run it again elsewhere). ``confirm`` runs just before the
    commit and raises to refuse it.
    """
    _start_budget(conn)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _gave_way(exc):
            return False, None
        raise
    try:
        result = job(conn)
        confirm()
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        rollback(conn)
        if _gave_way(exc):
            return False, None
        raise
    except BaseException:
        rollback(conn)
        raise
    return True, result
