"""The member's own offices in /call, a button row each, calls recorded per office."""

from __future__ import annotations

from pathlib import Path

import discord

from bot.calls.offices import call_offices
from bot.core.content import load_content
from bot.privacy.binding import vault_of
from bot.privacy.inventory import CALL_OFFICE
from bot.privacy.members import member_key
from bot.reps import storage as store
from bot.reps.legislators import HOUSE, SENATE, parse_legislators
from cogs.calls.card import offices_view

DATA = Path(__file__).resolve().parents[1] / "data" / "legislators"
STATES = load_content().states


async def _load(world) -> None:
    parsed = parse_legislators((DATA / "good.json").read_bytes(), known_states=STATES)
    await store.replace_legislators(
        world.env.bot.db, parsed.members, source="good.json", sha256="x", now_iso="2026-01-01"
    )


def _field(embed: discord.Embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


def _rows(message) -> list[list[dict]]:
    return [row["components"] for row in message.components]


async def _offices_recorded(world) -> list[tuple[str, str]]:
    """The member's calls as stored: the office opens only with the bot's key."""
    db, guild_id = world.env.bot.db, world.guild.id
    rows = await db.fetchall(
        "SELECT office, outcome FROM calls WHERE guild_id=? AND member=?",
        (guild_id, member_key(db, guild_id, world.member.id)),
    )
    assert all(isinstance(r[0], bytes) for r in rows)  # never the office in the clear
    return sorted((CALL_OFFICE.open(vault_of(db), guild_id, r[0]), r[1]) for r in rows)


async def test_call_shows_my_own_offices_with_a_row_each(world):
    await _load(world)
    await world.member.slash(world.general, "me location", state="NH", district=1)
    result = await world.member.slash(world.general, "call", bill="HKETO")
    assert result.ephemeral
    mine = _field(result.response.embeds[0], "Your own offices")
    assert "Your senators" in mine and "Your representative" in mine
    assert "**Sen. Avery Example** (D-NH) · ☎ 202-555-0100" in mine
    assert "**Sen. Blake Placeholder** (R-NH)" in mine
    assert "**Rep. Casey Fictional** (D-NH-1)" in mine
    rows = _rows(result.response)
    assert [row[0]["label"] for row in rows] == [
        "Sen. Avery Example",
        "Sen. Blake Placeholder",
        "Rep. Casey Fictional",
    ]
    assert all(row[0].get("disabled") for row in rows)
    assert [c["label"] for c in rows[0][1:]] == [
        "I reached someone",
        "I left a voicemail",
        "I couldn't get through",
    ]
    assert rows[0][1]["custom_id"] == "call:outcome:hketo:reached:Z000001"

    thanks = await world.member.click(
        result.response, custom_id="call:outcome:hketo:voicemail:Z000003"
    )
    assert thanks.ephemeral and "Thank you for calling" in thanks.response.content
    await world.member.click(result.response, custom_id="call:outcome:hketo:reached:Z000001")
    assert await _offices_recorded(world) == [("Z000001", "reached"), ("Z000003", "voicemail")]


async def test_office_buttons_work_after_a_restart(world):
    await _load(world)
    await world.member.slash(world.general, "me location", state="WY")
    result = await world.member.slash(world.general, "call", bill="tnr")
    await world.env.restart_bot()
    await world.member.click(result.response, custom_id="call:outcome:tnr:no_answer:Z000007")
    assert await _offices_recorded(world) == [("Z000007", "no_answer")]


async def test_without_a_location_call_explains_and_keeps_the_plain_buttons(world):
    await _load(world)
    result = await world.member.slash(world.general, "call", bill="HKETO")
    mine = _field(result.response.embeds[0], "Your own offices")
    assert "Save your state with `/me location`" in mine
    labels = [c["label"] for row in _rows(result.response) for c in row]
    assert labels == ["I reached someone", "I left a voicemail", "I couldn't get through"]


async def test_without_a_district_the_senators_come_with_the_plain_row(world):
    await _load(world)
    await world.member.slash(world.general, "me location", state="NH")
    result = await world.member.slash(world.general, "call", bill="sanctions")
    mine = _field(result.response.embeds[0], "Your own offices")
    assert "Avery Example" in mine and "Add your district with `/me location`" in mine
    rows = _rows(result.response)
    assert len(rows) == 3 and rows[-1][0]["custom_id"] == "call:outcome:sanctions:reached"


async def test_a_vacancy_and_no_senators_are_explained(world):
    await _load(world)
    db, gid, uid = world.env.bot.db, world.guild.id, world.member.id
    await world.member.slash(world.general, "me location", state="ME", district=2)
    found = await call_offices(db, gid, uid, [SENATE, HOUSE], STATES)
    assert len(found.offices) == 2 and found.incomplete
    assert "no office for your location" in found.text
    await world.member.slash(world.general, "me location", state="DC")
    found = await call_offices(db, gid, uid, [SENATE], STATES)
    assert "District of Columbia has no senators" in found.text and not found.incomplete
    view = offices_view("hketo", found)
    assert [i.custom_id for i in view.children] == [
        "call:outcome:hketo:reached",
        "call:outcome:hketo:voicemail",
        "call:outcome:hketo:no_answer",
    ]
    found = await call_offices(db, gid, uid, [HOUSE], STATES)
    assert "Del. Noel Mockup" in found.text and not found.incomplete


async def test_another_member_sees_only_their_own_offices(world):
    await _load(world)
    await world.member.slash(world.general, "me location", state="NH", district=2)
    result = await world.organizer.slash(world.general, "call", bill="HKETO")
    text = _field(result.response.embeds[0], "Your own offices")
    assert "Drew Madeup" not in text and "New Hampshire" not in text


async def test_a_reminder_dm_lists_the_subscribers_own_offices(world):
    await _load(world)
    organizer_channel = world.call_to_action
    await world.member.slash(world.general, "me location", state="NH", district=1)
    await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    other = world.guild.add_member(world.env.create_user("nolocation"))
    await other.slash(world.general, "reminders subscribe", bill="HKETO")

    preview = await world.organizer.slash(
        world.general, "remind create", bill="HKETO", when="in 5 minutes", channel=organizer_channel
    )
    await world.organizer.click(preview.response, label="Confirm")
    await world.env.advance_time(5 * 60)

    mine = world.member.user.dm_channel.last_message.content
    assert "**Your offices**" in mine
    assert "Sen. Avery Example" in mine and "Rep. Casey Fictional" in mine
    assert "202-555-0100" in mine
    theirs = other.user.dm_channel.last_message.content
    assert "time to call" in theirs and "Your offices" not in theirs


async def test_open_call_script_from_a_reminder_dm_shows_own_offices_and_counts_for_the_server(
    world,
):
    await _load(world)
    await world.member.slash(world.general, "me location", state="NH", district=1)
    await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    preview = await world.organizer.slash(
        world.general,
        "remind create",
        bill="HKETO",
        when="in 5 minutes",
        channel=world.call_to_action,
    )
    await world.organizer.click(preview.response, label="Confirm")
    await world.env.advance_time(5 * 60)

    dm = world.member.user.dm_channel.last_message
    card = await world.member.user.click(dm, label="Open call script")
    assert "Sen. Avery Example" in _field(card.response.embeds[0], "Your own offices")
    rows = _rows(card.response)
    assert rows[0][0]["label"] == "Sen. Avery Example"
    assert rows[0][1]["custom_id"].endswith(f"@{world.guild.id}")

    await world.member.user.click(card.response, custom_id=rows[0][1]["custom_id"])
    assert await _offices_recorded(world) == [("Z000001", "reached")]
