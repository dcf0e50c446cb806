"""`python -m bot check`: one line per item, non-zero on a problem."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import ENV_FILE_VAR, main
from bot.core.config import Settings
from bot.ops import health
from bot.ops.health import Finding, HealthContext, data_age, run_checks
from bot.ops.lock import InstanceLock
from bot.privacy.keys import key_beside
from tests.ops.conftest import TOKEN


def _make_db(path: Path) -> None:
    """A bot database as the bot leaves it (the demo makes one with every migration), and
    the settings' DATA_KEY the one it was sealed with (the demo keeps its key beside it)."""
    assert main(["--db", str(path), "demo"]) == 0
    settings = Path(os.environ[ENV_FILE_VAR])
    key = key_beside(path).read_text(encoding="utf-8").strip()
    lines = settings.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("DATA_KEY=")]
    settings.write_text("\n".join([*kept, f"DATA_KEY={key}", ""]), encoding="utf-8")


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, str]]:
    code = main(["check", *argv])
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    items = {}
    for line in lines:
        level, rest = line.split(maxsplit=1)
        item, text = rest.split(": ", 1)
        items[item] = f"{level} {text}"
    assert len(items) == len(lines)  # one line per item
    return code, items


def _set_congress(path: Path, imported_at: str | None) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT OR REPLACE INTO legislators_status (id, members, imported_at)"
            " VALUES (1, 538, ?)",
            (imported_at,),
        )


def _set_bill_status(path: Path, confirmed_at: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT OR REPLACE INTO bill_records (congress, bill_type, number, title,"
            " format_version, source, sha256, fetched_at, confirmed_at)"
            " VALUES (119, 'hr', 1, 't', '3.0.0', 'test', 'x', ?, ?)",
            (confirmed_at, confirmed_at),
        )


def test_a_healthy_setup_passes_with_one_line_per_item(env_file: Path, capsys, monkeypatch):
    db = env_file.parent / "bot.db"
    _make_db(db)
    _set_congress(db, datetime.now(UTC).isoformat())
    _set_bill_status(db, datetime.now(UTC).isoformat())
    capsys.readouterr()
    code, items = _check(capsys)
    assert code == 0
    assert list(items) == [
        "settings",
        "token",
        "database",
        "integrity",
        "schema",
        "data key",
        "congress data",
        "bill status",
        "disk",
        "backups",
        "bot",
    ]
    assert all(v.startswith("ok ") for v in items.values()), items
    assert str(db) in items["database"] and TOKEN not in str(items)
    assert "538 members" in items["congress data"]
    assert items["bill status"].startswith("ok 1 bills, the oldest copy loaded")


def test_stale_data_warns_and_strict_makes_it_a_problem(env_file: Path, capsys, monkeypatch):
    db = env_file.parent / "bot.db"
    _make_db(db)
    _set_congress(db, (datetime.now(UTC) - timedelta(days=30)).isoformat())
    capsys.readouterr()
    code, items = _check(capsys)
    assert code == 0 and items["congress data"].startswith("warn 538 members, loaded 30 days ago")
    assert items["bill status"].startswith("warn no official record stored yet")
    _set_bill_status(db, (datetime.now(UTC) - timedelta(days=5)).isoformat())
    assert _check(capsys)[1]["bill status"].startswith(
        "warn 1 bills, the oldest copy loaded 5 days"
    )
    assert _check(capsys, "--strict")[0] == 1


def test_a_broken_setup_fails_naming_each_problem(env_file: Path, capsys):
    db = env_file.parent / "bot.db"
    db.write_text("not a database at all " * 100)
    env_file.write_text(f"DISCORD_TOKEN=hunter2\nDATABASE_PATH={db}\n")
    code, items = _check(capsys, "--running")
    assert code == 1
    assert items["token"].startswith("FAIL DISCORD_TOKEN in") and "hunter2" not in str(items)
    assert items["database"].startswith(f"FAIL the database {db} could not be opened")
    assert items["bot"] == "FAIL not running with this database"
    assert "schema" not in items and "integrity" not in items


def test_a_newer_schema_and_a_missing_token_fail(env_file: Path, capsys, monkeypatch):
    db = env_file.parent / "bot.db"
    _make_db(db)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')")
    env_file.write_text("DATABASE_PATH=bot.db\n")
    capsys.readouterr()
    code, items = _check(capsys)
    assert code == 1
    assert items["schema"].startswith("FAIL version 99 is newer than this bot")
    assert items["token"].startswith("FAIL DISCORD_TOKEN is not set")


def test_a_missing_database_is_a_warning_and_bad_settings_one_failure(env_file: Path, capsys):
    code, items = _check(capsys)
    assert code == 0 and items["database"].startswith("warn ") and "creates it" in items["database"]
    env_file.write_text("LOG_FORMAT=xml\n")
    code, items = _check(capsys)
    assert code == 1 and list(items) == ["settings"] and "LOG_FORMAT" in items["settings"]


def test_running_bot_and_its_heartbeat(env_file: Path, capsys):
    db = env_file.parent / "bot.db"
    with InstanceLock(db) as lock:
        lock.touch()
        code, items = _check(capsys, "--running")
        assert items["bot"].startswith(f"ok bot running (pid {os.getpid()}")
        old = time.time() - 3600
        os.utime(lock.path, (old, old))
        code, items = _check(capsys, "--running")
        assert code == 1 and "not connected to Discord?" in items["bot"]


def test_little_disk_space_fails(env_file: Path, capsys, monkeypatch):
    monkeypatch.setattr(health.shutil, "disk_usage", lambda _: type("U", (), {"free": 5 * 2**20})())
    code, items = _check(capsys)
    assert code == 1 and items["disk"].startswith("FAIL only 5.0 MB free")


def test_backups_are_reported_when_on(env_file: Path, capsys, tmp_path: Path):
    env_file.write_text(f"DISCORD_TOKEN={TOKEN}\nBACKUP_DIR=saved\nBACKUP_KEEP=3\n")
    assert _check(capsys)[1]["backups"].startswith(f"warn none yet in {tmp_path / 'saved'}")
    (tmp_path / "saved").mkdir()
    (tmp_path / "saved" / "bot-20260101-000000.db").write_text("x")
    assert "1 in" in _check(capsys)[1]["backups"]


def test_a_check_that_crashes_is_a_failure_and_others_still_run(tmp_path: Path):
    def broken(ctx: HealthContext):
        raise RuntimeError("boom")
        yield

    def fine(ctx: HealthContext):
        yield Finding("ok", "fine", "yes")

    ctx = HealthContext(Settings(database_path=tmp_path / "x.db"), "test")
    found = run_checks(ctx, [broken, fine])
    assert [f.line() for f in found] == [
        "FAIL broken: could not be checked (boom)",
        "ok   fine: yes",
    ]


def test_data_age_is_the_helper_for_any_data_source():
    now = datetime(2026, 3, 1, tzinfo=UTC).timestamp()
    fresh = data_age("bill status", "2026-02-28T00:00:00+00:00", now, 7 * 86400, never="never")
    stale = data_age("bill status", "2026-01-01T00:00:00", now, 7 * 86400, never="never")
    assert fresh.level == "ok" and "loaded 24 h ago" in fresh.text
    assert stale.level == "warn" and "59 days ago" in stale.text
    assert data_age("bill status", None, now, 1, never="never set").text == "never set"


def test_at_start_the_log_reports_the_check_the_bots_open_just_ran(env_file, monkeypatch):
    # bot.runner logs these findings right after opening the database (which runs
    # quick_check): the log says so rather than reading the whole file a second time.
    db_path = env_file.parent / "bot.db"
    _make_db(db_path)

    def again(*args, **kwargs):
        raise AssertionError("quick_check run a second time at start")

    monkeypatch.setattr(health, "integrity_problem", again)
    settings = Settings(token=TOKEN, database_path=db_path)
    ctx = HealthContext(settings, "test", integrity_checked=True)
    found = {f.item: f for f in run_checks(ctx, [health.database])}
    assert found["integrity"].line() == "ok   integrity: quick_check ok (when the bot opened it)"
