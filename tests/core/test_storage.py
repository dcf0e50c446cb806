"""Storage: migrations apply once, in order, in a transaction; old databases upgrade."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.database import MIGRATIONS_DIR, Database, MigrationError, discover_migrations
from bot.core.guild_settings import get_guild_settings, update_guild_settings


async def _versions(db: Database) -> list[int]:
    rows = await db.fetchall("SELECT version FROM schema_migrations ORDER BY version")
    return [r[0] for r in rows]


async def test_fresh_database_gets_every_migration_once(tmp_path: Path):
    db = Database(tmp_path / "a.db")
    await db.open()
    expected = [v for v, _ in discover_migrations()]
    assert await _versions(db) == expected
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    assert (await db.fetchval("PRAGMA journal_mode")).lower() == "wal"
    await db.close()
    db = Database(tmp_path / "a.db")
    await db.open()
    assert await _versions(db) == expected  # nothing applied twice
    await db.close()


async def test_old_database_upgrades_itself_and_keeps_its_data(tmp_path: Path):
    only_first = tmp_path / "mig"
    only_first.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_core.sql", only_first)
    db = Database(tmp_path / "old.db")
    await db.open(only_first)
    await update_guild_settings(db, 42, "2026-01-01T00:00:00+00:00", timezone="America/Chicago")
    await db.close()

    db = Database(tmp_path / "old.db")
    await db.open()
    assert await _versions(db) == [v for v, _ in discover_migrations()]
    assert (await get_guild_settings(db, 42)).timezone == "America/Chicago"
    await db.close()


async def test_a_failing_migration_changes_nothing_and_names_the_file(tmp_path: Path):
    folder = tmp_path / "mig"
    folder.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_core.sql", folder)
    (folder / "0002_broken.sql").write_text(
        "CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;\n"
    )
    db = Database(tmp_path / "b.db")
    with pytest.raises(MigrationError, match=r"0002_broken\.sql"):
        await db.open(folder)
    assert await _versions(db) == [1]
    assert await db.fetchval("SELECT name FROM sqlite_master WHERE name='half_done'") is None
    await db.close()


def test_misnamed_migration_is_refused(tmp_path: Path):
    (tmp_path / "2_oops.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match=r"NNNN_name\.sql"):
        discover_migrations(tmp_path)


async def test_transaction_rolls_back_on_error(tmp_path: Path):
    db = Database(tmp_path / "c.db")
    await db.open()
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'v')")
            raise RuntimeError("boom")
    assert await db.fetchval("SELECT value FROM bot_meta WHERE key='k'") is None
    await db.close()


async def test_guild_settings_are_per_server(tmp_path: Path):
    db = Database(tmp_path / "d.db")
    await db.open()
    await update_guild_settings(db, 1, "2026-01-01T00:00:00+00:00", organizer_role_id=99)
    assert (await get_guild_settings(db, 1)).organizer_role_id == 99
    assert (await get_guild_settings(db, 2)).organizer_role_id is None
    with pytest.raises(ValueError):
        await update_guild_settings(db, 1, "x", owner="me")
    await db.close()


async def test_an_insert_that_inserts_nothing_returns_zero(tmp_path: Path):
    db = Database(tmp_path / "e.db")
    await db.open()
    first = await db.execute("INSERT INTO bot_meta (key, value) VALUES ('k', 'v')")
    again = await db.execute(
        "INSERT INTO bot_meta (key, value) VALUES ('k', 'w') ON CONFLICT DO NOTHING"
    )
    assert first > 0 and again == 0
    assert await db.fetchval("SELECT value FROM bot_meta WHERE key='k'") == "v"
    await db.close()
