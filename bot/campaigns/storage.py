"""A server's additions to the campaigns: bill versions, current marks, status lines, scripts."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.database import Database
from bot.core.enums import Chamber
from bot.privacy.registry import register_member_data


@dataclass(frozen=True, slots=True)
class StoredVersion:
    campaign: str
    congress: int
    chamber: Chamber
    number: int
    added_by: int
    added_at: str
    title_confirmed: str | None = None


@dataclass(frozen=True, slots=True)
class StatusLine:
    id: int
    text: str
    set_by: int
    set_at: str


async def list_versions(db: Database, guild_id: int) -> list[StoredVersion]:
    rows = await db.fetchall(
        "SELECT campaign, congress, chamber, number, added_by, added_at, title_confirmed "
        "FROM bill_versions WHERE guild_id=? ORDER BY congress, chamber, number",
        (guild_id,),
    )
    return [
        StoredVersion(campaign, congress, Chamber(chamber), number, added_by, added_at, title)
        for campaign, congress, chamber, number, added_by, added_at, title in rows
    ]


async def add_version(
    db: Database,
    guild_id: int,
    campaign: str,
    congress: int,
    chamber: Chamber,
    number: int,
    added_by: int,
    now_iso: str,
    title_confirmed: str | None = None,
) -> bool:
    """Add a version; False when this server already has that bill (in any campaign).

    ``title_confirmed``: the record's title the organizer confirmed although it doesn't name
    the act.
    """
    changed = await db.execute(
        "INSERT INTO bill_versions (guild_id, campaign, congress, chamber, number, added_by, "
        "added_at, title_confirmed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (guild_id, congress, chamber, number) DO NOTHING",
        (guild_id, campaign, congress, chamber, number, added_by, now_iso, title_confirmed),
    )
    return bool(changed)


async def version_owner(
    db: Database, guild_id: int, congress: int, chamber: Chamber, number: int
) -> str | None:
    """The campaign this server added that bill to, if any."""
    return await db.fetchval(
        "SELECT campaign FROM bill_versions WHERE guild_id=? AND congress=? AND chamber=? "
        "AND number=?",
        (guild_id, congress, chamber, number),
    )


async def current_marks(db: Database, guild_id: int) -> dict[str, dict[Chamber, tuple[int, int]]]:
    """campaign -> chamber -> (congress, number) the organizers marked current."""
    rows = await db.fetchall(
        "SELECT campaign, chamber, congress, number FROM bill_current WHERE guild_id=?",
        (guild_id,),
    )
    out: dict[str, dict[Chamber, tuple[int, int]]] = {}
    for campaign, chamber, congress, number in rows:
        out.setdefault(campaign, {})[Chamber(chamber)] = (congress, number)
    return out


async def set_current(
    db: Database,
    guild_id: int,
    campaign: str,
    chamber: Chamber,
    congress: int,
    number: int,
    set_by: int,
    now_iso: str,
) -> None:
    await db.execute(
        "INSERT INTO bill_current (guild_id, campaign, chamber, congress, number, set_by, set_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, campaign, chamber) DO UPDATE SET "
        "congress=excluded.congress, number=excluded.number, set_by=excluded.set_by, "
        "set_at=excluded.set_at",
        (guild_id, campaign, chamber, congress, number, set_by, now_iso),
    )


async def add_status(
    db: Database, guild_id: int, campaign: str, text: str, set_by: int, now_iso: str
) -> int:
    return await db.execute(
        "INSERT INTO bill_status (guild_id, campaign, text, set_by, set_at) VALUES (?, ?, ?, ?, ?)",
        (guild_id, campaign, text, set_by, now_iso),
    )


async def status_history(
    db: Database, guild_id: int, campaign: str, limit: int = 50
) -> list[StatusLine]:
    """Newest first."""
    rows = await db.fetchall(
        "SELECT id, text, set_by, set_at FROM bill_status WHERE guild_id=? AND campaign=? "
        "ORDER BY id DESC LIMIT ?",
        (guild_id, campaign, limit),
    )
    return [StatusLine(*row) for row in rows]


async def get_script(db: Database, guild_id: int, campaign: str) -> str | None:
    """The server's own call script for a campaign, or None for the default."""
    return await db.fetchval(
        "SELECT template FROM call_scripts WHERE guild_id=? AND campaign=?", (guild_id, campaign)
    )


async def set_script(
    db: Database, guild_id: int, campaign: str, template: str, set_by: int, now_iso: str
) -> None:
    await db.execute(
        "INSERT INTO call_scripts (guild_id, campaign, template, set_by, set_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, campaign) DO UPDATE SET "
        "template=excluded.template, set_by=excluded.set_by, set_at=excluded.set_at",
        (guild_id, campaign, template, set_by, now_iso),
    )


async def reset_script(db: Database, guild_id: int, campaign: str) -> bool:
    """Back to the default; False when the server had no script of its own."""
    return bool(
        await db.execute(
            "DELETE FROM call_scripts WHERE guild_id=? AND campaign=?", (guild_id, campaign)
        )
    )


async def get_script_variant(
    db: Database, guild_id: int, campaign: str, variant: str
) -> str | None:
    """The server's own script for offices that cosponsor (``"cosponsor"``) or don't
    (``"not_cosponsor"``), or None for the default."""
    return await db.fetchval(
        "SELECT template FROM call_script_variants WHERE guild_id=? AND campaign=? AND variant=?",
        (guild_id, campaign, variant),
    )


async def set_script_variant(
    db: Database,
    guild_id: int,
    campaign: str,
    variant: str,
    template: str,
    set_by: int,
    now_iso: str,
) -> None:
    await db.execute(
        "INSERT INTO call_script_variants (guild_id, campaign, variant, template, set_by, set_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, campaign, variant) DO UPDATE SET "
        "template=excluded.template, set_by=excluded.set_by, set_at=excluded.set_at",
        (guild_id, campaign, variant, template, set_by, now_iso),
    )


async def reset_script_variant(db: Database, guild_id: int, campaign: str, variant: str) -> bool:
    """Back to the default for that variant; False when the server had none of its own."""
    return bool(
        await db.execute(
            "DELETE FROM call_script_variants WHERE guild_id=? AND campaign=? AND variant=?",
            (guild_id, campaign, variant),
        )
    )


async def forget_organizer_marks(db: Database, guild_id: int, user_id: int) -> int:
    """Keep the server's versions, status lines and scripts, but drop who set them."""
    total = 0
    for table, column in (
        ("bill_versions", "added_by"),
        ("bill_current", "set_by"),
        ("bill_status", "set_by"),
        ("call_scripts", "set_by"),
        ("call_script_variants", "set_by"),
    ):
        total += await db.execute(
            f"UPDATE {table} SET {column}=0 WHERE guild_id=? AND {column}=?", (guild_id, user_id)
        )
    return total


register_member_data("organizer_records", forget_organizer_marks)
