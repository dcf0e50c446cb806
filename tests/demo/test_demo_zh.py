"""A member reads the bot in Traditional Chinese: ``:locale zh-TW`` in the demo, then a
member's path (the statement, groups near them, a call, how it went) shows no English
outside the statement, proper names, bill numbers and the call script they read aloud."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.core.content import load_content
from bot.core.i18n import DEFAULT_LOCALE, catalog
from bot.demo.language import WORDS
from tests.demo.test_demo import demo

CONTENT = load_content()

MEMBER_PATH = """\
    :locale zh-TW
    /statement read
    :click 下一頁
    /groups near place:Oakland
    /call bill:HKETO
    :click 我接通了
    /call-stats
"""


@pytest.fixture(autouse=True)
def _demo_words_back_to_english() -> Iterator[None]:
    yield
    WORDS.locale = DEFAULT_LOCALE  # the demo's lines are module state; leave them English


# ------------------------------------------------------------------ the English checker


def _allowed_phrases() -> list[str]:
    """Proper names the Chinese interface shows as they are, longest first."""
    names: set[str] = {"Discord", "UTC", "member", "organizer"}  # the demo's two people
    for s in CONTENT.signatories:
        names.add(s.name)
        if s.short_name:
            names.add(s.short_name)
    for c in CONTENT.campaigns:
        names.update((c.act, c.short_name, *c.aliases))
    for m in CONTENT.metros.values():
        names.update((m.name, *m.aliases, *m.cities))
    names.update(CONTENT.states.values())
    return sorted(names, key=len, reverse=True)


ALLOWED = _allowed_phrases()
STATEMENT = " ".join([CONTENT.statement.title, *(p.text for p in CONTENT.statement.paragraphs)])
# The call script is read aloud to a US congressional office, so it is English on purpose
# (zh-TW/GLOSSARY.md): a line of it is allowed as the templates write it.
SCRIPT_LINES = [
    re.compile(
        "^" + ".+?".join(re.escape(piece) for piece in re.split(r"\{[a-z_]+\}", line.strip())) + "$"
    )
    for key, text in catalog("en").items()
    if key.startswith("calls.default_script.")
    for line in text.splitlines()
    if line.strip()
]
_NOT_WORDS = (
    re.compile(r"`[^`]*`"),  # code: commands and options as typed
    re.compile(r"<?https?://\S+?>?(?=\s|$)"),  # links
    re.compile(r"(?<![\w/])/[a-z][\w-]*(?: [a-z][\w-]*)?"),  # /call-stats, /me privacy
    re.compile(r"\b(?:H\.R\.|S\.) ?\d+"),  # bill numbers
    re.compile(r"\b[a-z]{2}-[A-Z]{2}\b"),  # Discord language tags: zh-TW
    re.compile(r"\b[A-Z]{2}\b"),  # state codes
    re.compile(r"#[\w-]+|@[\w-]+"),  # channels and people in the demo server
)


def _unmarked(line: str) -> str:
    """A line without the demo's frame and Discord markdown."""
    line = re.sub(r"^\s*(\| )?(-- )?(> )?", "", line)
    line = line.replace("**", "").replace("\\", "")
    return re.sub(r"^\d+\. ", "", line).strip()


def english_left(line: str) -> list[str]:
    """English words in a line once the statement, names, numbers and code are set aside."""
    text = _unmarked(line)
    if not text or text in STATEMENT or any(p.match(text) for p in SCRIPT_LINES):
        return []
    for name in ALLOWED:
        text = text.replace(name, " ")
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def english_lines(transcript: str) -> dict[str, list[str]]:
    """Each printed line (not the lines typed) that still has English in it."""
    found = {}
    for line in transcript.splitlines():
        if re.match(r"^\w+ (在 #[\w-]+|與機械人私訊中)> ", line):
            continue  # the prompt and what the member typed
        words = english_left(line)
        if words:
            found[line] = words
    return found


def test_the_checker_catches_english_and_lets_names_through():
    assert english_left("  Thank you for calling about the HKETO Certification Act!")
    assert english_left("  | Who to call:") == ["Who", "to", "call"]
    assert not english_left("  多謝你就 HKETO Certification Act 致電！")
    assert not english_left(
        "  | • **Hong Kongers in San Francisco Bay Area** — San Francisco Bay Area"
    )
    assert not english_left(
        "  | H.R. 1103 <https://www.congress.gov/bill/118th-congress/x> · 眾議院"
    )
    paragraph = CONTENT.statement.paragraphs[0]
    assert not english_left(f"  | **1.** {paragraph.text}")
    assert not english_left("  | Thank you for your time.")


# ------------------------------------------------------------------ the member's path


def test_a_members_path_in_chinese_has_no_english_but_names():
    text = demo(MEMBER_PATH)
    _, _, zh = text.partition("> :locale zh-TW\n")
    assert zh, text
    left = english_lines(zh)
    assert not left, "English in the zh-TW transcript:\n" + "\n".join(
        f"{line}\n    -> {words}" for line, words in left.items()
    )
    # It is the path it says: the statement (with the note once), groups, a call, its outcome.
    assert zh.count("聯合聲明以英文發表") == 2  # once on each page read
    assert CONTENT.statement.paragraphs[0].text[:80] in zh
    assert "Oakland, CA 附近的簽署團體" in zh
    assert "就 HKETO Certification Act 致電" in zh and "第 118 屆國會" in zh
    assert "2025年1月3日" in zh
    assert "多謝你就 HKETO Certification Act 致電！已記錄：你接通了。" in zh
    assert "本伺服器至今就此法案共記錄了 **1** 次致電。" in zh
    assert "連續每星期致電：**1** 個星期" in zh


def test_the_same_path_in_english_is_english_throughout():
    """The checker is not blind: without :locale the same path is caught everywhere."""
    text = demo(MEMBER_PATH.replace("    :locale zh-TW\n", "").replace("下一頁", "Next"))
    text = text.replace("我接通了", "I reached someone")
    assert len(english_lines(text)) > 20


def test_locale_is_per_person_and_checked():
    text = demo(
        """\
        :locale xx
        :locale zh-TW
        /groups near place:Oakland
        :as organizer
        /setup show
        :as member
        :now
        """
    )
    assert "“xx”" in text  # refused in English: nothing was switched yet
    assert "member 的 Discord 現在設定為 zh-TW" in text
    assert "Oakland, CA 附近的簽署團體" in text  # the member's private reply, in Chinese
    organizer = text.split("organizer in #general> /setup show\n")[1]
    assert organizer.startswith("bot (only you can see this):\n  **Organizer role:**")
    assert "模擬伺服器現在的時間是 2025年12月31日 下午7:00（北美東部標準時間）。" in text
