"""A database in trouble, driven through SimCord: locked, deleted, full, someone else's.

Times here are real time (``time.perf_counter``), because the lock another process holds is
real: SimCord's clock does not move while the bot waits on SQLite.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.privacy.keys import DataKey
from tests.app.test_cli import GOOD_TOKEN, env_file  # noqa: F401  (a fixture)
from tests.helpers import bot_posts

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""

BUSY = "The database is busy right now, and nothing was changed"
CANT_SAVE = "I can't save anything right now, and nothing was changed"


def hold_write_lock(path: Path, seconds: float = 10.0) -> subprocess.Popen[str]:
    """Another process takes the database's write lock and keeps it for ``seconds``."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


async def timed(step):
    started = time.perf_counter()
    result = await step
    return result, time.perf_counter() - started


async def test_a_database_locked_by_another_process_gets_an_answer_within_3_seconds(world, db_path):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.call_to_action)
    card = await world.member.slash(world.general, "call", bill="HKETO")
    holder = hold_write_lock(db_path, 10.0)
    try:
        # Reads don't wait for the lock: the call card comes at once.
        again, took = await timed(world.member.slash(world.general, "call", bill="HKETO"))
        assert again.response.embeds and took < 1.0
        tap, took = await timed(world.member.click(card.response, label="I reached someone"))
        assert tap.ephemeral and BUSY in tap.response.content and took < 3.0
        zone, took = await timed(
            world.organizer.slash(world.general, "setup timezone", name="America/Chicago")
        )
        assert BUSY in zone.response.content and took < 3.0
    finally:
        holder.kill()
        holder.wait()
    shown = await world.organizer.slash(world.general, "setup show")
    assert "America/Chicago" not in shown.response.content  # nothing changed
    saved = await world.organizer.slash(world.general, "setup timezone", name="America/Chicago")
    assert saved.response.content == "This server's time zone is now America/Chicago."
    told = [m.content for m in bot_posts(world.call_to_action)]
    assert len(told) == 2  # once when it started (not once per refused write), once when over
    assert told[0].startswith("⚠️ Storage trouble: the database is locked by another program")
    assert told[1].startswith("✅ Storage trouble over")


async def test_a_deleted_database_file_is_noticed_before_the_next_write_is_confirmed(
    world, db_path
):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.call_to_action)
    card = await world.member.slash(world.general, "call", bill="HKETO")
    db_path.unlink()
    tap = await world.member.click(card.response, label="I reached someone")
    assert CANT_SAVE in tap.response.content and "Thank you" not in tap.response.content
    told = [m.content for m in bot_posts(world.call_to_action)]
    assert len(told) == 1 and "the database file was deleted or replaced" in told[0]
    # What was open is saved beside the lost file, and the bot stops.
    copies = list(db_path.parent.glob("bot.db.recovered-*"))
    assert len(copies) == 1 and world.env.bot.lost_database_copy == copies[0]
    assert world.env.bot.is_closed()
    assert not db_path.exists()  # nothing made a new, empty database at the path


async def test_a_replaced_database_file_gets_no_more_writes(world, db_path, tmp_path):
    world.env.bot.stop_when_database_lost = False
    other = tmp_path / "other.db"
    other.write_bytes(db_path.read_bytes())
    other.replace(db_path)  # e.g. a backup restored over the live file
    saved = await world.organizer.slash(world.general, "setup timezone", name="America/Chicago")
    assert CANT_SAVE in saved.response.content
    assert world.env.bot.db.lost == f"{db_path} was replaced"
    again = await world.organizer.slash(world.general, "setup timezone", name="America/Denver")
    assert CANT_SAVE in again.response.content


async def test_a_read_only_database_is_told_once_and_its_end_too(world):
    await world.organizer.slash(world.general, "setup log-channel", channel=world.call_to_action)
    db = world.env.bot.db
    await db.execute("PRAGMA query_only=ON")  # as the file or disk turning read-only would
    for zone in ("America/Chicago", "America/Denver"):
        refused = await world.organizer.slash(world.general, "setup timezone", name=zone)
        assert CANT_SAVE in refused.response.content
    await db.execute("PRAGMA query_only=OFF")
    zone = await world.organizer.slash(world.general, "setup timezone", name="America/Chicago")
    assert zone.response.content == "This server's time zone is now America/Chicago."
    told = [m.content for m in bot_posts(world.call_to_action)]
    assert len(told) == 2
    assert told[0].startswith("⚠️ Storage trouble: the database file can't be written")
    assert told[1].startswith("✅ Storage trouble over (the database file can't be written)")


@pytest.mark.usefixtures("env_file")
def test_another_programs_sqlite_file_is_refused_byte_for_byte_untouched(
    tmp_path: Path, capsys, monkeypatch
):
    monkeypatch.setenv("DISCORD_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("DATA_KEY", DataKey.generate().text)

    foreign = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine, not the bot''s')")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    assert main(["--db", str(foreign)]) == 2
    err = capsys.readouterr().err
    assert "another program" in err and "left untouched" in err and "Traceback" not in err
    assert foreign.read_bytes() == before
    assert not list(tmp_path.glob("notes.sqlite-*"))  # no journal, WAL or shared memory
