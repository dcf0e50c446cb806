"""``python -m bot import-billstatus [--db PATH] FILE...``: load Bill Status files by hand.

For servers that block outbound traffic. Each file is checked whole and stored (replacing
that bill's copy) or refused; one line per file says which and why. A file named
``BILLSTATUS-{congress}{type}{number}.xml`` must hold that bill, and a file older than the
stored copy (by the record's own update date) is refused. Exit status 0 when every file
was stored, 2 when any was refused or the database could not be opened.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.campaigns.record.parse import RecordError, read_billstatus_file, sha256
from bot.campaigns.record.refresh import statement_bills, tracked_bills
from bot.campaigns.record.storage import get_record, save_record
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import load_content
from bot.core.database import Database, MigrationError
from bot.core.formatting import plural
from bot.core.i18n import t
from bot.core.limits import clip


async def _import_one(db: Database, path: Path, tracked: set) -> tuple[bool, str]:
    try:
        record, data = await asyncio.to_thread(read_billstatus_file, path)
    except RecordError as exc:
        return False, t("record.import.refused", path=path, error=exc)
    stored = await get_record(db, record.bill)
    old, new = (stored.record.updated if stored else None), record.updated
    if old and new and new < old:
        return False, t(
            "record.import.older", path=path, bill=record.bill.described, new=new, old=old
        )
    await save_record(
        db, record, source=str(path), sha256=sha256(data), now_iso=Clock().now().isoformat()
    )
    action = record.latest_action
    line = t(
        "record.import.stored",
        path=path,
        bill=record.bill.described,
        title=clip(record.title, 80),
        cosponsors=plural("record.count.cosponsors", record.counts().current),
        action_date=action.date.isoformat() if action else "?",
    )
    if record.bill not in tracked:
        line += " " + t("record.import.untracked")
    return True, line


async def import_files_cli(settings: Settings, paths: list[Path]) -> int:
    """Store each file's record or say why not; the exit status."""
    db = Database(settings.database_path)
    try:
        await db.open()
    except (MigrationError, OSError) as exc:
        print(t("record.import.bad_db", path=settings.database_path, error=exc), file=sys.stderr)
        return 2
    stored = 0
    try:
        tracked = set(await tracked_bills(db, statement_bills(load_content())))
        for path in paths:
            ok, line = await _import_one(db, path, tracked)
            stored += ok
            print(line)
    finally:
        await db.close()
    print(t("record.import.summary", stored=stored, refused=len(paths) - stored))
    return 0 if stored == len(paths) else 2
