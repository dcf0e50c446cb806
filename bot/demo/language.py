"""Languages in the demo: what each simulated member's Discord client says, and the demo's words.

A real Discord client sends its user's language with every interaction
(``interaction.locale``); SimCord sends ``en-US`` for everyone (``base_payload`` in its
``interactions.py``). :class:`ClientLocales` is the seam the demo and the tests share: it
listens to the simulated gateway ahead of the bot and writes a member's chosen locale into
each ``INTERACTION_CREATE`` payload they cause, so the bot reads it exactly where it reads a
real client's. ``:locale zh-TW`` in the demo sets it for the person typing.

The demo's own lines (headers, hints, errors) follow the person at the keyboard too:
:func:`t` words them in :data:`WORDS`' locale, which the session keeps in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import discord

from bot.core import i18n
from bot.core.i18n import DEFAULT_LOCALE

_INSTALLED: WeakKeyDictionary[Any, ClientLocales] = WeakKeyDictionary()
CLIENT_DEFAULT = "en-US"  # what SimCord's clients say unless told otherwise


class ClientLocales:
    """The Discord client language of each simulated user, stamped on their interactions."""

    def __init__(self) -> None:
        self._by_user: dict[int, str] = {}

    def set(self, user_id: int, locale: str) -> None:
        self._by_user[user_id] = locale

    def get(self, user_id: int) -> str:
        return self._by_user.get(user_id, CLIENT_DEFAULT)

    def stamp(self, event: str, payload: Mapping[str, Any]) -> None:
        """A gateway listener: the sender's locale on their INTERACTION_CREATE payload."""
        if event != "INTERACTION_CREATE" or not isinstance(payload, dict):
            return
        user = (payload.get("member") or {}).get("user") or payload.get("user") or {}
        locale = self._by_user.get(int(user.get("id", 0)))
        if locale is not None:
            payload["locale"] = locale


def client_locales(env: Any) -> ClientLocales:
    """The client languages of ``env``'s users, listening ahead of the bot (once per env).

    SimCord's backend hands each event to its subscribers in order, and the bot's gateway
    copies the payload when its turn comes; first in line, the stamp is what the bot reads.
    """
    found = _INSTALLED.get(env)
    if found is None:
        found = _INSTALLED[env] = ClientLocales()
        env.backend.subscribers.insert(0, found.stamp)
    return found


def is_discord_locale(tag: str) -> bool:
    """A language a Discord client can be set to (``zh-TW``, ``en-US``, ``fr``…)."""
    return tag in {locale.value for locale in discord.Locale}


@dataclass
class DemoWords:
    """The language of the demo's own lines: the person typing's."""

    locale: str = DEFAULT_LOCALE


WORDS = DemoWords()


def t(key: str, /, **values: Any) -> str:
    """A demo line from the catalog, in the language of the person at the keyboard."""
    return i18n.t(key, WORDS.locale, **values)
