"""The connection ``Database.transaction()`` yields: each statement one trip to SQLite's thread.

It offers what the stores use of an aiosqlite connection — ``execute`` (awaited, or with
``async with``), ``executemany`` and ``execute_fetchall`` — but runs each statement and
fetches its rows in a single hand-off to the connection's thread, and opens the write
transaction in the same hand-off as the first statement. The rows come back whole, so the
cursor it returns needs no further trips (``fetchone``, ``fetchall``, ``close`` are free).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Coroutine, Generator, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
Params = Sequence[Any] | dict[str, Any]
Runner = Callable[[Callable[[sqlite3.Connection], Any]], Awaitable[Any]]


class TxCursor:
    """A statement's outcome with its rows already fetched."""

    def __init__(self, rows: list[Any], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def close(self) -> None:
        self._rows = []

    async def __aenter__(self) -> TxCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._rows = []


class PendingCursor:
    """What ``execute`` returns: await it for the cursor, or use it with ``async with``."""

    def __init__(self, coro: Coroutine[Any, Any, TxCursor]) -> None:
        self._coro = coro

    def __await__(self) -> Generator[Any, None, TxCursor]:
        return self._coro.__await__()

    async def __aenter__(self) -> TxCursor:
        return await self._coro

    async def __aexit__(self, *exc: object) -> None:
        return None


class TxConnection:
    """A write transaction in progress; see the module docstring.

    ``run`` hands a function of the sqlite3 connection to its thread; ``begin`` opens the
    transaction there (it runs with the first statement). Every statement's text is kept
    in :attr:`statements` so the database can tell which cached reads it made stale.
    """

    def __init__(self, run: Runner, begin: Callable[[sqlite3.Connection], None]) -> None:
        self._run = run
        self._begin = begin
        self.begun = False
        self.statements: list[str] = []

    async def _trip(self, work: Callable[[sqlite3.Connection], T]) -> T:
        def job(conn: sqlite3.Connection) -> T:
            if not self.begun:
                self._begin(conn)
                self.begun = True
            return work(conn)

        result: T = await self._run(job)
        return result

    def execute(self, sql: str, params: Params = ()) -> PendingCursor:
        self.statements.append(sql)

        def work(conn: sqlite3.Connection) -> TxCursor:
            cur = conn.execute(sql, params)
            try:
                return TxCursor(cur.fetchall(), cur.rowcount, cur.lastrowid)
            finally:
                cur.close()

        return PendingCursor(self._trip(work))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PendingCursor:
        self.statements.append(sql)

        def work(conn: sqlite3.Connection) -> TxCursor:
            cur = conn.executemany(sql, rows)
            try:
                return TxCursor([], cur.rowcount, cur.lastrowid)
            finally:
                cur.close()

        return PendingCursor(self._trip(work))

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        return await (await self.execute(sql, params)).fetchall()


async def _ready(value: T) -> T:
    return value


class InlineTx(TxConnection):
    """A :class:`TxConnection` whose statements run at once, in the calling thread, on a
    :mod:`sqlite3` connection already inside a write transaction (``Database.transact``).

    Awaiting its results never suspends, so an ``async def`` body that awaits only them
    runs whole in a single step (:func:`run_whole`), in whichever thread runs the job.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(_cannot_trip, _no_begin)
        self.begun = True
        self._conn = conn

    def execute(self, sql: str, params: Params = ()) -> PendingCursor:
        self.statements.append(sql)
        cur = self._conn.execute(sql, params)
        try:
            done = TxCursor(cur.fetchall(), cur.rowcount, cur.lastrowid)
        finally:
            cur.close()
        return PendingCursor(_ready(done))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PendingCursor:
        self.statements.append(sql)
        cur = self._conn.executemany(sql, rows)
        try:
            done = TxCursor([], cur.rowcount, cur.lastrowid)
        finally:
            cur.close()
        return PendingCursor(_ready(done))


def _cannot_trip(job: Callable[[sqlite3.Connection], Any]) -> Awaitable[Any]:
    raise AssertionError("an InlineTx runs its statements at once")


def _no_begin(conn: sqlite3.Connection) -> None:
    return None


def run_whole(work: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends (it awaits only :class:`InlineTx` results) to its
    end, synchronously; anything else it awaits is a mistake, refused loudly."""
    try:
        work.send(None)
    except StopIteration as finished:
        result: T = finished.value
        return result
    work.close()
    raise RuntimeError("a Database.transact body awaited something other than its connection")
