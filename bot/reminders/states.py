"""A reminder's statuses, its deliveries' states and failure reasons, as stored and labelled."""

from __future__ import annotations

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


# Set after the class bodies: a name assigned inside an enum's body would become a member.
