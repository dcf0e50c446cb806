"""``python -m bot import-legislators [--db PATH] FILE``: load members of Congress by hand.

For servers that block outbound traffic. The file is checked whole before anything is
written; a bad file leaves the stored copy as it was and exits with status 2. A good file
with a few malformed optional fields is loaded without them: the summary line names each
member and field, and the log says why each was dropped.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import load_content
from bot.core.database import Database, MigrationError
from bot.core.i18n import t
from bot.reps.fields import log_dropped, summarize
from bot.reps.legislators import HOUSE, LegislatorsError, read_legislators_file
from bot.reps.seats import NON_STATES
from bot.reps.storage import get_status, replace_legislators

SUMMARY_NAMES = 10  # dropped fields named in the summary line; the log has every one


async def import_file_cli(settings: Settings, path: Path) -> int:
    """Validate ``path`` and replace the stored members of Congress; the exit status."""
    states = load_content().states
    try:
        parsed = await asyncio.to_thread(read_legislators_file, path, known_states=states)
    except LegislatorsError as exc:
        print(t("reps.import.bad_file", error=exc), file=sys.stderr)
        return 2
    db = Database(settings.database_path)
    try:
        await db.open()
    except (MigrationError, OSError) as exc:
        print(t("reps.import.bad_db", path=settings.database_path, error=exc), file=sys.stderr)
        return 2
    try:
        before = await get_status(db)
        await replace_legislators(
            db,
            parsed.members,
            source=str(path),
            sha256=parsed.sha256,
            now_iso=Clock().now().isoformat(),
            dropped=parsed.dropped,
        )
    finally:
        await db.close()
    log_dropped(parsed.dropped, str(path))
    delegates = sum(1 for m in parsed.members if m.chamber == HOUSE and m.state in NON_STATES)
    summary = t(
        "reps.import.loaded",
        total=len(parsed.members),
        senators=parsed.senators,
        representatives=parsed.representatives - delegates,
        delegates=delegates,
        states=len({m.state for m in parsed.members}),
        path=path,
        db=settings.database_path,
    )
    if parsed.dropped:
        one = len(parsed.dropped) == 1
        summary += t(
            "reps.import.dropped_one" if one else "reps.import.dropped_other",
            count=len(parsed.dropped),
            fields=summarize(parsed.dropped, SUMMARY_NAMES),
        )
    print(summary)
    if before.members:
        print(t("reps.import.replaced", previous=before.members, source=before.source))
    return 0
