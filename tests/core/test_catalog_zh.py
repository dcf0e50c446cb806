"""The Traditional Chinese (zh-TW) catalog mirrors the English one, key for key."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.core.i18n import catalog, placeholders

ROOT = Path(__file__).resolve().parents[2]
EN = catalog("en")
ZH = catalog("zh-TW")

# Kept in English on purpose: a call script is read aloud to a US congressional office,
# and ``calls.target.*`` is what fills its {chamber_target} (see zh-TW/GLOSSARY.md).
ENGLISH_ON_PURPOSE = ("calls.default_script.", "calls.target.")

# Proper names a zh-TW message may carry in English as they are (place examples that the
# bot reads only in English, act and organization names).
PROPER_NAMES = (
    "San Francisco Bay Area",
    "Hong Kong Economic and Trade Office Certification Act",
    "HKETO Certification Act",
    "Hong Kong Sanctions Act",
    "Transnational Repression Policy Act",
)

DISCORD_TEXT_LIMIT = 100  # command and option descriptions, choice names

# Never-translated spans, removed before looking for English sentences.
_SKIPPED = (
    re.compile(r"`[^`]*`"),  # inline code: commands, options, search words
    re.compile(r"https?://[^\s)>）」，。]+"),  # URLs
    re.compile(r"\{[^{}]*\}"),  # placeholders
    re.compile(r"(?<!\w)[/:][a-z][\w-]*(?: [a-z][\w-]*)*"),  # /remind list, :advance
    re.compile(r"\S+:\S*"),  # option:value
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_RUN = re.compile(r"[A-Za-z][\w'’.-]*(?:,? +[A-Za-z][\w'’.-]*){3,}")

# Simplified-only characters (their Traditional forms are used instead).
_SIMPLIFIED = set("这们说时国会议员设发个对为认请选择联络过还没进开关从")
_SIMPLIFIED |= set("号码删储订阅经贸办处证务与电话组织团体该将无应")

# Hong Kong usage chosen in GLOSSARY.md over other common renderings.
_NOT_OUR_TERMS = {
    "什麼": "甚麼",
    "您": "你",
    "機器人": "機械人",
    "網路": "網絡",
    "資料庫": "數據庫",
    "組織者": "籌辦人",
    "隱私(?!設定)": "私隱 (隱私設定 only as Discord's own label)",
}


def _names(template: str) -> set[str]:
    """Placeholder names the code can fill (a stray brace shown raw is not one)."""
    return {name for name in placeholders(template) if name.isidentifier()}


def _english_on_purpose(key: str) -> bool:
    return key.startswith(ENGLISH_ON_PURPOSE)


def _strip(text: str) -> str:
    """The text without proper names, code, URLs, placeholders, commands and options."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    for pattern in _SKIPPED:
        text = pattern.sub(" ", text)
    return text


def _english_run(text: str) -> str | None:
    """The first run of four or more English words outside code, URLs and proper names."""
    found = _ENGLISH_RUN.search(_strip(text))
    return found.group(0) if found else None


def _description_keys() -> set[str]:
    """Keys shown as command/option descriptions or choice names (cmd() and *description)."""
    keys = {key for key in EN if key.rsplit(".", 1)[-1].endswith("description")}
    prefixes = []
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("cogs/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            first = node.args[0]
            if name != "cmd":
                continue
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                prefixes.append(str(first.values[0].value))
    keys.update(key for key in EN for prefix in prefixes if key.startswith(prefix))
    from bot.reminders.recurrence import Repeat  # choice names derived from the enum

    keys.update(r.choice_key for r in Repeat)
    return keys


def test_zh_tw_has_exactly_the_english_keys():
    assert ZH, "bot/locales/zh-TW is missing"
    assert sorted(set(EN) - set(ZH)) == [], "keys missing from zh-TW"
    assert sorted(set(ZH) - set(EN)) == [], "zh-TW keys that English does not have"


def test_every_key_has_the_same_placeholders():
    differ = {
        key: (sorted(_names(EN[key])), sorted(_names(ZH[key])))
        for key in EN
        if _names(EN[key]) != _names(ZH[key])
    }
    assert not differ, f"placeholders differ (en, zh-TW): {differ}"


def test_a_stray_brace_shown_raw_only_where_english_has_one():
    odd = [
        key
        for key, text in ZH.items()
        if placeholders(text) - _names(text) and not placeholders(EN[key]) - _names(EN[key])
    ]
    assert not odd, f"zh-TW has a non-placeholder brace field: {odd}"


@pytest.mark.parametrize("key", sorted(ZH))
def test_every_zh_tw_template_formats(key):
    text = ZH[key]
    assert text.strip(), f"{key} is empty"
    text.format(**{name: "X" for name in placeholders(text)})


def test_descriptions_fit_discord():
    keys = _description_keys()
    assert "setup.show.description" in keys and "reminders.choice.weekly" in keys
    too_long = {key: len(ZH[key]) for key in keys if len(ZH[key]) > DISCORD_TEXT_LIMIT}
    assert not too_long, f"longer than {DISCORD_TEXT_LIMIT} characters: {too_long}"


def test_nothing_left_in_english():
    same = [
        key
        for key in EN
        if not _english_on_purpose(key) and ZH[key] == EN[key] and _english_run(EN[key])
    ]
    assert not same, f"identical to the English: {same}"
    runs = {
        key: run
        for key, text in ZH.items()
        if not _english_on_purpose(key) and (run := _english_run(text))
    }
    assert not runs, f"English left untranslated: {runs}"


def test_every_worded_message_has_chinese_in_it():
    """A short label left in English ("Ping", "Discarded") has no four-word run to catch."""
    bare = [
        key
        for key, text in ZH.items()
        if not _english_on_purpose(key)
        and re.search(r"[A-Za-z]{2,}", _strip(text))
        and not _CJK.search(text)
    ]
    assert not bare, f"no Chinese in: {bare}"


def test_kept_in_english_on_purpose_is_the_english():
    kept = [key for key in EN if _english_on_purpose(key)]
    assert kept and all(ZH[key] == EN[key] for key in kept)


def test_the_untranslated_check_catches_a_sentence():
    assert _english_run("請用 `/call bill:` Call about the HKETO Act now.") is not None
    assert _english_run("就 HKETO Certification Act 致電，例如 San Francisco Bay Area。") is None


def test_traditional_characters_and_hong_kong_terms():
    simplified = {key: sorted(set(text) & _SIMPLIFIED) for key, text in ZH.items()}
    assert not {k: v for k, v in simplified.items() if v}, "Simplified characters"
    wrong = {
        key: (term, ours)
        for key, text in ZH.items()
        for term, ours in _NOT_OUR_TERMS.items()
        if re.search(term, text)
    }
    assert not wrong, f"terms that differ from GLOSSARY.md: {wrong}"
