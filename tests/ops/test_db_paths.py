"""Every unusable database path gets one sentence naming it, on every subcommand."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import ENV_FILE_VAR, main
from bot.core.config import load_settings
from bot.core.paths import default_database_path
from bot.ops.dbcheck import explain
from bot.ops.lock import InstanceLock
from tests.ops.conftest import SETTINGS, TOKEN

LEGISLATORS = Path(__file__).resolve().parents[1] / "data" / "legislators" / "good.json"


def _bad_paths(tmp_path: Path) -> dict[str, Path]:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database " * 50)
    return {
        "uncreatable folder": Path("/proc/nope/bot.db"),
        "a folder": tmp_path,
        "a file as its folder": a_file / "bot.db",
        "not a database": junk,
    }


COMMANDS = {
    "run": [],
    "demo": [],
    "import-legislators": [str(LEGISLATORS)],
    "backup": ["{tmp}/copy.db"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_one_sentence_naming_the_path(command: str, env_file: Path, tmp_path: Path, capsys):
    for what, path in _bad_paths(tmp_path).items():
        extra = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
        assert main(["--db", str(path), command, *extra]) == 2, what
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and captured.out == "", (what, captured)
        assert lines[0].startswith("error: ") and str(path) in lines[0], (what, lines)
        assert "Traceback" not in captured.err


def test_restore_names_the_path_too(env_file: Path, tmp_path: Path, capsys):
    source = tmp_path / "backup.db"
    sqlite3.connect(source).close()
    for what, path in _bad_paths(tmp_path).items():
        if what == "not a database":
            continue  # restore replaces a broken file: see test_backup
        assert main(["--db", str(path), "restore", str(source)]) == 2, what
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err, (what, err)


def test_a_database_locked_by_another_process_is_named(env_file: Path, tmp_path: Path, capsys):
    db = tmp_path / "bot.db"
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("CREATE TABLE t (x)")
        other.execute("BEGIN EXCLUSIVE")  # e.g. an sqlite3 shell in the middle of a write
        assert main(["--db", str(db), "import-legislators", str(LEGISLATORS)]) == 2
        other.execute("ROLLBACK")
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"the database {db} is locked by another process" in err


def test_a_second_bot_on_the_same_database_is_refused(env_file: Path, tmp_path: Path, capsys):
    db = tmp_path / "bot.db"
    with InstanceLock(db):
        assert main(["--db", str(db), "run"]) == 2
        assert main(["--db", str(db), "demo"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(
        f"the database {db} is in use by a running bot (pid {os.getpid()})" in e for e in err
    )


def test_read_only_and_full_disk_have_their_own_sentences():
    path = Path("/srv/bot.db")
    readonly = explain(path, sqlite3.OperationalError("attempt to write a readonly database"))
    assert readonly.startswith("the database /srv/bot.db is read-only for this user")
    full = explain(path, OSError(28, "No space left on device"))
    assert full.startswith("the disk holding the database /srv/bot.db is full")


def test_a_folder_as_database_path_ends_without_thread_noise(tmp_path: Path):
    """The issue's report: one line, then no 'Exception in thread … Event loop is closed'."""
    settings = tmp_path / "bot.env"
    settings.write_text(f"DISCORD_TOKEN={TOKEN}\nDATABASE_PATH={tmp_path}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env[ENV_FILE_VAR] = str(settings)
    done = subprocess.run(
        [sys.executable, "-m", "bot"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"error: the database path {tmp_path} is a folder: give the path of a file, "
        f"e.g. {tmp_path}/bot.db.\n"
    )


def test_paths_default_to_the_user_data_folder_and_resolve_from_where_they_are_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_database_path() == tmp_path / "xdg" / "hk-advocacy-bot" / "bot.db"
    settings_dir = tmp_path / "etc"
    settings_dir.mkdir()
    env_file = settings_dir / "bot.env"
    env_file.write_text("DATABASE_PATH=state/bot.db\nBACKUP_DIR=backups\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    s = load_settings(env_file, environ={}, require_token=False)
    assert s.database_path == settings_dir / "state" / "bot.db"  # from the file's folder
    assert s.ops.backup_dir == settings_dir / "backups" and s.ops.backup_keep == 7
    s = load_settings(env_file, environ={"DATABASE_PATH": "here.db"}, require_token=False)
    assert s.database_path == work / "here.db"  # from the environment: the working folder
    s = load_settings(env_file, environ={}, require_token=False, database_path=Path("cli.db"))
    assert s.database_path == work / "cli.db"  # --db: the working folder
    s = load_settings(None, environ={}, require_token=False)
    assert s.database_path == default_database_path()


@pytest.mark.parametrize(
    ("name", "value"), [("LOG_FORMAT", "xml"), ("BACKUP_KEEP", "0"), ("BACKUP_KEEP", "a week")]
)
def test_bad_ops_settings_are_named(name: str, value: str):
    from bot.core.config import ConfigError

    with pytest.raises(ConfigError, match=f"{name} in the environment must be"):
        load_settings(None, environ={name: value}, require_token=False)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners")
def test_tools_refuse_a_database_of_another_user(env_file: Path, tmp_path: Path, monkeypatch):
    db = tmp_path / "bot.db"
    sqlite3.connect(db).close()
    monkeypatch.setattr(os, "geteuid", lambda: db.stat().st_uid + 1)
    for argv in (["backup", str(tmp_path / "c.db")], ["restore", str(db)]):
        assert main(["--db", str(db), *argv]) == 2
    assert main(["--db", str(db), "check"]) == 1
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
