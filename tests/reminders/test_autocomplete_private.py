"""Reminder ids and time zones autocomplete only for organizers: members learn nothing.

Discord hides /remind from members; these run as if a server's admins had shown it to
everyone (Server Settings > Integrations), so our own check is what keeps the choices empty.
"""

from tests.helpers import grant_to_everyone, schedule


async def test_members_autocomplete_no_reminder_ids(world):
    reminder = await schedule(world, "in 1 hour")
    await grant_to_everyone(world, "remind")
    for command in ("remind show", "remind edit", "remind pause", "remind cancel"):
        assert await world.member.autocomplete(world.general, command, "id", "") == [], command
    choices = await world.organizer.autocomplete(world.general, "remind show", "id", "")
    assert choices[0]["value"] == reminder


async def test_members_autocomplete_no_time_zones(world):
    await grant_to_everyone(world, "remind")
    assert await world.member.autocomplete(world.general, "remind create", "timezone", "Amer") == []
    assert await world.organizer.autocomplete(world.general, "remind create", "timezone", "Amer")
