"""A reminder's statuses, its deliveries' states and failure reasons, as stored and labelled."""

from __future__ import annotations

from enum import StrEnum

from bot.core.enums import CatalogEnum


class Status(CatalogEnum, key_prefix="reminders.status"):
    """Where a reminder stands (``reminders.status``); labelled in /remind list and show."""

    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"


class DeliveryState(CatalogEnum, key_prefix="reminders.history"):
    """How one occurrence went (``reminder_deliveries.state``); a line of /remind history."""

    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    MISSED = "missed"


class Failure(CatalogEnum, key_prefix="reminders.failure"):
    """Why a post failed: the part before the colon of a stored code such as ``http:500``."""

    CHANNEL_MISSING = "channel_missing"
    FORBIDDEN = "forbidden"
    HTTP = "http"
    INTERNAL = "internal"
    NOT_IN_SERVER = "not_in_server"


class PauseReason(CatalogEnum, key_prefix="reminders.pause_reason"):
    """Why the bot paused a reminder (``reminders.pause_reason``); NULL when an organizer did."""

    BOT_REMOVED = "bot_removed"  # the bot was removed from the server
    CHANNEL_MISSING = "channel_missing"  # the reminder's channel was deleted


class DmOutcome(StrEnum):
    """How one DM of the outbox ended (never stored nor shown; for the worker and tests)."""

    SENT = "sent"
    ALREADY_SENT = "already_sent"  # found in the DM channel: an earlier attempt made it
    FAILED = "failed"  # for good: the member's DMs are closed, or Discord refused it
    NOT_A_MEMBER = "not_a_member"  # the member left the server: their subscriptions there end
    RETRY = "retry"  # a passing error: tried again later
