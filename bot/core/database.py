"""The database: SQLite (WAL) for the bot; short work right away, the rest in aiosqlite's threads.

Most of what the bot asks is tiny: an indexed read, a one-row write, tens of microseconds.
Handing each to a thread and back costs far more under load (every hand-off waits for the
event loop's turn, and for Python's lock while the loop is busy). So each read and each
write is one function of a :mod:`sqlite3` connection, first tried on a connection of the
event loop's own; whatever is long, or would wait, goes whole to aiosqlite's threads instead: a
reader (reads never wait behind writes) and the writer (which waits for the write lock at
most ``write_wait`` seconds, so another process holding it means "busy, nothing changed"
well within Discord's 3 s). :meth:`Database.transaction` keeps the older style (a statement
per hand-off, across awaits) working on the writer; cancelled at any await, it rolls back in
the writer's thread before letting go of its lock.

The event loop's connection must never block the loop (:func:`~bot.core.sqlite_jobs.
quick_connection`): SQLite's progress handler stops a job once it has run 2 ms, and it is
rolled back and run in a thread; ``busy_timeout=0``, so a lock held elsewhere means
SQLITE_BUSY at once and the thread instead; ``wal_autocheckpoint=0`` and
``synchronous=NORMAL``, so its commits never checkpoint or fsync (the writer's thread
checkpoints every :data:`CHECKPOINT_EVERY` quick commits). It is closed first, so it is
never the last connection (whose close would checkpoint).

Before each commit the file at the path must still be the file that was opened: a deleted
or replaced file gets no write confirmed, and no more writes (:attr:`Database.lost`).
Reads of server configuration are answered from :class:`~bot.core.read_cache.ReadCache`
until a write changes their tables, or another process writes. Trouble (busy, read-only,
full, corrupt, lost) raises a :class:`~bot.core.storage_health.StorageError` and is
reported to :attr:`Database.health`. Before anything is written, :meth:`Database.open`
refuses another program's SQLite file untouched and runs ``PRAGMA quick_check``; then it
applies the numbered migrations.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.core.migrate import MIGRATIONS_DIR, MigrationError, apply_migrations, discover_migrations
from bot.core.read_cache import ReadCache, cache_key, is_read, read_tables
from bot.core.sqlite_file import FileIdentity, check_ours, quick_check
from bot.core.sqlite_jobs import (
    Job,
    Params,
    QuickConnection,
    begin_write,
    copy_to,
    data_version,
    fetchall_job,
    fetchone_job,
    in_thread,
    pragmas,
    quick_connection,
    roll_back_after,
    rollback,
    try_quick_read,
    try_quick_write,
    write_followers,
)
from bot.core.storage_health import StorageGuard, StorageHealth
from bot.core.transaction import InlineTx, TxConnection, run_whole

__all__ = ["MIGRATIONS_DIR", "Database", "MigrationError", "discover_migrations"]

T = TypeVar("T")

WRITE_WAIT = 1.0  # seconds a write may wait for the write lock (ours or another process's)
READ_WAIT = 1.0  # seconds a read may wait (WAL readers wait only in rare cases)
WATCH_EVERY = 1.0  # at most this often, look for other processes' writes and a lost file
CHECKPOINT_EVERY = 500  # quick commits between WAL checkpoints (run in the writer's thread)
_NO_TRANSACTION = ("PRAGMA", "VACUUM", "ATTACH", "DETACH")


class Database:
    """The bot's SQLite database; see the module docstring.

    ``execute``, ``executemany``, ``fetchone``, ``fetchall``, ``fetchval`` and
    :meth:`transact` each run whole, at once or in one hand-off to a thread.
    """

    def __init__(
        self, path: Path | str, *, write_wait: float = WRITE_WAIT, read_wait: float = READ_WAIT
    ) -> None:
        self.path = Path(path) if str(path) != ":memory:" else path
        self.write_wait = write_wait
        self.read_wait = read_wait
        self.guard = StorageGuard(self.path)
        self.cache = ReadCache()
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._quick: QuickConnection | None = None  # short work, on the event loop
        self._lock = asyncio.Lock()  # held by transaction() across its hand-offs
        self._seen_version = 0  # the quick connection's PRAGMA data_version, last looked at
        self._quick_commits = 0
        self._last_watch = 0.0
        self._background: set[asyncio.Task[Any]] = set()
        self._closing: asyncio.Future[None] | None = None

    @property
    def health(self) -> StorageHealth:
        """Storage troubles going on; listeners hear when one starts or ends."""
        return self.guard.health

    @property
    def lost(self) -> str | None:
        """``"<path> was deleted"`` (or replaced) once noticed: no more writes."""
        return self.guard.lost

    @property
    def is_open(self) -> bool:
        return self._writer is not None

    @property
    def conn(self) -> aiosqlite.Connection:
        """The writer connection (aiosqlite)."""
        if self._writer is None:
            raise RuntimeError("the database is not open")
        return self._writer

    # ---------------------------------------------------------------- open and close

    async def open(self, migrations: Path = MIGRATIONS_DIR) -> None:
        await self.close()  # reopening (a restart of the same bot) must not leak a connection
        self.guard.reset()
        path = self.path
        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)
            await asyncio.to_thread(check_ours, path)  # before anything writes to it
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            await in_thread(conn, lambda c: quick_check(c, path))
            await in_thread(
                conn, pragmas("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL")
            )
        except BaseException:
            await conn.close()  # e.g. not a database: its thread would keep the process alive
            raise
        self._writer = conn
        await self.migrate(migrations)
        self.cache.set_schema(await in_thread(conn, write_followers))
        if isinstance(path, Path):
            self.guard.identity = FileIdentity.of(path)
            reader = await aiosqlite.connect(path, isolation_level=None)
            reader.row_factory = aiosqlite.Row
            wait = max(1, int(self.read_wait * 1000))
            await in_thread(
                reader, pragmas("query_only=ON", "foreign_keys=ON", f"busy_timeout={wait}")
            )
            self._reader = reader
            self._quick = quick_connection(path)
            self._seen_version = data_version(self._quick)
            self._last_watch = time.perf_counter()

    async def close(self) -> None:
        """Close every connection. A close already under way (begun by another task) is
        awaited, not skipped, and a cancelled caller doesn't cut it short: an unclosed
        connection's thread would keep the process from exiting."""
        if self._closing is None or self._closing.done():
            self._closing = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closing)

    async def _close(self) -> None:
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)
        quick, self._quick = self._quick, None
        if quick is not None:
            quick.close()
        for name in ("_reader", "_writer"):
            conn = getattr(self, name)
            if conn is not None:
                setattr(self, name, None)
                await conn.close()

    async def migrate(self, folder: Path = MIGRATIONS_DIR) -> list[int]:
        """Apply pending migrations in order; return the versions applied."""
        async with self._lock:
            try:
                return await self._run(self.conn, lambda c: apply_migrations(c, folder))
            finally:
                self._threaded_commit()

    # ---------------------------------------------------------------- troubles

    async def _run(self, conn: aiosqlite.Connection, job: Job[T]) -> T:
        """One hand-off; SQLite's troubles become :class:`StorageError` and are reported."""
        try:
            return await in_thread(conn, job)
        except Exception as exc:
            raise self.guard.storage_error(exc) from exc

    # ---------------------------------------------------------------- writes and reads

    async def _write(self, job: Job[T], statements: Iterable[str]) -> T:
        """Run ``job`` as one write transaction: at once if quick, else in the writer's thread."""
        self.guard.refuse_if_lost()
        deadline = time.perf_counter() + self.write_wait
        try:
            if self._quick is not None and not self._lock.locked():
                try:
                    done, result = try_quick_write(self._quick, job, self.guard.confirm)
                except Exception as exc:
                    raise self.guard.storage_error(exc) from exc
                if done:
                    self._quick_commit()
                    self.guard.health.write_succeeded()
                    return result  # type: ignore[return-value]

            def whole(conn: sqlite3.Connection) -> T:
                begin_write(conn, deadline)
                try:
                    result = job(conn)
                    self.guard.confirm()
                    conn.execute("COMMIT")
                except BaseException:
                    rollback(conn)
                    raise
                return result

            if self._lock.locked():  # a transaction() is open: don't run inside it
                async with self._lock:
                    result = await self._run(self.conn, whole)
            else:
                result = await self._run(self.conn, whole)
            self._threaded_commit()
            self.guard.health.write_succeeded()
            return result
        finally:
            self.cache.wrote(statements)

    def _quick_commit(self) -> None:
        """After a quick commit: notice other processes' writes; checkpoint now and then."""
        self._look_for_other_writers()
        self._quick_commits += 1
        if self._quick_commits % CHECKPOINT_EVERY == 0 and self._writer is not None:
            checkpoint = pragmas("wal_checkpoint(PASSIVE)")
            self._in_background(self._run(self._writer, checkpoint))

    def _threaded_commit(self) -> None:
        """After a commit on another connection: the quick one can't tell it from another
        process's, so cached answers go (such commits are rare: migrations, fallbacks)."""
        self.cache.clear()
        if self._quick is not None:
            self._seen_version = data_version(self._quick)

    def _look_for_other_writers(self) -> None:
        if self._quick is None:
            return
        version = data_version(self._quick)
        if version != self._seen_version:
            self._seen_version = version
            self.cache.clear()

    def _in_background(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _read(self, job: Job[T]) -> T:
        self._maybe_watch()
        if self._quick is not None:
            try:
                done, value = try_quick_read(self._quick, job)
            except Exception as exc:
                raise self.guard.storage_error(exc) from exc
            if done:
                return value  # type: ignore[return-value]
        if self._reader is not None:
            return await self._run(self._reader, job)
        async with self._lock:  # no second connection (":memory:", or open failed half-way)
            return await self._run(self.conn, job)

    def _maybe_watch(self) -> None:
        """Now and then: notice other processes' writes, and a lost file."""
        now = time.perf_counter()
        if self._quick is None or now - self._last_watch < WATCH_EVERY:
            return
        self._last_watch = now
        self._look_for_other_writers()
        self.guard.look_for_loss()

    async def _cached(self, kind: str, sql: str, params: Params, job: Job[T]) -> T:
        if not is_read(sql):  # e.g. INSERT … RETURNING through fetchone
            return await self._write(job, (sql,))
        tables = read_tables(sql)
        key = cache_key(kind, sql, params) if tables else None
        if tables is None or key is None:
            return await self._read(job)
        hit, cached = self.cache.get(key, tables)
        if hit:
            self._maybe_watch()
            found: T = cached
            return found
        stamp = self.cache.stamp(tables)
        value = await self._read(job)
        self.cache.put(key, stamp, value)
        return value

    # ---------------------------------------------------------------- the public calls

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; the new row's id for an insert (0 when it inserted nothing,
        e.g. ``ON CONFLICT DO NOTHING``), else the number of rows changed."""
        is_insert = sql.lstrip()[:6].upper() == "INSERT"

        def job(conn: sqlite3.Connection) -> int:
            cur = conn.execute(sql, params)
            try:
                if not is_insert:
                    return cur.rowcount
                return (cur.lastrowid or 0) if cur.rowcount > 0 else 0
            finally:
                cur.close()

        if sql.lstrip()[:6].upper().startswith(_NO_TRANSACTION):
            return await self._outside_transaction(job, sql)
        return await self._write(job, (sql,))

    async def _outside_transaction(self, job: Job[int], sql: str) -> int:
        """PRAGMA, VACUUM and the like, on the writer (a setting, on every connection)."""
        async with self._lock:
            try:
                result = await self._run(self.conn, job)
                setting = "=" in sql and "wal_checkpoint" not in sql.lower()
                if self._quick is not None and sql.lstrip()[:6].upper() == "PRAGMA" and setting:
                    job(self._quick)
            finally:
                self.cache.wrote((sql,))
                self._threaded_commit()
            return result

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = rows if isinstance(rows, list | tuple) else list(rows)  # it may run twice

        def job(conn: sqlite3.Connection) -> None:
            conn.executemany(sql, rows).close()

        await self._write(job, (sql,))

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        return await self._cached("one", sql, params, fetchone_job(sql, params))

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        rows = await self._cached("all", sql, params, lambda c: tuple(fetchall_job(sql, params)(c)))
        return list(rows)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def transact(self, body: Callable[[TxConnection], Coroutine[Any, Any, T]]) -> T:
        """Run ``async def body(conn)`` as one write transaction, whole: at once if it is
        quick, else in the writer's thread; committed when it returns, rolled back if it
        raises. ``conn`` has the same ``execute`` as :meth:`transaction` gives, so the stores'
        async helpers work unchanged, but every statement runs at once (one hand-off at most).

        ``body`` may await only its connection's results (anything else is refused), and
        may run twice (a quick try given up, then in the writer's thread).
        """
        recorded: list[str] = []

        def job(conn: sqlite3.Connection) -> T:
            tx = InlineTx(conn)
            try:
                return run_whole(body(tx))
            finally:
                recorded.extend(tx.statements)

        return await self._write(job, recorded)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[TxConnection]:
        """A write transaction across awaits, on the writer; commit on success, roll back on
        error. Inside, use the yielded connection (``execute``, ``executemany``), not this
        object's helpers: those read committed data only. Prefer :meth:`transact`."""
        self.guard.refuse_if_lost()
        deadline = time.perf_counter() + self.write_wait
        async with self._lock:
            tx = TxConnection(
                lambda job: self._run(self.conn, job), lambda c: begin_write(c, deadline)
            )
            try:
                yield tx
                if tx.begun:
                    await self._run(self.conn, self._commit_or_rollback)
            except BaseException:
                await self._roll_back_whatever_ran()
                raise
            finally:
                self.cache.wrote(tx.statements)
            if tx.begun:
                self._threaded_commit()
                self.guard.health.write_succeeded()

    async def _roll_back_whatever_ran(self) -> None:
        """After an error or a cancellation inside :meth:`transaction` (see
        :func:`~bot.core.sqlite_jobs.roll_back_after`)."""
        if self._writer is not None:
            await roll_back_after(self._writer)

    def _commit_or_rollback(self, conn: sqlite3.Connection) -> None:
        try:
            self.guard.confirm()
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise

    async def save_copy(self, destination: Path) -> None:
        """Copy the open database (even if its file was deleted) to ``destination``."""
        await in_thread(self.conn, copy_to(destination))
