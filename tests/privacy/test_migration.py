"""A database from before issue 15 is sealed in place, in one transaction: nothing lost,
nothing left in the clear."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.calls import storage as calls
from bot.campaigns import storage as campaigns
from bot.core.database import MIGRATIONS_DIR, Database
from bot.groups.storage import current_edit, forget_editor
from bot.privacy import sealing
from bot.privacy.keys import DataKey
from bot.privacy.member_language import member_locale
from bot.privacy.members import FORMER_ORGANIZER, member_ids, member_key
from bot.privacy.storage import get_show_name
from bot.privacy.unlock import DataKeyError, unlock
from bot.reps.member_location import MemberLocation, get_location
from tests.privacy.leaks import PUBLIC_TABLES, dump, findings, id_forms, word_findings

G1, G2 = 100000000000000001, 100000000000000002
ANN, BOB, ORG = 300000000000000003, 400000000000000004, 500000000000000005
AT = "2026-01-0{}T18:00:00+00:00"

OLD_ROWS = [
    # calls: Ann three weeks running, one tied to an office; Bob once, in another server
    "INSERT INTO calls (guild_id, user_id, campaign, office, day, outcome, at) VALUES"
    f" ({G1}, {ANN}, 'hketo', 'Z000007', '2025-12-22', 'reached', '{AT.format(1)}'),"
    f" ({G1}, {ANN}, 'hketo', '', '2025-12-29', 'voicemail', '{AT.format(2)}'),"
    f" ({G1}, {ANN}, 'tnr', '', '2026-01-05', 'no_answer', '{AT.format(5)}'),"
    f" ({G2}, {BOB}, 'hketo', 'Z000003', '2026-01-05', 'reached', '{AT.format(5)}')",
    "INSERT INTO member_locations (guild_id, user_id, state, district, updated_at) VALUES"
    f" ({G1}, {ANN}, 'WY', 0, '{AT.format(1)}'), ({G2}, {BOB}, 'NH', NULL, '{AT.format(1)}')",
    "INSERT INTO member_privacy (guild_id, user_id, show_name, updated_at) VALUES"
    f" ({G1}, {ANN}, 1, '{AT.format(1)}'), ({G2}, {BOB}, 0, '{AT.format(1)}')",
    "INSERT INTO bill_status (guild_id, campaign, text, set_by, set_at) VALUES"
    f" ({G1}, 'hketo', 'Reintroduced.', {ORG}, '{AT.format(1)}'),"
    f" ({G1}, 'hketo', 'Older.', 0, '{AT.format(1)}')",
    "INSERT INTO call_scripts (guild_id, campaign, template, set_by, set_at) VALUES"
    f" ({G1}, 'hketo', 'Hello {{short_name}}', {ORG}, '{AT.format(1)}')",
    "INSERT INTO group_location_edits (guild_id, position, city, state, metro, set_by, set_at)"
    f" VALUES ({G1}, 5, 'Oakland', 'CA', NULL, {ORG}, '{AT.format(1)}')",
    "INSERT INTO call_script_variants (guild_id, campaign, variant, template, set_by, set_at)"
    f" VALUES ({G1}, 'hketo', 'cosponsor', 'Thanks, {{name}}', {ORG}, '{AT.format(1)}')",
    f"INSERT INTO member_languages (guild_id, user_id, locale) VALUES ({G2}, {BOB}, 'zh-TW')",
    f"UPDATE calls SET office_status='cosponsor' WHERE user_id={BOB}",
]


async def old_database(tmp_path: Path, without: str = "0011_", rows: list[str] = OLD_ROWS) -> Path:
    """A database as the bot kept it before migration 0011 (every other migration applied,
    as a server running main had them), with members in it; or before another migration."""
    folder = tmp_path / "before"
    folder.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if not path.name.startswith(without):
            shutil.copy(path, folder)
    db = Database(tmp_path / "old.db")
    await db.open(folder)
    for sql in rows:
        await db.execute(sql)
    await db.close()
    return tmp_path / "old.db"


async def test_an_old_database_is_sealed_in_place_and_keeps_everything(tmp_path: Path):
    path = await old_database(tmp_path)
    db = Database(path)
    await db.open()
    await unlock(db, DataKey.generate(), today="2026-01-06")
    try:
        assert await get_location(db, G1, ANN) == MemberLocation("WY", 0)
        assert await get_location(db, G2, BOB) == MemberLocation("NH", None)
        assert await get_show_name(db, G1, ANN) and not await get_show_name(db, G2, BOB)
        assert await calls.campaign_total(db, G1, "hketo") == 2
        standings = await calls.standing_counts(db, G2, "2026-01-05", "2026-01-01")
        assert {k: v.all_time for k, v in standings.items()} == {"cosponsor": 1}
        standings = await calls.standing_counts(db, G1, "2026-01-05", "2026-01-01", "hketo")
        assert {k: v.all_time for k, v in standings.items()} == {None: 1, "unknown": 1}
        assert await member_locale(db, G2, BOB) == "zh-TW"
        mine = await calls.member_counts(db, G1, ANN, "2026-01-05", "2026-01-01")
        assert (mine.week, mine.month, mine.all_time) == (1, 1, 3)
        streak = await calls.member_streak(db, G1, ANN)
        assert streak is not None and streak.shown(date(2026, 1, 6)) == 3
        assert await calls.named_callers(db, G1, "2025-12-01") == [ANN]
        # one tap a day still counts once, the office still matched through its seal
        assert not await calls.record_call(
            db, G1, ANN, "hketo", "voicemail", "2025-12-22", AT.format(6), "Z000007"
        )
        history = await campaigns.status_history(db, G1, "hketo")
        assert [s.set_by for s in history] == [FORMER_ORGANIZER, member_key(db, G1, ORG)]
        assert await campaigns.get_script(db, G1, "hketo") == "Hello {short_name}"
        assert await forget_editor(db, G1, ORG) == 1
        assert (await current_edit(db, G1, 5)).set_by == FORMER_ORGANIZER
        keys = [member_key(db, G1, who) for who in (ANN, ORG)]
        assert set((await member_ids(db, G1, keys)).values()) == {ANN, ORG}
    finally:
        await db.close()

    cells = dump(path)
    assert not [c for c in cells if c.table == "plain_member_locations"]
    needles = [form for who in (ANN, BOB, ORG) for form in id_forms(who)]
    assert findings(cells, needles) == []
    assert word_findings(cells, ["WY", "NH", "Z000007", "Z000003"], skip=PUBLIC_TABLES) == []


async def test_sealing_is_one_transaction(tmp_path: Path, monkeypatch):
    path = await old_database(tmp_path)

    async def broken(conn):
        raise RuntimeError("power cut")

    monkeypatch.setattr(sealing, "member_data_kinds", lambda: [_Broken(broken)])
    db = Database(path)
    await db.open()
    with pytest.raises(RuntimeError):
        await unlock(db, DataKey.generate())
    await db.close()
    cells = dump(path)
    # still entirely as it was: ids in the clear, the plain locations, no check value
    assert findings(cells, id_forms(ANN)) and [
        c for c in cells if c.table == "plain_member_locations"
    ]
    assert not [c for c in cells if c.table == "member_directory"]
    assert not [c for c in cells if c.table == "bot_meta" and c.value == "data_key_check"]

    monkeypatch.undo()
    key = DataKey.generate()
    db = Database(path)
    await db.open()
    try:
        await unlock(db, key)  # the next start finishes the job
        assert await get_location(db, G1, ANN) == MemberLocation("WY", 0)
    finally:
        await db.close()
    db = Database(path)
    await db.open()
    try:
        with pytest.raises(DataKeyError):  # and from then on only that key opens it
            await unlock(db, DataKey.generate())
    finally:
        await db.close()


class _Broken:
    def __init__(self, upgrade) -> None:
        self.upgrade = upgrade
