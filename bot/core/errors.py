"""Errors a user may see: raise :class:`UserError` with a catalog key, the handler replies."""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Bad input or a refused action; shown privately as the catalog message ``key``."""

    def __init__(self, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
