"""The ``/me`` command group, shared by the modules of this package."""

from discord import app_commands

from cogs._common.translator import cmd

me = app_commands.Group(
    name="me",
    description=cmd("me.group.description"),
    guild_only=True,
    allowed_contexts=app_commands.AppCommandContext(guild=True),
)
