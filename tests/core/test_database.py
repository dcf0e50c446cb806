"""The database layer: one hand-off per call, reads beside writes, cache, and trouble."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import aiosqlite
import pytest

from bot.core.database import MIGRATIONS_DIR, Database, MigrationError
from bot.core.guild_settings import get_guild_settings, update_guild_settings
from bot.core.sqlite_file import APPLICATION_ID, CorruptDatabase, ForeignDatabase
from bot.core.storage_health import (
    StorageError,
    StorageHealth,
    Trouble,
    UnstorableText,
    classify,
)

NOW = "2026-01-01T00:00:00+00:00"


@pytest.fixture
async def db(db_path: Path):
    """An open database with nothing in ``bot_meta`` (not unlocked: no data key check)."""
    database = Database(db_path)
    await database.open()
    yield database
    await database.close()


@pytest.fixture
def hand_offs(monkeypatch) -> list[object]:
    """Every function handed to a connection's thread, from now on."""
    seen: list[object] = []
    real = aiosqlite.Connection._execute

    async def counting(self, fn, *args, **kwargs):
        seen.append(fn)
        return await real(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return seen


async def test_short_reads_and_writes_run_at_once_and_long_ones_whole_in_a_thread(
    db: Database, hand_offs
):
    await db.execute("INSERT INTO bot_meta (key, value) VALUES ('a', '1')")
    assert await db.fetchval("SELECT value FROM bot_meta WHERE key='a'") == "1"
    assert (await db.fetchall("SELECT key FROM bot_meta"))[0][0] == "a"
    await db.executemany("INSERT INTO bot_meta (key, value) VALUES (?, ?)", [("b", 2), ("c", 3)])

    async def update_and_count(tx):
        changed = (await tx.execute("UPDATE bot_meta SET value = value || '!'")).rowcount
        async with tx.execute("SELECT count(*) FROM bot_meta") as cur:
            return changed, (await cur.fetchone())[0]

    assert await db.transact(update_and_count) == (3, 3)
    assert hand_offs == []  # all of it right away, on the event loop
    long_read = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)"
        " SELECT count(*) FROM n"
    )
    assert await db.fetchval(long_read) == 200000
    assert len(hand_offs) == 1  # stopped early, then run whole in the reader's thread
    rows = ((f"k{i}", i) for i in range(20000))  # a generator: it must not be half used
    await db.executemany("INSERT INTO bot_meta (key, value) VALUES (?, ?)", rows)
    assert len(hand_offs) == 2
    assert await db.fetchval("SELECT count(*) FROM bot_meta") == 20003


async def test_the_older_transaction_style_opens_with_its_first_statement(db: Database, hand_offs):
    async with db.transaction() as conn:
        async with conn.execute("SELECT count(*) FROM bot_meta") as cur:
            assert (await cur.fetchone())[0] == 0
        cur = await conn.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'v')")
        assert cur.rowcount == 1
        await cur.close()
    assert len(hand_offs) == 3  # BEGIN + SELECT, INSERT, COMMIT
    assert await db.fetchval("SELECT value FROM bot_meta WHERE key='k'") == "v"


async def test_reads_do_not_wait_behind_a_write_transaction(db: Database):
    await db.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'before')")
    async with db.transaction() as conn:
        await conn.execute("UPDATE bot_meta SET value='during' WHERE key='k'")
        seen = await asyncio.wait_for(db.fetchval("SELECT value FROM bot_meta WHERE key='k'"), 1)
        assert seen == "before"  # the committed value, at once
    assert await db.fetchval("SELECT value FROM bot_meta WHERE key='k'") == "during"


async def test_server_settings_are_cached_until_they_change(db: Database):
    await update_guild_settings(db, 1, NOW, timezone="America/Chicago")
    assert (await get_guild_settings(db, 1)).timezone == "America/Chicago"
    hits = db.cache.hits
    assert (await get_guild_settings(db, 1)).timezone == "America/Chicago"
    assert db.cache.hits == hits + 1  # answered from memory
    await update_guild_settings(db, 1, NOW, timezone="America/Denver")
    assert (await get_guild_settings(db, 1)).timezone == "America/Denver"
    async with db.transaction() as conn:
        await conn.execute("UPDATE guild_settings SET timezone='UTC' WHERE guild_id=1")
    assert (await get_guild_settings(db, 1)).timezone == "UTC"

    async def clear(tx):
        await tx.execute("DELETE FROM guild_settings")

    await db.transact(clear)
    assert (await get_guild_settings(db, 1)).timezone is None


async def test_reads_about_members_are_never_kept_in_memory(db: Database):
    sql = "SELECT count(*) FROM calls WHERE guild_id=?"
    await db.fetchval(sql, (1,))
    await db.fetchval(sql, (1,))
    assert (db.cache.hits, db.cache.misses, len(db.cache)) == (0, 0, 0)


async def test_another_process_writing_empties_the_cache(db: Database, db_path: Path, monkeypatch):
    monkeypatch.setattr("bot.core.database.WATCH_EVERY", 0.0)
    await update_guild_settings(db, 1, NOW, timezone="America/Chicago")
    assert (await get_guild_settings(db, 1)).timezone == "America/Chicago"
    await asyncio.sleep(0.1)
    other = sqlite3.connect(db_path)
    other.execute("UPDATE guild_settings SET timezone='UTC'")
    other.commit()
    other.close()
    await get_guild_settings(db, 1)  # starts a look in the background
    await asyncio.sleep(0.1)
    assert (await get_guild_settings(db, 1)).timezone == "UTC"


async def test_a_write_returning_rows_through_fetchone_is_a_write(db: Database):
    row = await db.fetchone(
        "INSERT INTO bot_meta (key, value) VALUES ('r', 'x') RETURNING key, value"
    )
    assert tuple(row) == ("r", "x")
    assert await db.fetchval("SELECT value FROM bot_meta WHERE key='r'") == "x"


async def test_text_sqlite_cannot_store_is_refused_and_changes_nothing(db: Database):
    with pytest.raises(UnstorableText):
        await db.execute("INSERT INTO bot_meta (key, value) VALUES ('k', ?)", ("a\ud800b",))
    with pytest.raises(UnstorableText):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO bot_meta (key, value) VALUES ('x', 'fine')")
            await conn.execute("INSERT INTO bot_meta (key, value) VALUES ('y', ?)", ("\udc00",))
    assert await db.fetchval("SELECT count(*) FROM bot_meta") == 0


def _hold_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


async def test_a_held_write_lock_makes_writes_busy_quickly_and_reads_still_work(
    db: Database, db_path: Path
):
    await db.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'v')")
    ready = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(db_path, 2.5, ready))
    holder.start()
    ready.wait()
    try:
        started = time.perf_counter()
        with pytest.raises(StorageError) as refused:
            await db.execute("UPDATE bot_meta SET value='new'")
        assert refused.value.trouble is Trouble.BUSY
        assert refused.value.key == "storage.member.busy"
        assert time.perf_counter() - started < db.write_wait + 0.5
        assert db.health.active == {Trouble.BUSY}
        assert await db.fetchval("SELECT value FROM bot_meta") == "v"
    finally:
        holder.join()
    await db.execute("UPDATE bot_meta SET value='new'")
    assert db.health.active == frozenset()
    assert await db.fetchval("SELECT value FROM bot_meta") == "new"


async def test_a_deleted_file_gets_no_write_confirmed(db: Database, db_path, hand_offs):
    await db.execute("INSERT INTO bot_meta (key, value) VALUES ('kept', 'yes')")
    db_path.unlink()
    with pytest.raises(StorageError) as refused:
        await db.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'v')")
    assert refused.value.trouble is Trouble.FILE_LOST
    assert db.lost == f"{db_path} was deleted"
    assert db.health.active == {Trouble.FILE_LOST}
    before = len(hand_offs)
    with pytest.raises(StorageError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'v')")
    assert len(hand_offs) == before  # refused without touching the file
    copy = db_path.with_name("copy.db")
    await db.save_copy(copy)  # what was open, for whoever restores it
    saved = sqlite3.connect(copy)
    assert saved.execute("SELECT key FROM bot_meta").fetchall() == [("kept",)]
    saved.close()


async def test_a_new_database_is_marked_as_ours(db: Database):
    assert await db.fetchval("PRAGMA application_id") == APPLICATION_ID


async def test_a_database_of_ours_from_before_the_mark_still_upgrades(tmp_path: Path):
    old = tmp_path / "mig"
    old.mkdir()
    for path in MIGRATIONS_DIR.glob("000[1-5]_*.sql"):
        shutil.copy(path, old)
    db = Database(tmp_path / "old.db")
    await db.open(old)
    await update_guild_settings(db, 7, NOW, timezone="America/Chicago")
    assert await db.fetchval("PRAGMA application_id") == 0
    await db.close()
    db = Database(tmp_path / "old.db")
    await db.open()
    assert await db.fetchval("PRAGMA application_id") == APPLICATION_ID
    assert (await get_guild_settings(db, 7)).timezone == "America/Chicago"
    await db.close()


@pytest.mark.parametrize("app_id", [0, 0x12345678])
async def test_another_programs_file_is_refused_byte_for_byte_untouched(tmp_path, app_id):
    path = tmp_path / "theirs.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={app_id}")
    conn.execute("CREATE TABLE schema_migrations (version TEXT)")  # e.g. another framework's
    conn.execute("INSERT INTO schema_migrations VALUES ('20240101')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    db = Database(path)
    with pytest.raises(ForeignDatabase, match="another program"):
        await db.open()
    assert isinstance(ForeignDatabase("x"), MigrationError)  # the CLI's clear refusal
    await db.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.db"]


async def test_a_damaged_file_is_refused_at_start(tmp_path: Path):
    path = tmp_path / "bot.db"
    db = Database(path)
    await db.open()
    await db.executemany(
        "INSERT INTO bot_meta (key, value) VALUES (?, ?)",
        [(f"k{i}", "v" * 200) for i in range(2000)],
    )
    await db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    await db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for number in range(3, 8):  # garble the headers of a few of the table's pages
        start = page * (number - 1)
        data[start : start + 12] = b"\xa5" * 12
    path.write_bytes(bytes(data))
    db = Database(path)
    with pytest.raises(CorruptDatabase, match="restore it from a backup"):
        await db.open()
    await db.close()


def test_sqlite_errors_are_sorted_into_troubles(tmp_path: Path):
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(sqlite3.Error) as full:
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    assert classify(full.value) is Trouble.DISK_FULL
    conn.close()
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as refused:
        read_only.execute("INSERT INTO t VALUES (1)")
    assert classify(refused.value) is Trouble.READ_ONLY
    read_only.close()
    assert classify(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert classify(ValueError("not sqlite")) is None


async def test_organizers_hear_of_trouble_once_and_when_it_ends():
    now = [0.0]
    health = StorageHealth(repeat_after=3600, monotonic=lambda: now[0])
    heard: list[tuple[Trouble, bool]] = []

    async def listener(notice):
        heard.append((notice.trouble, notice.cleared))

    health.listen(listener)
    for _ in range(3):
        health.trouble(Trouble.BUSY, "database is locked")
    health.write_succeeded()
    await health.drain()
    assert heard == [(Trouble.BUSY, False), (Trouble.BUSY, True)]
    now[0] = 60.0  # back within the hour: logged, not told again
    health.trouble(Trouble.BUSY)
    health.write_succeeded()
    now[0] = 4000.0
    health.trouble(Trouble.BUSY)
    health.trouble(Trouble.CORRUPT)
    health.write_succeeded()  # a write doesn't mend a damaged file
    await health.drain()
    assert heard[2:] == [(Trouble.BUSY, False), (Trouble.CORRUPT, False), (Trouble.BUSY, True)]
    assert health.active == {Trouble.CORRUPT}


async def test_a_database_already_at_the_last_migration_is_marked_too(tmp_path: Path):
    """A bot database made before 0009 existed (main had 0001-0008 and 0010-0013)."""
    old = tmp_path / "mig"
    old.mkdir()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if not path.name.startswith("0009_"):
            shutil.copy(path, old)
    db = Database(tmp_path / "bot.db")
    await db.open(old)
    await update_guild_settings(db, 7, NOW, timezone="America/Chicago")
    assert await db.fetchval("PRAGMA application_id") == 0
    assert await db.fetchval("SELECT max(version) FROM schema_migrations") == 13
    await db.close()
    db = Database(tmp_path / "bot.db")
    await db.open()
    assert await db.fetchval("PRAGMA application_id") == APPLICATION_ID
    assert await db.fetchval("SELECT count(*) FROM schema_migrations WHERE version=9") == 1
    assert (await get_guild_settings(db, 7)).timezone == "America/Chicago"
    await db.close()
