"""Organizer changes that alter what members see, worded for the server's log channel.

Members see the change, never who made it; the organizers of the server see who in the
log channel (``/setup log-channel``). Nothing of it is stored: the bot writes the line and
forgets it. The Discord side posts it (``cogs/_common/audit.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.enums import CatalogEnum
from bot.core.i18n import Locale, t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.core.markdown import escape_markdown

DETAIL_SHOWN = 300  # characters of a new value (a status line) quoted in the log


class AuditAction(CatalogEnum, key_prefix="privacy.audit.action"):
    """What an organizer did; the label is a sentence with ``{subject}`` and ``{detail}``."""

    SCRIPT_SET = "script_set"
    SCRIPT_RESET = "script_reset"
    STATUS_POSTED = "status_posted"
    VERSION_ADDED = "version_added"
    VERSION_CURRENT = "version_current"
    GROUP_LOCATION_SET = "group_location_set"
    GROUP_LOCATION_UNDONE = "group_location_undone"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor_id: int  # the organizer's Discord id, shown as a mention (which pings no one)
    action: AuditAction
    subject: str  # what changed: an act's short name, a group's name
    detail: str = ""  # the new value, as the organizer typed it or the bot worded it


def audit_text(entry: AuditEntry, locale: Locale | None = None) -> str:
    """One line for the log channel: who, and what they changed."""
    what = t(
        entry.action.catalog_key,
        locale,
        subject=escape_markdown(entry.subject),
        detail=clip(escape_markdown(" ".join(entry.detail.split())), DETAIL_SHOWN),
    )
    line = t("privacy.audit.line", locale, who=f"<@{entry.actor_id}>", what=what)
    return clip(line, MESSAGE_CONTENT)
