"""Steps many tests share: an organizer schedules a reminder, what the bot posted."""

from __future__ import annotations

import re

import discord

from bot.app import create_bot


async def schedule(world, when: str, *, channel=None, bill: str = "HKETO", **options) -> int:
    """An organizer creates a reminder and confirms the preview; its id."""
    result = await world.organizer.slash(
        world.general,
        "remind create",
        bill=bill,
        when=when,
        channel=channel or world.call_to_action,
        **options,
    )
    assert result.ephemeral
    assert result.response.embeds, result.response.content
    saved = await world.organizer.click(result.response, label="Confirm")
    match = re.search(r"reminder \*\*#(\d+)\*\*", saved.response.content)
    assert match, saved.response.content
    return int(match.group(1))


def bot_posts(channel) -> list[discord.Message]:
    return [m for m in channel.history() if m.author.bot]


# --- reminders: restarts and what is stored -------------------------------------------------


async def restart(world) -> None:
    """Restart the bot process on the same database (the virtual Discord persists)."""
    old = world.env.bot
    await world.env.restart_bot(create_bot(old.settings))
    await old.db.close()


async def stop_delivering(world) -> None:
    """The bot goes down: nothing is delivered until :func:`restart`."""
    await world.env.bot.get_cog("Reminders").dispatcher.stop()


def message_posts(env) -> list:
    """Every message the bot sent, as the HTTP requests SimCord saw."""
    return [r for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]


async def stored(world, reminder_id: int, *columns: str) -> tuple:
    """Columns of one stored reminder, as the database holds them."""
    row = await world.env.bot.db.fetchone(
        f"SELECT {', '.join(columns)} FROM reminders WHERE id=?", (reminder_id,)
    )
    return tuple(row)
