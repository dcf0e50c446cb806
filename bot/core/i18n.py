"""The message catalog: every user-facing string, by key, per locale.

Strings live in ``bot/locales/<locale>/<area>.toml``; a key is ``<area>.<table>.<name>``
(for example ``statement.read.title``). :func:`t` formats a message; :func:`cmd` gives a
command or option description as an :class:`app_commands.locale_str` that carries its key,
so :class:`CatalogTranslator` can serve a Traditional Chinese (``zh-TW``) catalog when one
is added, without touching the cogs. The statement itself is never translated.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
DEFAULT_LOCALE = "en"


def _flatten(prefix: str, table: Mapping[str, Any], out: dict[str, str]) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}"
        if isinstance(value, Mapping):
            _flatten(full, value, out)
        elif isinstance(value, str):
            out[full] = value
        else:
            raise ValueError(f"{full}: catalog values must be text")


@cache
def catalog(locale: str = DEFAULT_LOCALE) -> dict[str, str]:
    """All messages of one locale, keyed by dotted key (empty when the locale has none)."""
    out: dict[str, str] = {}
    folder = LOCALES_DIR / locale
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            _flatten(path.stem, tomllib.load(fh), out)
    return out


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _locale_name(locale: discord.Locale | str | None) -> str:
    if locale is None:
        return DEFAULT_LOCALE
    return locale.value if isinstance(locale, discord.Locale) else str(locale)


def t(key: str, /, locale: discord.Locale | str | None = None, **values: Any) -> str:
    """Format message ``key`` in ``locale`` (falling back to English)."""
    template = catalog(_locale_name(locale)).get(key) or catalog(DEFAULT_LOCALE).get(key)
    if template is None:
        raise KeyError(f"message {key!r} is not in the catalog")
    return template.format(**values) if values else template


def cmd(key: str) -> app_commands.locale_str:
    """A command/option description from the catalog, translatable by its key."""
    return app_commands.locale_str(t(key), key=key)


class CatalogTranslator(app_commands.Translator):
    """Serves command names and descriptions from the catalog of the user's locale."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if key is None or locale.value == DEFAULT_LOCALE:
            return None
        return catalog(locale.value).get(key)
