"""The aiosqlite connection: WAL, foreign keys, numbered migrations applied in transactions.

All statements go through one lock so that a transaction opened by one coroutine never
picks up another coroutine's writes. Migrations live in ``migrations/NNNN_name.sql`` and
each is applied once, in its own transaction, and recorded in ``schema_migrations``.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

MIGRATIONS_DIR = Path(str(resources.files("bot.core") / "migrations"))
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    """A migration file is misnamed or failed to apply."""


def discover_migrations(folder: Path = MIGRATIONS_DIR) -> list[tuple[int, Path]]:
    found: list[tuple[int, Path]] = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNNN_name.sql")
        found.append((int(match.group(1)), path))
    versions = [v for v, _ in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migrations share a number in {folder}")
    return found


async def _run(conn: aiosqlite.Connection, sql: str) -> None:
    """Execute a statement and close its cursor at once (an open cursor blocks COMMIT)."""
    async with conn.execute(sql):
        pass


class Database:
    """One aiosqlite connection with a lock; use :meth:`transaction` for multi-step writes."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path) if str(path) != ":memory:" else path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("the database is not open")
        return self._conn

    async def open(self, migrations: Path = MIGRATIONS_DIR) -> None:
        await self.close()  # reopening (a restart of the same bot) must not leak a connection
        if isinstance(self.path, Path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            for pragma in (
                "journal_mode=WAL",
                "foreign_keys=ON",
                "synchronous=NORMAL",
                "busy_timeout=5000",
            ):
                await _run(conn, f"PRAGMA {pragma}")
        except BaseException:
            await conn.close()  # e.g. not a database: its thread would keep the process alive
            raise
        self._conn = conn
        await self.migrate(migrations)

    async def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()

    async def migrate(self, folder: Path = MIGRATIONS_DIR) -> list[int]:
        """Apply pending migrations in order; return the versions applied."""
        conn = self.conn
        await _run(
            conn,
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
        )
        async with conn.execute("SELECT version FROM schema_migrations") as cur:
            done = {row[0] for row in await cur.fetchall()}
        applied = []
        for version, path in discover_migrations(folder):
            if version in done:
                continue
            sql = path.read_text(encoding="utf-8")
            async with self._lock:
                try:
                    await conn.executescript(
                        "BEGIN IMMEDIATE;\n" + sql + "\n;"
                        f"INSERT INTO schema_migrations (version, name) VALUES ({version}, "
                        f"'{path.stem}');\nCOMMIT;"
                    )
                except Exception as exc:
                    if conn.in_transaction:
                        await _run(conn, "ROLLBACK")
                    raise MigrationError(f"{path.name} failed: {exc}") from exc
            applied.append(version)
        return applied

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; the new row's id for an insert (0 when it inserted nothing,
        e.g. ``ON CONFLICT DO NOTHING``), else the number of rows changed."""
        async with self._lock, self.conn.execute(sql, params) as cur:
            if sql.lstrip()[:6].upper() != "INSERT":
                return cur.rowcount
            return (cur.lastrowid or 0) if cur.rowcount > 0 else 0

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self._lock:
            await _run(self.conn, "BEGIN IMMEDIATE")
            try:
                await (await self.conn.executemany(sql, rows)).close()
            except BaseException:
                await _run(self.conn, "ROLLBACK")
                raise
            await _run(self.conn, "COMMIT")

    async def fetchone(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> aiosqlite.Row | None:
        async with self._lock, self.conn.execute(sql, params) as cur:
            return await cur.fetchone()

    async def fetchall(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> list[aiosqlite.Row]:
        async with self._lock, self.conn.execute(sql, params) as cur:
            return list(await cur.fetchall())

    async def fetchval(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Hold the lock and a write transaction; commit on success, roll back on error.

        Inside, use the yielded connection directly (not this object's helpers, which would
        wait for the lock this holds).
        """
        async with self._lock:
            conn = self.conn
            await _run(conn, "BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                await _run(conn, "ROLLBACK")
                raise
            await _run(conn, "COMMIT")
