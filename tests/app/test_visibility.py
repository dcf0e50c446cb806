"""Members see only what they may use: what Discord is told, and organizer-only autocomplete."""

from __future__ import annotations

import pytest
from simcord import SetupError

from tests.helpers import grant_to_everyone

MANAGE_GUILD = str(1 << 5)
ORGANIZER_COMMANDS = ("setup", "call-script", "call-reset-script")


def _registered(world) -> dict[str, dict]:
    """The commands as the bot last sent them to Discord (the PUT of the command list)."""
    puts = [
        r for r in world.env.http_requests if r.method == "PUT" and r.path.endswith("/commands")
    ]
    assert puts, "the bot never registered its commands"
    return {c["name"]: c for c in puts[-1].json}


async def test_organizer_commands_carry_manage_server_as_default_permission(world):
    commands = _registered(world)
    for name in ORGANIZER_COMMANDS:
        assert str(commands[name]["default_member_permissions"]) == MANAGE_GUILD, name
    for name in ("statement", "groups", "call", "help"):
        assert commands[name].get("default_member_permissions") is None, name


async def test_server_only_commands_are_not_offered_in_direct_messages(world):
    commands = _registered(world)
    for name in ("setup", "call-script", "call-reset-script", "bills", "remind", "me", "call"):
        assert commands[name].get("contexts") == [0], name  # 0: in a server only


async def test_a_member_does_not_see_setup_at_all(world):
    with pytest.raises(SetupError, match="not visible"):
        await world.member.autocomplete(world.general, "setup timezone", "name", "paci")
    assert await world.organizer.autocomplete(world.general, "setup timezone", "name", "paci")


async def test_a_members_autocomplete_on_organizer_options_is_empty(world):
    await grant_to_everyone(world, "group-location")  # an admin shows it to everyone
    for command, option, typed in [
        ("group-location set", "state", "ca"),
        ("group-location set", "city", "oak"),
    ]:
        assert await world.member.autocomplete(world.general, command, option, typed) == []
        assert await world.organizer.autocomplete(world.general, command, option, typed), command
