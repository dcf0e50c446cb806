"""Plurals, ordinals, numbers, dates, times and lists in the reader's locale, from CLDR (Babel).

The catalog words a count once per CLDR plural category: ``statement.search.count.one`` and
``statement.search.count.other`` in English, only ``….other`` in Chinese, which has no
singular. :func:`plural` picks the form for a number; :func:`ordinal` does the same with the
ordinal categories ("1st", "2nd", "3rd", "4th"). Dates are written one way across the bot:
CLDR's long date ("January 3, 2025", "2025年1月3日"), with the short time and the zone's
name when there is a time.

The ``zh-TW`` catalog is written for Hong Kong readers, so its CLDR data is ``zh_Hant_HK``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from functools import cache, lru_cache
from typing import Any, Literal

from babel import Locale as CldrLocale
from babel import dates as cldr_dates
from babel import lists as cldr_lists
from babel import numbers as cldr_numbers

from bot.core.i18n import DEFAULT_LOCALE, Locale, Phrase, catalog, catalog_locale, t

# The CLDR locale behind each catalog (Discord's zh-TW is our Hong Kong Traditional Chinese).
CLDR_LOCALES = {DEFAULT_LOCALE: "en_US", "zh-TW": "zh_Hant_HK"}
CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@cache
def _cldr_by_tag(tag: str) -> CldrLocale:
    return CldrLocale.parse(CLDR_LOCALES.get(tag, tag.replace("-", "_")))


def cldr_locale(locale: Locale | None) -> CldrLocale:
    """CLDR's data for the catalog ``locale`` is read in (English when we ship none)."""
    return _cldr_by_tag(catalog_locale(locale))


def plural_categories(locale: Locale | None) -> frozenset[str]:
    """The cardinal categories a locale's catalog words a count in (always with "other")."""
    return frozenset({"other", *cldr_locale(locale).plural_form.tags})


def ordinal_categories(locale: Locale | None) -> frozenset[str]:
    return frozenset({"other", *cldr_locale(locale).ordinal_form.tags})


def _form(key_base: str, category: str, locale: Locale | None) -> str:
    key = f"{key_base}.{category}"
    return key if key in catalog(catalog_locale(locale)) else f"{key_base}.other"


@lru_cache(maxsize=4096)
def _category(tag: str, kind: Literal["plural", "ordinal"], n: int) -> str:
    """CLDR's category of ``n`` (Babel evaluates its rules on each call: cards ask often)."""
    cldr = _cldr_by_tag(tag)
    return (cldr.plural_form if kind == "plural" else cldr.ordinal_form)(abs(n))


def plural(key_base: str, n: int, /, locale: Locale | None = None, **values: Any) -> str:
    """Message ``key_base.<category>`` for ``n``; ``{count}`` is ``n`` as the locale writes it."""
    if not values:
        return _counted(key_base, "plural", n, catalog_locale(locale))
    category = _category(catalog_locale(locale), "plural", n)
    return t(_form(key_base, category, locale), locale, count=format_number(n, locale), **values)


def ordinal(key_base: str, n: int, /, locale: Locale | None = None, **values: Any) -> str:
    """Message ``key_base.<category>`` for the ``n``-th ("118th Congress", "第 118 屆國會")."""
    if not values:
        return _counted(key_base, "ordinal", n, catalog_locale(locale))
    category = _category(catalog_locale(locale), "ordinal", n)
    return t(_form(key_base, category, locale), locale, count=format_number(n, locale), **values)


@lru_cache(maxsize=4096)
def _counted(key_base: str, kind: Literal["plural", "ordinal"], n: int, tag: str) -> str:
    """A count's words with nothing else in them ("118th Congress"): the same every time."""
    category = _category(tag, kind, n)
    return t(_form(key_base, category, tag), tag, count=format_number(n, tag))


class CountPhrase(Phrase):
    """A plural or ordinal phrase: English as a string, the reader's words inside :func:`t`."""

    kind: Literal["plural", "ordinal"]
    key_base: str
    n: int
    values: dict[str, Any]

    def __new__(
        cls, kind: Literal["plural", "ordinal"], key_base: str, n: int, **values: Any
    ) -> CountPhrase:
        word = plural if kind == "plural" else ordinal
        self = super().__new__(cls, word(key_base, n, DEFAULT_LOCALE, **values))
        self.kind, self.key_base, self.n, self.values = kind, key_base, n, values
        return self

    def localize(self, locale: Locale | None) -> str:
        word = plural if self.kind == "plural" else ordinal
        return word(self.key_base, self.n, locale, **self.values)


def plural_phrase(key_base: str, n: int, /, **values: Any) -> CountPhrase:
    """:func:`plural`, worded when a message in the reader's locale takes it."""
    return CountPhrase("plural", key_base, n, **values)


def ordinal_phrase(key_base: str, n: int, /, **values: Any) -> CountPhrase:
    """:func:`ordinal`, worded when a message in the reader's locale takes it."""
    return CountPhrase("ordinal", key_base, n, **values)


# ----------------------------------------------------------------------------- numbers, lists


def format_number(n: int | float, locale: Locale | None = None) -> str:
    """``12,345`` (grouping and decimal signs as the locale writes them)."""
    if isinstance(n, int):  # counts and ordinals: few distinct ones, asked on every card
        return _format_int(n, catalog_locale(locale))
    return cldr_numbers.format_decimal(n, locale=cldr_locale(locale))


@lru_cache(maxsize=4096)
def _format_int(n: int, tag: str) -> str:
    return cldr_numbers.format_decimal(n, locale=_cldr_by_tag(tag))


def format_list(
    items: Iterable[str], locale: Locale | None = None, *, style: Literal["and", "or"] = "and"
) -> str:
    """``a, b, and c`` / ``a、b及c``; ``style="or"`` for alternatives."""
    return cldr_lists.format_list(
        list(items), style="standard" if style == "and" else "or", locale=cldr_locale(locale)
    )


# ----------------------------------------------------------------------------- dates and times


def format_date(day: date | datetime, locale: Locale | None = None) -> str:
    """The bot's one date style: ``January 3, 2025`` / ``2025年1月3日``."""
    if isinstance(day, datetime):
        day = day.date()
    return _format_day(day, catalog_locale(locale))


@lru_cache(maxsize=4096)
def _format_day(day: date, tag: str) -> str:
    return cldr_dates.format_date(day, "long", locale=_cldr_by_tag(tag))


def format_time(when: datetime, locale: Locale | None = None, zone: tzinfo | None = None) -> str:
    """``7:00 PM`` / ``下午7:00`` in ``zone`` (the time's own zone when None)."""
    moment = when.astimezone(zone) if zone is not None else when
    # CLDR puts a narrow no-break space before AM/PM; a plain one reads and copies the same.
    return cldr_dates.format_time(moment, "short", locale=cldr_locale(locale)).replace(
        "\u202f", " "
    )


def zone_name(when: datetime, locale: Locale | None = None, zone: tzinfo | None = None) -> str:
    """The zone as readers of the locale know it: ``EST`` / ``北美東部標準時間``, ``UTC``."""
    moment = when.astimezone(zone) if zone is not None else when
    if moment.tzinfo is None or _is_utc(moment.tzinfo):
        return "UTC"
    cldr = cldr_locale(locale)
    short = cldr_dates.get_timezone_name(moment, "short", locale=cldr)
    if short[:1] in "+-" or short.startswith(("GMT", "UTC")):
        return cldr_dates.get_timezone_name(moment, "long", locale=cldr)
    return short


def _is_utc(zone: tzinfo) -> bool:
    return zone is UTC or getattr(zone, "key", None) in ("UTC", "Etc/UTC", "Etc/UCT", "Zulu")


def format_datetime(
    when: datetime, locale: Locale | None = None, zone: tzinfo | None = None
) -> str:
    """The date as :func:`format_date`, the short time and the zone named:
    ``December 5, 2026, 7:00 PM EST`` / ``2026年12月5日 下午7:00（北美東部標準時間）``."""
    moment = when.astimezone(zone) if zone is not None else when
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    pattern = cldr_locale(locale).datetime_formats["medium"]
    both = str(pattern).format(format_time(moment, locale), format_date(moment, locale))
    return t("formatting.datetime_zone", locale, datetime=both, zone=zone_name(moment, locale))


def format_relative(when: datetime, now: datetime, locale: Locale | None = None) -> str:
    """``in 5 hours`` / ``5 小時後``, ``2 days ago`` / ``2 日前`` (as Discord's ``<t:…:R>``)."""
    return cldr_dates.format_timedelta(
        when - now, add_direction=True, threshold=0.85, locale=cldr_locale(locale)
    )
