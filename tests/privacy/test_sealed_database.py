"""A stolen database names no one: every table, every column, read as a thief would."""

from __future__ import annotations

from bot.demo.language import client_locales
from bot.privacy.keys import DataKey
from tests.helpers import schedule
from tests.privacy.leaks import PUBLIC_TABLES, dump, findings, id_forms, word_findings
from tests.privacy.steps import (
    OFFICES,
    STATE,
    STATE_NAME,
    load_legislators,
    member_leaves_every_trace,
)


async def traces(world) -> None:
    await load_legislators(world)
    await world.organizer.slash(
        world.general, "bill-tracking set-status", bill="HKETO", text="Reintroduced."
    )
    await world.organizer.slash(
        world.general, "group-location set", group="Bonham Tree Aid", city="Oakland", state="CA"
    )
    await member_leaves_every_trace(world)
    await member_leaves_every_trace(world, world.organizer)
    await schedule(world, "in 1 hour")  # the organizer creates a reminder
    client_locales(world.env).set(world.member.id, "zh-TW")  # remembered for DMs
    await world.member.slash(world.general, "me privacy")
    assert await world.env.bot.db.fetchval("SELECT COUNT(*) FROM member_languages") == 1


async def test_no_discord_id_in_any_encoding_in_any_table(world):
    await traces(world)
    assert await world.env.bot.db.fetchval("SELECT COUNT(*) FROM reminder_subscriptions") == 2
    cells = dump(world.env.bot.settings.database_path)
    needles = id_forms(world.member.id) + id_forms(world.organizer.id)
    assert findings(cells, needles) == []


async def test_no_state_district_or_office_of_a_member_in_the_clear(world):
    await traces(world)
    cells = dump(world.env.bot.settings.database_path)
    assert word_findings(cells, [STATE, STATE_NAME, *OFFICES], skip=PUBLIC_TABLES) == []
    # The member's location is there, sealed: their own /me location reads it back.
    shown = await world.member.slash(world.general, "me location")
    assert STATE_NAME in shown.response.content


async def test_the_key_is_nowhere_in_the_database_files(world):
    await traces(world)
    key = DataKey.from_text(world.env.bot.settings.data_key)
    path = world.env.bot.settings.database_path
    files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
    assert files
    for file in files:
        content = file.read_bytes()
        for secret in (key.raw, key.text.encode(), key.pseudonym_key, key.sealing_key):
            assert secret not in content, file.name
