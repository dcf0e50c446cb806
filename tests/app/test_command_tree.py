"""Every cog's commands together: valid names, catalog descriptions, no collisions."""

from __future__ import annotations

import re

from discord import app_commands

from bot.app import discover_cogs

NAME = re.compile(r"^[-_'\w]{1,32}$")


def _walk(commands, prefix=""):
    for command in commands:
        path = f"{prefix}{command.name}"
        yield path, command
        if isinstance(command, app_commands.Group):
            yield from _walk(command.commands, path + " ")


async def test_commands_are_valid_and_unique(world):
    tree = world.env.bot.tree
    paths = [p for p, _ in _walk(tree.get_commands())]
    assert len(paths) == len(set(paths)), "two commands share a name"
    for path, command in _walk(tree.get_commands()):
        assert NAME.match(command.name) and command.name == command.name.lower(), path
        description = command._locale_description
        assert isinstance(description, app_commands.locale_str), f"/{path}: not from the catalog"
        assert "key" in description.extras, f"/{path}: description without a catalog key"
        assert 1 <= len(description.message) <= 100, f"/{path}: description length"
        if isinstance(command, app_commands.Command):
            assert len(command.parameters) <= 25
            for param in command.parameters:
                assert NAME.match(param.name) and param.name == param.name.lower(), path
                assert 1 <= len(param.description) <= 100, f"/{path} {param.name}: description"
                locale = param.locale_description
                assert locale is not None and "key" in locale.extras, (
                    f"/{path} {param.name}: option description not from the catalog"
                )


def test_every_cog_module_is_discovered():
    assert "cogs.setup" in discover_cogs()
    assert "cogs.me" in discover_cogs()
