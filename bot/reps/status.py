"""``/reps status``: which members of Congress are loaded, from where, how old, what was dropped."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.core.i18n import Locale, t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.core.markdown import escape_markdown
from bot.reps.legislators import HOUSE, SENATE
from bot.reps.storage import LegislatorsStatus

STALE_DAYS = 30
DROPPED_SHOWN = 5  # dropped fields named in /reps status; the count is always exact


def dropped_text(status: LegislatorsStatus, locale: Locale | None = None) -> str:
    """How many malformed fields the stored copy lacks, naming the first few."""
    if not status.dropped:
        return t("reps.status.dropped_none", locale)
    items = [
        t(
            "reps.status.dropped_item",
            locale,
            name=escape_markdown(ref.name),
            bioguide=ref.bioguide,
            field=t(ref.field.catalog_key, locale),
        )
        for ref in status.dropped_fields[:DROPPED_SHOWN]
    ]
    more = status.dropped - len(items)
    if more > 0:
        items.append(t("reps.status.dropped_more", locale, count=more))
    fields = t("reps.status.dropped_join", locale).join(items)
    key = "reps.status.dropped_one" if status.dropped == 1 else "reps.status.dropped_other"
    return t(key, locale, count=status.dropped, fields=fields)


def status_text(
    status: LegislatorsStatus,
    counts: Mapping[str, int],
    *,
    fetch_mode: str,
    now: datetime,
    locale: Locale | None = None,
) -> str:
    """``/reps status``: what is loaded, from where, how old; the last download check.

    ``fetch_mode`` is ``"on"`` (downloads weekly), ``"off"`` (LEGISLATORS_URL=off) or
    ``"offline"`` (no token: the demo and tests never download).
    """
    how = t(f"reps.status.auto_{fetch_mode}", locale)
    total = sum(counts.values())
    if not total or status.imported_at is None:
        text = t("reps.status.none", locale, how=how)
        if status.checked_at and status.check_error:
            checked = int(datetime.fromisoformat(status.checked_at).timestamp())
            error = status.check_error
            text += "\n" + t("reps.status.checked_failed", locale, checked=checked, error=error)
        return clip(text, MESSAGE_CONTENT)
    imported = datetime.fromisoformat(status.imported_at)
    parts = [
        t(
            "reps.status.loaded",
            locale,
            total=total,
            senators=counts.get(SENATE, 0),
            house=counts.get(HOUSE, 0),
            imported=int(imported.timestamp()),
            source=status.source or "?",
        )
    ]
    parts.append(dropped_text(status, locale))
    if now - imported > timedelta(days=STALE_DAYS):
        parts.append(t("reps.status.stale", locale, days=STALE_DAYS))
    if status.checked_at and status.checked_at != status.imported_at:
        checked = int(datetime.fromisoformat(status.checked_at).timestamp())
        if status.check_error:
            parts.append(
                t("reps.status.checked_failed", locale, checked=checked, error=status.check_error)
            )
        else:
            parts.append(t("reps.status.checked_ok", locale, checked=checked))
    parts.append(how)
    return clip("\n".join(parts), MESSAGE_CONTENT)
