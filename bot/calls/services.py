"""What the call flow needs from the running bot: its database, clock, settings and content."""

from __future__ import annotations

from typing import Protocol

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import Content
from bot.core.database import Database


class Services(Protocol):
    """The bot as the call flow sees it (``AdvocacyBot`` is one; a test may pass its own)."""

    @property
    def db(self) -> Database: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def content(self) -> Content: ...
