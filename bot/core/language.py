"""Which language the bot writes in: the catalogs it ships, and a server's language for posts.

Private replies follow the member's Discord language (``interaction.locale``). Where no
client says (a post in a channel, a public reply, a DM), the server's language applies,
set by organizers with ``/setup language`` and English until then; a DM to a member whose
language the bot knows follows theirs (:mod:`bot.privacy.member_language`).
"""

from __future__ import annotations

from functools import cache

from bot.core.database import Database
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import DEFAULT_LOCALE, LOCALES_DIR, Locale, catalog_locale, t


@cache
def supported_locales() -> tuple[str, ...]:
    """The catalog locales the bot ships, English first: ``("en", "zh-TW")``."""
    found = sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir() and any(p.glob("*.toml")))
    return (DEFAULT_LOCALE, *(tag for tag in found if tag != DEFAULT_LOCALE))


def language_name(tag: str) -> str:
    """The language as its readers name it: ``English``, ``繁體中文``."""
    return t("setup.language.autonym", tag)


def known_locale(tag: str | None) -> str:
    """``tag`` if the bot ships its catalog, else English (a stored value gone stale, say)."""
    return tag if tag in supported_locales() else DEFAULT_LOCALE


def reader_locale(locale: Locale | None) -> str:
    """The catalog a Discord locale reads in: ``zh-TW`` as is, ``en-GB`` or ``fr`` English."""
    return catalog_locale(locale)


async def server_locale(db: Database, guild_id: int | None) -> str:
    """The language of the server's posts and DMs: its ``/setup language``, or English."""
    if guild_id is None:
        return DEFAULT_LOCALE
    return known_locale((await get_guild_settings(db, guild_id)).language)
