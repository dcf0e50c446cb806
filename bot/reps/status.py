"""``/reps status``: what list of members of Congress is loaded, from where, and how old."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.core.formatting import plural
from bot.core.i18n import Locale, t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.reps.legislators import HOUSE, SENATE
from bot.reps.storage import LegislatorsStatus

STALE_DAYS = 30


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
            senators=plural("reps.count.senators", counts.get(SENATE, 0), locale),
            house=plural("reps.count.house", counts.get(HOUSE, 0), locale),
            imported=int(imported.timestamp()),
            source=status.source or "?",
        )
    ]
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
