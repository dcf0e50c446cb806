"""Errors a user may see: raise :class:`UserError` with a catalog key, the handler replies."""

from __future__ import annotations

from typing import Any

from discord import app_commands


class UserError(app_commands.AppCommandError):
    """Bad input or a refused action; shown privately as the catalog message ``key``."""

    def __init__(self, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class NotOrganizer(app_commands.CheckFailure):
    """The member is neither a Manage Server holder nor in the organizer role."""


class NotInServer(app_commands.CheckFailure):
    """A server-only command was used in a direct message."""
