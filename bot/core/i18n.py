"""The message catalog: every user-facing string, by key, per locale.

Strings live in ``bot/locales/<locale>/<area>.toml``; a key is ``<area>.<table>.<name>``
(for example ``statement.read.title``). :func:`t` formats a message in a locale; the
Discord side (``cogs._common.translator``) serves command descriptions from the same
catalog. The statement itself is never translated.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(str(resources.files("bot") / "locales"))
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


Locale = object  # a locale tag ("zh-TW"), anything with such a ``.value``, or None


def locale_name(locale: Locale | None) -> str:
    """The locale tag of ``locale``: a string as is, an enum's value, English for None."""
    if locale is None:
        return DEFAULT_LOCALE
    return str(getattr(locale, "value", locale))


def t(key: str, /, locale: Locale | None = None, **values: Any) -> str:
    """Format message ``key`` in ``locale`` (falling back to English)."""
    template = catalog(locale_name(locale)).get(key) or catalog(DEFAULT_LOCALE).get(key)
    if template is None:
        raise KeyError(f"message {key!r} is not in the catalog")
    return template.format(**values) if values else template
