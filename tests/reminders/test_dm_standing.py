"""A reminder DM lists the member's own offices with where each stands on the bill."""

from __future__ import annotations

from tests.bill_records import online, record_server
from tests.calls.test_call_cosponsors import _ready
from tests.helpers import schedule

__all__ = ["online", "record_server"]


async def test_a_reminder_dm_says_whether_the_members_offices_cosponsor(world, online):
    await _ready(world, online)
    await world.member.slash(world.general, "reminders subscribe", bill="HKETO")
    await schedule(world, "in 5 minutes")
    await world.env.advance_time(5 * 60)
    dm = world.member.user.dm_channel.last_message.content
    assert "**Your offices**" in dm
    assert "**Sen. Avery Example** (D-NH) · ☎ 202-555-0100" in dm
    assert "✅ cosponsor of S. 900 (119th Congress) since March 1, 2025" in dm
