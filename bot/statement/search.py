"""Searching the statement and its signatories: whole words, stemmed, phrases in quotes.

The paragraphs and the signatories' names go into an in-memory SQLite FTS5 table with the
porter tokenizer, built once: "sanction" finds "sanctions" and "sanctioned", "the" is not
"they", ``"national security"`` is searched as a phrase, and every word or phrase must be
in a paragraph (or a name) for it to match. FTS5 also says where the matches are, so the
marks are exactly what was found. The words themselves are never changed: excerpts are
escaped for Discord markdown and the matches put in bold.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.content import Signatory, Statement
from bot.core.errors import UserError
from bot.core.limits import clip
from bot.core.markdown import escape_markdown
from bot.statement.reading import query_words

QUERY_MAX = 100
# Search results show the sentences that match, clipped to this many characters each.
SNIPPET_MAX = 420
SEARCH_RESULTS_MAX = 3800

_QUOTED = re.compile(r"[\"“”]([^\"“”]*)(?:[\"“”]|$)")
_OPEN, _CLOSE = "\x02", "\x03"  # marks FTS5 puts around a match; never in the statement


@dataclass(frozen=True, slots=True)
class Query:
    """What a member searches for: words and quoted phrases, each of which must match."""

    terms: tuple[str, ...]

    def fts(self) -> str:
        """The FTS5 expression: each term a quoted phrase (quotes doubled), all required."""
        return " ".join('"' + term.replace('"', '""') + '"' for term in self.terms)

    def shown(self) -> str:
        """The terms for a message: “sanctions”, “national security”."""
        return ", ".join(f"“{escape_markdown(term)}”" for term in self.terms)


def parse_query(text: str) -> Query:
    """Words and quoted phrases; :class:`UserError` for an empty, too long or wordless query."""
    cleaned = text.strip()
    if not cleaned:
        raise UserError("statement.search.empty")
    if len(cleaned) > QUERY_MAX:
        raise UserError("statement.search.too_long", limit=QUERY_MAX, length=len(cleaned))
    terms: dict[str, str] = {}
    for phrase in _QUOTED.findall(cleaned):
        words = query_words(phrase)
        if words:
            terms.setdefault(" ".join(words).casefold(), " ".join(words))
    for word in query_words(_QUOTED.sub(" ", cleaned)):
        terms.setdefault(word.casefold(), word)
    if not terms:
        raise UserError("statement.search.no_words")
    return Query(tuple(terms.values()))


@dataclass(frozen=True, slots=True)
class SearchHit:
    number: int  # the paragraph's number, or the signatory's position
    excerpt: str  # markdown: escaped text with matches in bold
    matches: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    paragraphs: list[SearchHit]
    signatories: list[SearchHit]

    def __bool__(self) -> bool:
        return bool(self.paragraphs or self.signatories)


class StatementIndex:
    """The statement's paragraphs and the signatories' names, indexed once for search."""

    def __init__(self, statement: Statement, signatories: Sequence[Signatory] = ()) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE doc USING fts5(kind UNINDEXED, number UNINDEXED, body,"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        rows = [("p", p.number, p.text) for p in statement.paragraphs]
        rows += [("s", s.position, s.name) for s in signatories]
        self._db.executemany("INSERT INTO doc (kind, number, body) VALUES (?, ?, ?)", rows)
        self._db.commit()

    def find(self, query: Query) -> SearchResults:
        """Paragraphs and names containing every term, marked (blocking; microseconds)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, number, highlight(doc, 2, ?, ?) FROM doc WHERE doc MATCH ?"
                " ORDER BY kind, number",
                (_OPEN, _CLOSE, query.fts()),
            ).fetchall()
        paragraphs: list[SearchHit] = []
        signatories: list[SearchHit] = []
        for kind, number, marked in rows:
            text, spans = _spans(marked)
            if kind == "p":
                paragraphs.append(SearchHit(number, excerpt(text, spans), len(spans)))
            else:
                signatories.append(SearchHit(number, mark(text, spans), len(spans)))
        return SearchResults(paragraphs, signatories)

    async def search(self, query: Query) -> SearchResults:
        """:meth:`find` in a worker thread, off the event loop."""
        return await asyncio.to_thread(self.find, query)


def search(
    statement: Statement, query: str, signatories: Sequence[Signatory] = ()
) -> SearchResults:
    """One search without keeping an index (tests, scripts)."""
    return StatementIndex(statement, signatories).find(parse_query(query))


# ------------------------------------------------------------------------ marking


def _spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without FTS5's marks, and where they were (whole words, neighbours merged)."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start = 0
    for ch in marked:
        if ch == _OPEN:
            start = pos
        elif ch == _CLOSE:
            spans.append((start, pos))
        else:
            text.append(ch)
            pos += 1
    plain = "".join(text)
    return plain, merge_spans(plain, [_whole(plain, a, b) for a, b in spans])


_ABBREVIATION = re.compile(r"(?:\w\.)+\w")


def _whole(text: str, start: int, end: int) -> tuple[int, int]:
    """A match widened to the word as written: "Kong's", "U.S.", "Hongkongers'"."""
    while end + 1 < len(text) and text[end] in "'’" and text[end + 1].isalnum():
        end += 1
        while end < len(text) and text[end].isalnum():
            end += 1
    if end < len(text) and text[end] == "." and _ABBREVIATION.fullmatch(text[start:end]):
        end += 1
    elif end < len(text) and text[end] in "'’" and text[end - 1] in "sS":
        end += 1  # a plural's possessive
    return start, end


def merge_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, overlapping ones or ones with only spaces between made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap each span in bold; the words themselves are unchanged."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(escape_markdown(text[pos:start]))
        out.append(f"**{escape_markdown(text[start:end])}**")
        pos = end
    out.append(escape_markdown(text[pos:]))
    return "".join(out)


_SENTENCE_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (not fooled by "U.S." or "H.R.")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?][\"”')]*\s+(?=[\"“(]?[A-Z0-9])", text):
        head = text[start : m.start() + 1]
        if _SENTENCE_ABBREVIATION.search(head):
            continue
        spans.append((start, m.start() + len(m.group().rstrip())))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def excerpt(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The sentences of a paragraph that hold a match, marked; "…" where text is left out."""
    parts: list[str] = []
    previous_end = 0
    for s_start, s_end in sentences(text):
        inside = [(a - s_start, b - s_start) for a, b in spans if s_start <= a < s_end]
        if not inside:
            continue
        sentence = text[s_start:s_end]
        piece = mark(sentence, inside) if len(sentence) <= SNIPPET_MAX else None
        if piece is None:
            # A very long sentence: show a window around its first match.
            a = max(0, inside[0][0] - SNIPPET_MAX // 2)
            window = sentence[a : a + SNIPPET_MAX]
            shifted = [(x - a, min(y - a, len(window))) for x, y in inside if x >= a]
            shifted = [(x, y) for x, y in shifted if x < len(window)]
            piece = ("…" if a else "") + mark(window, shifted) + "…"
        lead = "… " if text[previous_end:s_start].strip() else ""  # sentences left out
        parts.append(lead + piece)
        previous_end = s_end
    tail = " …" if previous_end < len(text) else ""
    return " ".join(parts) + tail


def format_hits(hits: Sequence[SearchHit], more_line: str, limit: int = SEARCH_RESULTS_MAX) -> str:
    """Hits as text within ``limit``; ``more_line`` has ``{count}`` for hits left out."""
    lines = [f"**{hit.number}.** {hit.excerpt}" for hit in hits]
    shown: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        left_after = len(lines) - i - 1
        reserve = len(more_line) + 12 if left_after else 0
        if used + len(line) + reserve > limit:
            if not shown:  # one hit longer than everything: clip it rather than show nothing
                shown.append(clip(line, limit - len(more_line) - 12))
                left_after = len(lines) - 1
            else:
                left_after = len(lines) - i
            if left_after:
                shown.append(more_line.format(count=left_after))
            break
        shown.append(line)
        used += len(line) + 2
    return "\n\n".join(shown)
