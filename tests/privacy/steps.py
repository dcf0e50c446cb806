"""Steps the privacy tests share: a member leaves every kind of trace a member can."""

from __future__ import annotations

from pathlib import Path

from bot.core.content import load_content
from bot.reps import storage as reps_store
from bot.reps.legislators import parse_legislators

DATA = Path(__file__).resolve().parents[1] / "data" / "legislators"
# Where the member says they live (New Hampshire's 1st district) and the offices that
# betray it: their two senators and their representative.
STATE, STATE_NAME, DISTRICT = "NH", "New Hampshire", 1
OFFICES = ("Z000001", "Z000002", "Z000003")


async def load_legislators(world) -> None:
    parsed = parse_legislators(
        (DATA / "good.json").read_bytes(), known_states=load_content().states
    )
    await reps_store.replace_legislators(
        world.env.bot.db,
        parsed.members,
        source="good.json",
        sha256="x",
        now_iso="2026-01-01T00:00:00+00:00",
    )


async def member_leaves_every_trace(world, member=None) -> None:
    """Call (not tied to an office), save a location, call each office, subscribe, opt in
    then out of naming."""
    member = member or world.member
    general = world.general
    plain = await member.slash(general, "call", bill="TNR")
    await member.click(plain.response, custom_id="call:outcome:tnr:no_answer")
    await member.slash(general, "me location", state=STATE, district=DISTRICT)
    card = await member.slash(general, "call", bill="HKETO")
    await member.click(card.response, custom_id="call:outcome:hketo:voicemail:Z000003")
    await member.click(card.response, custom_id="call:outcome:hketo:reached:Z000001")
    await member.slash(general, "reminders subscribe", bill="HKETO")
    await member.slash(general, "me privacy", show=True)
    await member.slash(general, "me privacy", show=False)
