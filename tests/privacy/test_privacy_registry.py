"""/me forget reaches every kind of member data, whatever cogs are loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_module_that_stores_member_data_is_listed():
    from bot.privacy.registry import MEMBER_DATA_MODULES

    registering = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "bot").rglob("*.py")
        if "register_member_data(" in path.read_text(encoding="utf-8")
        and path.name != "registry.py"
    }
    assert registering == set(MEMBER_DATA_MODULES)


def test_the_registry_is_complete_without_importing_any_cog():
    # A fresh interpreter that imports only bot.privacy, as a bot with a cog disabled would.
    code = (
        "from bot.privacy.registry import member_data_kinds;"
        "print(sorted(k.key for k in member_data_kinds()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == str(
        sorted(
            [
                "calls",
                "directory",
                "group_location_edits",
                "language",
                "location",
                "organizer_records",
                "privacy",
                "reminder_subscriptions",
                "reminders_created",
            ]
        )
    )
