"""Plurals, ordinals, dates, times, numbers and lists, in English and in Traditional Chinese."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import discord
import pytest

from bot.campaigns.model import congress_label
from bot.core.errors import UserError
from bot.core.formatting import (
    format_date,
    format_datetime,
    format_list,
    format_number,
    format_relative,
    format_time,
    ordinal,
    plural,
    plural_phrase,
)
from bot.core.i18n import t

ROOT = Path(__file__).resolve().parents[2]
ZH = discord.Locale.taiwan_chinese
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("n", "en", "zh"),
    [
        (0, "0 paragraphs match.", "有 0 段符合。"),
        (1, "1 paragraph matches.", "有 1 段符合。"),
        (2, "2 paragraphs match.", "有 2 段符合。"),
        (1234, "1,234 paragraphs match.", "有 1,234 段符合。"),
    ],
)
def test_a_count_takes_the_form_its_language_needs(n, en, zh):
    assert plural("statement.search.count", n, "en").startswith(en)
    assert plural("statement.search.count", n, ZH).startswith(zh)


def test_a_locale_without_a_catalog_counts_in_english():
    assert plural("reps.find.delegation", 1, discord.Locale.french) == "House delegation (1 seat)"
    assert plural("reps.find.delegation", 1, "en-GB") == "House delegation (1 seat)"
    assert plural("reps.find.delegation", 52, ZH) == "眾議員（共 52 席）"


@pytest.mark.parametrize(
    ("n", "en"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (118, "118th"), (119, "119th")],
)  # fmt: skip
def test_ordinals_follow_cldr(n, en):
    assert ordinal("bills.congress", n, "en") == f"{en} Congress"
    assert ordinal("bills.congress", n, ZH) == f"第 {n} 屆國會"


def test_a_congress_label_is_english_until_a_message_takes_it():
    label = congress_label(118)
    assert label == "118th Congress" and str(label) == "118th Congress"
    error = UserError("bills.add_version.future", congress=label, current=congress_label(119))
    assert t(error.key, ZH, **error.values) == "第 118 屆國會尚未開始（現屆國會是第 119 屆國會）。"
    assert t(error.key, "en", **error.values).startswith("The 118th Congress hasn't begun")
    assert sorted({congress_label(119), congress_label(118)}) == [
        "118th Congress",
        "119th Congress",
    ]


def test_a_plural_phrase_is_worded_in_the_message_it_fills():
    count = plural_phrase("reps.count.senators", 1)
    assert count == "1 senator"
    assert count.localize(ZH) == "1 位參議員"


def test_the_one_date_style():
    day = date(2025, 1, 3)
    assert format_date(day, "en") == "January 3, 2025"
    assert format_date(day, ZH) == "2025年1月3日"
    assert format_date(datetime(2025, 1, 3, 23, tzinfo=UTC), ZH) == "2025年1月3日"


def test_times_and_datetimes_name_their_zone():
    when = datetime(2026, 12, 5, 19, 0, tzinfo=NEW_YORK)
    assert format_time(when, "en") == "7:00 PM"
    assert format_time(when, ZH) == "下午7:00"
    assert format_datetime(when, "en") == "December 5, 2026, 7:00 PM EST"
    assert format_datetime(when, ZH) == "2026年12月5日 下午7:00（北美東部標準時間）"
    summer = datetime(2026, 7, 4, 12, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert format_datetime(summer, "en") == "July 4, 2026, 12:00 PM PDT"
    assert format_datetime(when, "en", UTC) == "December 6, 2026, 12:00 AM UTC"
    assert format_datetime(when, ZH, UTC) == "2026年12月6日 上午12:00（UTC）"


def test_relative_times_numbers_and_lists():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert format_relative(now + timedelta(hours=5), now, "en") == "in 5 hours"
    assert format_relative(now + timedelta(hours=5), now, ZH) == "5 小時後"
    assert format_relative(now - timedelta(days=1), now, "en") == "1 day ago"
    assert format_relative(now - timedelta(days=2), now, ZH) == "2 日前"
    assert format_number(12345, "en") == format_number(12345, ZH) == "12,345"
    assert format_list(["A", "B", "C"], "en") == "A, B, and C"
    assert format_list(["A", "B", "C"], ZH) == "A、B及C"
    assert format_list(["A", "B"], "en", style="or") == "A or B"


HUMAN_DIRECTIVES = ("%a", "%A", "%b", "%B", "%p", "%I")


def _writes_words(node: ast.AST) -> bool:
    """A strftime call or a ``{day:%B}`` format spec with month or day names or AM/PM."""
    spec = None
    if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "strftime" and node.args:
        spec = node.args[0]
    elif isinstance(node, ast.FormattedValue) and isinstance(node.format_spec, ast.JoinedStr):
        spec = node.format_spec.values[0] if node.format_spec.values else None
    text = spec.value if isinstance(spec, ast.Constant) else None
    return isinstance(text, str) and any(d in text for d in HUMAN_DIRECTIVES)


def test_no_plural_or_date_is_chosen_in_code():
    """No ``== 1`` picks a word form, and no strftime writes a date for people to read, with
    month or day names or AM/PM (machine stamps such as ``%Y%m%d`` are fine). Reminders
    are still to adopt bot/core/formatting (issue 14)."""
    assert _writes_words(ast.parse('f"{d:%B} {d.day}"').body[0].value.values[0])  # type: ignore[attr-defined]
    assert not _writes_words(ast.parse('d.strftime("%Y%m%d")').body[0].value)  # type: ignore[attr-defined]
    found = []
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("cogs/**/*.py")]:
        rel = str(path.relative_to(ROOT))
        if rel.startswith(("bot/reminders/", "cogs/reminders/")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _writes_words(node):
                found.append(f"{rel}:{node.lineno} strftime with words")
            if isinstance(node, ast.IfExp) and isinstance(node.test, ast.Compare):
                compare = node.test
                picks_text = isinstance(node.body, ast.Constant) and isinstance(
                    node.body.value, str
                )
                is_one = any(
                    isinstance(c, ast.Constant) and c.value == 1 for c in compare.comparators
                )
                if picks_text and is_one and isinstance(compare.ops[0], ast.Eq):
                    found.append(f"{rel}:{node.lineno} == 1")
    assert not found, found
