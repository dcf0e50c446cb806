"""Copies of a database saved when its file was deleted or replaced while the bot ran.

The bot then stops (exit 3) rather than confirm anything into a lost file. Started again
with no file at the path, it would begin an empty database beside the copy and members'
reminders and subscriptions would seem gone; so it refuses to start until the copy is
restored (``python -m bot restore COPY``) or moved away.
"""

from __future__ import annotations

from pathlib import Path


def recovered_name(db_path: Path, stamp: str) -> Path:
    return db_path.with_name(f"{db_path.name}.recovered-{stamp}")


def waiting_copies(db_path: Path) -> list[Path]:
    """Recovered copies beside a database that is missing: they wait for an operator."""
    if db_path.exists():
        return []
    return sorted(db_path.parent.glob(f"{db_path.name}.recovered-*"))


def waiting_message(db_path: Path, copies: list[Path]) -> str:
    newest = copies[-1]
    return (
        f"{db_path} is missing, and {newest.name} beside it holds what was open when the "
        f"file was lost. Restore it with `python -m bot restore {newest}`, or move it "
        "away to start with an empty database."
    )
