"""Steps many tests share: an organizer schedules a reminder, what the bot posted."""

from __future__ import annotations

import re

import discord


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
