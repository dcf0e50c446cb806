"""Reminder ids and time zones autocomplete only for organizers: members learn nothing."""

from tests.helpers import schedule


async def test_members_autocomplete_no_reminder_ids(world):
    reminder = await schedule(world, "in 1 hour")
    for command in ("remind show", "remind edit", "remind pause", "remind cancel"):
        assert await world.member.autocomplete(world.general, command, "id", "") == [], command
    choices = await world.organizer.autocomplete(world.general, "remind show", "id", "")
    assert choices[0]["value"] == reminder


async def test_members_autocomplete_no_time_zones(world):
    assert await world.member.autocomplete(world.general, "remind create", "timezone", "Amer") == []
    assert await world.organizer.autocomplete(world.general, "remind create", "timezone", "Amer")
