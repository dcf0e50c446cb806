"""What the engine hands a transport: a post to make, a DM to make, and the Transport protocol.

The bot's transport is ``cogs.reminders.transport`` (Discord); the tests and the benchmarks
pass recorders and a stand-in with Discord's latency and limits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.reminders.states import DmOutcome, Failure
from bot.reminders.storage import Reminder


class DeliveryFailed(Exception):
    """A post could not be made: why, and the detail Discord gave (a code or a status)."""

    def __init__(self, reason: Failure, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def code(self) -> str:
        """What is stored: ``reason`` or ``reason:detail`` (see :func:`texts.failure_text`)."""
        return f"{self.reason}:{self.detail}" if self.detail else str(self.reason)


def make_nonce(reminder_id: int, occurrence: int, member: bytes = b"") -> str:
    """A stable nonce for one post (or one DM, from the recipient's pseudonym, never their
    Discord id, so a nonce names no one): 25 characters, Discord's maximum."""
    who = member.hex() if member else "0"
    digest = hashlib.sha256(f"{reminder_id}:{occurrence}:{who}".encode()).hexdigest()
    return "r" + digest[:24]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a reminder to post in its channel."""

    reminder: Reminder
    due: datetime
    late: bool
    nonce: str
    retry: bool = False  # an earlier attempt may have posted before the process died
    following: int | None = None  # where the reminder moved on to when this was claimed


@dataclass(frozen=True, slots=True)
class DmJob:
    """One DM of the outbox: an occurrence's reminder, to one subscriber."""

    reminder: Reminder
    due: datetime
    late: bool
    user_id: int
    nonce: str
    retry: bool = False  # an earlier attempt may have sent it: look in the DM channel first

    @property
    def occurrence(self) -> int:
        return int(self.due.timestamp())


class Transport(Protocol):
    """Where posts and DMs go. Each request waits its turn on the shared
    :class:`bot.reminders.pacing.Pacer` (posts before DMs)."""

    async def post(self, occ: Occurrence) -> int:
        """Post in the reminder's channel; the message id. Raises :class:`DeliveryFailed`."""
        ...

    async def find_post(self, occ: Occurrence) -> int | None:
        """On a retry: the post an earlier attempt made (that no delivery recorded), if any."""
        ...

    async def direct_message(self, job: DmJob) -> DmOutcome:
        """Make one DM (on a retry, first look for it in the DM channel); how it ended."""
        ...

    async def report(self, guild_id: int, key: str, values: dict[str, Any]) -> bool:
        """Tell the server's organizers in its log channel; False when it has none or it
        can't be used (the engine then keeps the notice for their next /remind command)."""
        ...

    async def moved_on(self, reminder: Reminder, next_due: int | None) -> None:
        """The reminder now waits on ``next_due``: keep its scheduled event in step."""
        ...
