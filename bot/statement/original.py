"""The statement is quoted only in its original English: the note that tells other readers so."""

from __future__ import annotations

from bot.core.i18n import DEFAULT_LOCALE, Locale, catalog_locale, t


def original_language_note(locale: Locale | None) -> str | None:
    """One line for a reader of another language: the joint statement was published in
    English, and the bot shows no unofficial translation. Nothing for English readers."""
    if catalog_locale(locale) == DEFAULT_LOCALE:
        return None
    return t("statement.common.english_only", locale)
