"""Members see only what they may use: what Discord is told, and organizer-only autocomplete.

Discord hides commands from members only as whole top-level commands (a top-level command's
``default_member_permissions``), so a group must not mix members' and organizers' subcommands.
Which commands are organizers' is read from our own check on each one (``organizer_only``),
so a future mixed group fails here.
"""

from __future__ import annotations

import pytest
from discord import app_commands
from simcord import SetupError

from cogs._common.permissions import check_organizer
from tests.helpers import grant_to_everyone

MANAGE_GUILD = str(1 << 5)
ORGANIZER_COMMANDS = (
    "setup",
    "call-script",
    "call-reset-script",
    "remind",
    "group-location",
    "bill-tracking",
)
MEMBER_COMMANDS = ("statement", "groups", "bills", "call", "reminders", "me", "reps", "help")
SERVER_ONLY = 0  # an interaction context type: in a server (1: the bot's DM, 2: private channels)


def _registered(world) -> dict[str, dict]:
    """The commands as the bot last sent them to Discord (the PUT of the command list)."""
    puts = [
        r for r in world.env.http_requests if r.method == "PUT" and r.path.endswith("/commands")
    ]
    assert puts, "the bot never registered its commands"
    return {c["name"]: c for c in puts[-1].json}


def _organizer_only(world) -> dict[str, list[bool]]:
    """Each top-level command: for each command under it (or itself), whether our organizer
    check runs on it."""
    found: dict[str, list[bool]] = {}
    for command in world.env.bot.tree.walk_commands():
        if isinstance(command, app_commands.Command):
            top = (command.root_parent or command).name
            found.setdefault(top, []).append(check_organizer in command.checks)
    return found


async def test_organizer_commands_carry_manage_server_as_default_permission(world):
    commands = _registered(world)
    for name in ORGANIZER_COMMANDS:
        assert str(commands[name]["default_member_permissions"]) == MANAGE_GUILD, name
    for name in MEMBER_COMMANDS:
        assert commands[name].get("default_member_permissions") is None, name


async def test_what_discord_hides_is_exactly_what_our_check_keeps_to_organizers(world):
    """Every all-organizer command is hidden from members, and no command members see has
    an organizer subcommand in it (where members would see what they can't use)."""
    commands = _registered(world)
    checked = _organizer_only(world)
    assert set(checked) == set(commands)
    for name, organizer_only in checked.items():
        hidden = commands[name].get("default_member_permissions") is not None
        if all(organizer_only):
            assert str(commands[name]["default_member_permissions"]) == MANAGE_GUILD, name
        else:
            assert not hidden, f"/{name} is hidden though members may use some of it"
            assert not any(organizer_only), f"/{name} mixes members' and organizers' commands"
    assert {n for n, o in checked.items() if all(o)} == set(ORGANIZER_COMMANDS)


async def test_organizer_commands_are_offered_only_in_servers(world):
    commands = _registered(world)
    for name, organizer_only in _organizer_only(world).items():
        if all(organizer_only):
            assert commands[name].get("contexts") == [SERVER_ONLY], name


async def test_server_only_commands_are_not_offered_in_direct_messages(world):
    commands = _registered(world)
    for name in (*ORGANIZER_COMMANDS, "bills", "reminders", "me", "call"):
        assert commands[name].get("contexts") == [SERVER_ONLY], name


async def test_a_member_is_offered_the_members_commands_and_none_of_the_organizers(world):
    member = {c.split(" ")[0] for c in world.member.available_commands(world.general)}
    organizer = {c.split(" ")[0] for c in world.organizer.available_commands(world.general)}
    assert member.isdisjoint(ORGANIZER_COMMANDS)
    assert set(ORGANIZER_COMMANDS) <= organizer
    assert {"reminders", "groups", "bills"} <= member
    assert "reminders subscribe" in world.member.available_commands(world.general)


async def test_a_member_does_not_see_setup_at_all(world):
    with pytest.raises(SetupError, match="not visible"):
        await world.member.autocomplete(world.general, "setup timezone", "name", "paci")
    assert await world.organizer.autocomplete(world.general, "setup timezone", "name", "paci")


async def test_a_members_autocomplete_on_organizer_options_is_empty(world):
    options = [("group-location set", "state", "ca"), ("group-location set", "city", "oak")]
    for command, option, typed in options:
        with pytest.raises(SetupError, match="not visible"):
            await world.member.autocomplete(world.general, command, option, typed)
    await grant_to_everyone(world, "group-location")  # an admin shows it to everyone
    for command, option, typed in options:
        assert await world.member.autocomplete(world.general, command, option, typed) == []
        assert await world.organizer.autocomplete(world.general, command, option, typed), command
