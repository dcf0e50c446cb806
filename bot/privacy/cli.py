"""``python -m bot keygen`` and ``python -m bot rotate-key``: making and changing the data key.

``keygen`` prints one ``DATA_KEY=…`` line and nothing else on standard output, so
``python -m bot keygen >> .env`` installs it. ``rotate-key`` (with the bot stopped) makes a
new key, writes where it will go *before* touching the database (``.env.new``, or the key
file plus ``.new``), re-keys the database in one transaction, then puts the new file in
place. Stopped in between, the database is under the new key and that file holds it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TextIO

from bot.core.config import Settings
from bot.core.database import Database
from bot.privacy.keys import DataKey, write_key_file
from bot.privacy.rotation import rotate
from bot.privacy.unlock import DataKeyError, unlock

_KEY_LINE = re.compile(r"^\s*(?:export\s+)?DATA_KEY\s*=")


def keygen(out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    print(f"DATA_KEY={DataKey.generate().text}", file=out)
    print(
        "A new data key, for a new database: add the line above to .env "
        "(`python -m bot keygen >> .env`) and keep a copy somewhere safe, away from the "
        "database and its backups: without it the stored member data can't be read. "
        "To change the key of a database, use `python -m bot rotate-key`.",
        file=err,
    )
    return 0


def env_with_key(env_file: Path, key: DataKey) -> str:
    """The settings file's text with its DATA_KEY line set to ``key`` (added if missing)."""
    lines = env_file.read_text(encoding="utf-8").splitlines() if env_file.exists() else []
    line = f"DATA_KEY={key.text}"
    found = [i for i, text in enumerate(lines) if _KEY_LINE.match(text)]
    for i in found:
        lines[i] = line
    if not found:
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write_private(path: Path, text: str, like: Path | None = None) -> None:
    mode = (like.stat().st_mode & 0o777) if like is not None and like.exists() else 0o600
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _stage(settings: Settings, env_file: Path, new: DataKey, out: TextIO) -> tuple[Path, Path]:
    """Write the new key beside where the current one is read from: (pending, target)."""
    target = settings.data_key_file or env_file
    pending = target.with_name(target.name + ".new")
    try:
        if settings.data_key_file is not None:
            write_key_file(pending, new)
        else:
            _write_private(pending, env_with_key(env_file, new), like=env_file)
    except OSError as exc:
        raise DataKeyError(
            f"rotate-key writes the new key to {pending} before it re-keys the database, "
            f"and could not ({exc.strerror or exc}): run it as a user who may write there. "
            "Nothing was changed."
        ) from None
    print(f"The new key is in {pending} until the database is re-keyed.", file=out)
    return pending, target


async def rotate_key_cli(
    settings: Settings, env_file: Path, *, from_environment: bool, out: TextIO | None = None
) -> int:
    """Re-key ``settings.database_path`` to a new key and install it where the old one was."""
    out = out or sys.stdout
    new = DataKey.generate()
    staged = None
    if from_environment and settings.data_key_file is None:
        print(
            "DATA_KEY comes from the environment, so set it there to this new key before the "
            "bot starts again (copy it now: the database will open with nothing else):\n"
            f"DATA_KEY={new.text}",
            file=out,
        )
    else:
        staged = _stage(settings, env_file, new, out)
    db = Database(settings.database_path)
    try:
        await db.open()
        await unlock(db, settings.data_key)
        done = await rotate(db, new)
    except BaseException:
        if staged is not None:  # nothing was re-keyed: the staged key opens nothing
            staged[0].unlink(missing_ok=True)
        raise
    finally:
        await db.close()
    if staged is not None:
        os.replace(*staged)
    where = f" in {staged[1]}" if staged is not None else ""
    print(
        f"Done: {settings.database_path} is under the new key{where} ({done.members} member "
        f"records, {done.rows} rows, {done.sealed} sealed values). The old key opens nothing "
        "now; backups made before still need it.",
        file=out,
    )
    if done.unlinked:
        print(
            f"{done.unlinked} rows belonged to no member the directory knows: dropped, or "
            "kept as from a former organizer.",
            file=out,
        )
    return 0
