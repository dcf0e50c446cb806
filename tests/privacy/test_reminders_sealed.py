"""Reminder subscriptions from before migration 0013 are sealed at the next start."""

from __future__ import annotations

from pathlib import Path

from bot.core.database import Database
from bot.privacy.keys import DataKey
from bot.privacy.members import member_ids, member_key
from bot.privacy.unlock import unlock
from bot.reminders import subscriptions
from tests.privacy.leaks import dump, findings, id_forms
from tests.privacy.test_migration import old_database

G1, G2 = 100000000000000001, 100000000000000002
ANN, BOB = 300000000000000003, 400000000000000004


OLD_SUBSCRIPTIONS = [
    "INSERT INTO reminder_subscriptions (guild_id, user_id, campaign, created_at) VALUES"
    f" ({G1}, {ANN}, 'hketo', '2026-01-01'), ({G1}, {ANN}, 'tnr', '2026-01-01'),"
    f" ({G2}, {ANN}, 'hketo', '2026-01-02'), ({G2}, {BOB}, 'tnr', '2026-01-02')"
]


async def test_old_subscriptions_become_pseudonyms_and_keep_working(tmp_path: Path):
    path = await old_database(tmp_path, "0013_", OLD_SUBSCRIPTIONS)
    db = Database(path)
    await db.open()
    await unlock(db, DataKey.generate(), today="2026-01-06")
    try:
        assert await subscriptions.member_subscriptions(db, G1, ANN) == ["hketo", "tnr"]
        assert await subscriptions.everywhere(db, ANN) == [
            (G1, "hketo"),
            (G1, "tnr"),
            (G2, "hketo"),
        ]
        assert await member_ids(db, G2, [member_key(db, G2, BOB)]) == {member_key(db, G2, BOB): BOB}
        assert await subscriptions.unsubscribe(db, G2, BOB, "tnr")
        assert await subscriptions.subscriber_count(db, G2, "tnr") == 0
    finally:
        await db.close()
    assert findings(dump(path), id_forms(ANN) + id_forms(BOB)) == []
