"""Which language a reply is in, seen from Discord: the member's own, or the server's.

A private (ephemeral) reply follows ``interaction.locale``; a public reply is a post in the
channel, so it follows the server's language (``/setup language``). Every interaction in a
server also tells the bot the member's language, which DMs to them follow
(:func:`remember_language`, a listener the app installs).
"""

from __future__ import annotations

import logging

import discord

from bot.core.language import server_locale
from bot.privacy.member_language import remember_member_locale
from bot.privacy.members import day_of
from cogs._common.types import Interaction, Locale, ours

log = logging.getLogger(__name__)


async def reply_locale(interaction: Interaction, *, public: bool) -> Locale:
    """The member's language for a private reply, the server's for a public one."""
    if not public:
        return interaction.locale
    return await server_locale(interaction.client.db, interaction.guild_id)


async def remember_language(interaction: discord.Interaction) -> None:
    """Listener: note the member's language from each interaction in a server."""
    if interaction.guild_id is None or interaction.type is discord.InteractionType.autocomplete:
        return
    try:
        bot = ours(interaction).client
        await remember_member_locale(
            bot.db,
            interaction.guild_id,
            interaction.user.id,
            interaction.locale,
            day_of(bot.clock.now().isoformat()),
        )
    except Exception:  # never in the way of the interaction itself
        log.warning("could not note a member's language", exc_info=True)
