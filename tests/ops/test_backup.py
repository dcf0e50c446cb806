"""Backups: consistent under heavy writes, restore checks first and refuses a running bot."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from pathlib import Path

import pytest

from bot.core.database import Database
from bot.ops.backup import (
    BackupError,
    backup_daily_forever,
    backup_file,
    daily_backup,
    daily_backups,
    integrity_problem,
    restore_file,
    rotate,
    seconds_until_next,
)
from bot.ops.lock import DatabaseInUse, InstanceLock


async def _bot_db(path: Path, rows: int = 0) -> Database:
    db = Database(path)
    await db.open()
    await db.execute("CREATE TABLE IF NOT EXISTS load (id INTEGER PRIMARY KEY, body TEXT)")
    if rows:
        await db.executemany("INSERT INTO load (body) VALUES (?)", [("x" * 200,)] * rows)
    return db


def _count(path: Path, table: str = "load") -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _standalone(path: Path) -> bool:
    """One file: no -wal beside it, and not in WAL mode."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    return mode == "delete" and not Path(f"{path}-wal").exists()


async def test_a_backup_during_heavy_writes_is_consistent_and_never_blocks_the_loop(
    tmp_path: Path,
):
    path = tmp_path / "bot.db"
    db = await _bot_db(path, rows=50_000)  # about 12 MB
    stop = asyncio.Event()
    written = 0
    gaps: list[float] = []

    async def writer() -> None:  # the bot's own connection, writing as fast as it can
        nonlocal written
        last = time.perf_counter()
        while not stop.is_set():
            async with db.transaction() as conn:
                await conn.executemany("INSERT INTO load (body) VALUES (?)", [("y" * 200,)] * 50)
            written += 50
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    task = asyncio.create_task(writer())
    results = []
    for i in range(3):
        await asyncio.sleep(0.05)
        before = written
        results.append(await asyncio.to_thread(backup_file, path, tmp_path / f"copy{i}.db"))
        assert written > before  # the loop kept writing while the copy was made
    stop.set()
    await task
    await db.close()
    counts = [_count(r.path) for r in results]
    for r in results:
        assert integrity_problem(r.path) is None  # PRAGMA integrity_check says ok
        assert _standalone(r.path)
    assert counts == sorted(counts) and counts[0] >= 50_000 and all(c % 50 == 0 for c in counts)
    assert _count(path) == 50_000 + written
    assert max(gaps) < 1.0
    seconds = max(r.seconds for r in results)
    print(
        f"\nbackup under load: {results[-1].size / 2**20:.1f} MB in {seconds:.2f} s; "
        f"{written} rows written meanwhile; longest pause between writes {max(gaps):.3f} s"
    )


def test_backup_refuses_an_existing_file_and_a_missing_database(tmp_path: Path):
    target = tmp_path / "exists.db"
    target.write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup_file(tmp_path / "bot.db", target)
    with pytest.raises(BackupError, match=f"no database at {tmp_path / 'none.db'}"):
        backup_file(tmp_path / "none.db", tmp_path / "new.db")
    assert target.read_text() == "keep me"


async def test_restore_checks_the_copy_refuses_a_running_bot_and_keeps_the_old_one(
    tmp_path: Path,
):
    live = tmp_path / "bot.db"
    db = await _bot_db(live, rows=10)
    await db.close()
    good = backup_file(live, tmp_path / "good.db").path
    db = await _bot_db(live, rows=5)  # the live database moves on: 15 rows
    await db.close()

    broken = tmp_path / "broken.db"
    broken.write_bytes(good.read_bytes()[:8192])  # cut short
    with pytest.raises(BackupError, match="not a sound database"):
        restore_file(broken, live)
    with pytest.raises(BackupError, match="no schema_migrations"):
        sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x)").connection.close()
        restore_file(tmp_path / "other.db", live)
    newer = backup_file(live, tmp_path / "newer.db").path
    with contextlib.closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    with pytest.raises(BackupError, match="newer version of the bot"):
        restore_file(newer, live)
    assert _count(live) == 15  # nothing was changed by the refusals

    with InstanceLock(live), pytest.raises(DatabaseInUse, match="in use by a running bot"):
        restore_file(good, live)
    assert _count(live) == 15

    saved = restore_file(good, live)
    assert _count(live) == 10 and saved is not None and _count(saved) == 15
    assert integrity_problem(live) is None
    db = Database(live)
    await db.open()  # the bot opens the restored database as usual
    assert await db.fetchval("SELECT count(*) FROM load") == 10
    await db.close()


async def test_restore_over_a_file_that_is_not_a_database_moves_it_aside(tmp_path: Path):
    db = await _bot_db(tmp_path / "src.db", rows=3)
    await db.close()
    live = tmp_path / "bot.db"
    live.write_text("not a database")
    saved = restore_file(tmp_path / "src.db", live)
    assert saved is not None and saved.read_text() == "not a database"
    assert _count(live) == 3


async def test_daily_backups_rotate_and_wait_a_day(tmp_path: Path):
    path = tmp_path / "bot.db"
    db = await _bot_db(path, rows=3)
    folder = tmp_path / "backups"
    assert seconds_until_next(folder, time.time()) == 0  # none yet: at once
    for day in range(1, 6):
        name = folder / f"bot-202601{day:02d}-030000.db"
        folder.mkdir(exist_ok=True)
        backup_file(path, name)
    (folder / "notes.db").write_text("not ours")  # files the bot didn't name are left alone
    done, removed = daily_backup(path, folder, keep=3)
    assert [p.name for p in removed] == [
        "bot-20260101-030000.db",
        "bot-20260102-030000.db",
        "bot-20260103-030000.db",
    ]
    assert daily_backups(folder)[-1] == done.path and len(daily_backups(folder)) == 3
    assert (folder / "notes.db").exists()
    assert 23 * 3600 < seconds_until_next(folder, time.time()) <= 24 * 3600
    assert rotate(folder, 1) and len(daily_backups(folder)) == 1
    await db.close()


async def test_the_daily_task_backs_up_at_once_when_the_last_is_old(tmp_path: Path):
    path = tmp_path / "bot.db"
    db = await _bot_db(path, rows=3)
    folder = tmp_path / "auto"
    task = asyncio.create_task(backup_daily_forever(path, folder, 2))
    for _ in range(200):
        if daily_backups(folder):
            break
        await asyncio.sleep(0.02)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await db.close()
    assert len(daily_backups(folder)) == 1 and _count(daily_backups(folder)[0]) == 3
