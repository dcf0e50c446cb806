"""Telling organizers about storage trouble: a line in each server's log channel.

The database's health (``bot.core.storage_health``) decides when there is something to
say — a trouble starting, at most once in a while per kind, and its end — and logs it;
this posts it to every server that set a log channel, in the server's language.
"""

from __future__ import annotations

import logging

import discord

from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.core.storage_health import Notice, StorageError
from cogs._common.client import AdvocacyClient

log = logging.getLogger(__name__)


def notice_text(notice: Notice, locale: discord.Locale | str | None) -> str:
    trouble = t(notice.trouble.catalog_key, locale)
    if notice.cleared:
        return t("storage.notice.cleared", locale, trouble=trouble)
    advice = t(notice.trouble.advice_key, locale)
    return t("storage.notice.started", locale, trouble=trouble, advice=advice)


async def log_channels(bot: AdvocacyClient) -> list[tuple[int, int]]:
    """(server, channel) for every server with a log channel; none if even that can't be read."""
    try:
        rows = await bot.db.fetchall(
            "SELECT guild_id, log_channel_id FROM guild_settings WHERE log_channel_id IS NOT NULL"
        )
    except StorageError:
        log.warning("could not read the log channels to tell organizers about storage trouble")
        return []
    return [(int(r[0]), int(r[1])) for r in rows]


async def tell_organizers(bot: AdvocacyClient, notice: Notice) -> None:
    """Post ``notice`` to the log channel of every server the bot is in that set one."""
    for guild_id, channel_id in await log_channels(bot):
        guild = bot.get_guild(guild_id)
        channel = guild.get_channel(channel_id) if guild else None
        if guild is None or not isinstance(channel, discord.abc.Messageable):
            continue
        try:
            await channel.send(
                clip(notice_text(notice, guild.preferred_locale), MESSAGE_CONTENT),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            log.warning("could not post storage trouble to the log channel of %s", guild_id)
