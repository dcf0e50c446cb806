"""``/me privacy`` in plain words: what the bot keeps about a member, how, how long, how to delete.

Worded here without Discord (``cogs/me/privacy.py`` makes it an embed), from the member's
own inventory (:func:`bot.privacy.registry.member_inventory`) and ``RETENTION_DAYS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.i18n import Locale, catalog, t


def kind_name(key: str, locale: Locale | None) -> str:
    """The catalog's name for a kind of member data (its key, readable, if it has none)."""
    full = f"privacy.kinds.{key}"
    return t(full, locale) if full in catalog() else key.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Explanation:
    title: str
    intro: str
    fields: tuple[tuple[str, str], ...]  # (name, value), in order
    footer: str


def kept_lines(inventory: Mapping[str, int | None], locale: Locale | None) -> str:
    lines = []
    for key, count in inventory.items():
        if count is None:
            lines.append(t("privacy.explain.kept_unknown", locale, kind=kind_name(key, locale)))
        elif count:
            lines.append(
                t("privacy.explain.kept_line", locale, kind=kind_name(key, locale), count=count)
            )
    return "\n".join(lines) or t("privacy.explain.kept_none", locale)


def explain(
    inventory: Mapping[str, int | None], days: int, locale: Locale | None = None
) -> Explanation:
    form = t("privacy.explain.form", locale)
    return Explanation(
        title=t("privacy.explain.title", locale),
        intro=t("privacy.explain.intro", locale),
        fields=(
            (t("privacy.explain.kept_field", locale), kept_lines(inventory, locale)),
            (t("privacy.explain.form_field", locale), form),
            (t("privacy.explain.time_field", locale), t("privacy.explain.time", locale, days=days)),
            (t("privacy.explain.delete_field", locale), t("privacy.explain.delete", locale)),
        ),
        footer=t("privacy.explain.host", locale),
    )
