"""The joint statement as members read it: pages, paragraphs, search and quotes.

Everything here works on :class:`bot.core.content.Statement` and plain text, without Discord.
The statement's words are never changed: text is only escaped for Discord markdown, so a
``*`` or ``_`` in it shows as itself, and search marks matches with bold around escaped
pieces, which cannot break the words between them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.content import Paragraph, Signatory, Statement
from bot.core.errors import UserError
from bot.core.limits import CHOICE_NAME, EMBED_DESCRIPTION, clip
from bot.core.markdown import escape_markdown

# A page of /statement read holds whole paragraphs up to about this many characters, so a
# page reads comfortably on a phone; a longer paragraph gets a page of its own and is split
# only if it would not fit an embed description.
PAGE_BUDGET = 1500
QUERY_MAX = 100
# Search results show the sentences that match, clipped to this many characters each.
SNIPPET_MAX = 420
SEARCH_RESULTS_MAX = 3800


def numbered(paragraph: Paragraph) -> str:
    """One paragraph for a page: its number in bold, then the escaped text."""
    return f"**{paragraph.number}.** {escape_markdown(paragraph.text)}"


# ----------------------------------------------------------------------------- pages


def _split_long(text: str, limit: int) -> list[str]:
    """Split text longer than ``limit`` at sentence ends (or spaces) into pieces that fit."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = max(rest.rfind(". ", 0, limit), rest.rfind("; ", 0, limit))
        cut = cut + 1 if cut > 0 else rest.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def statement_pages(
    statement: Statement,
    signatories: Sequence[Signatory],
    signed_heading: str,
    *,
    budget: int = PAGE_BUDGET,
    limit: int = EMBED_DESCRIPTION,
) -> list[str]:
    """The whole statement as page texts: paragraphs, then the numbered signatory list.

    Every page is at most ``limit`` characters (an embed description).
    """
    blocks = [numbered(p) for p in statement.paragraphs]
    names = [f"{s.position}. {escape_markdown(s.name)}" for s in signatories]
    if names:
        blocks.append(f"**{escape_markdown(signed_heading)}**\n" + "\n".join(names))
    pages: list[str] = []
    current = ""
    for block in blocks:
        for piece in _split_long(block, limit) if len(block) > limit else [block]:
            joined = f"{current}\n\n{piece}" if current else piece
            if current and len(joined) > budget:
                pages.append(current)
                current = piece
            else:
                current = joined
    if current:
        pages.append(current)
    return pages


def clamp_page(page: int, total: int) -> int:
    """A page number (1-based) forced into range, for buttons on an old message."""
    return min(max(page, 1), max(total, 1))


# ----------------------------------------------------------------------- paragraphs


def get_paragraph(statement: Statement, number: int) -> Paragraph:
    """The paragraph, or :class:`UserError` saying which numbers exist."""
    paragraph = statement.paragraph(number)
    if paragraph is None:
        raise UserError(
            "statement.paragraph.unknown",
            number=number if abs(number) < 10**6 else f"{str(number)[:6]}…",
            count=len(statement.paragraphs),
        )
    return paragraph


def first_words(text: str, limit: int) -> str:
    """The start of ``text`` cut at a word boundary, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut <= 0:
        cut = limit - 1
    return text[:cut].rstrip(" ,;:") + "…"


def paragraph_choice_name(paragraph: Paragraph) -> str:
    """ "N. first words…" within Discord's 100-character choice names."""
    prefix = f"{paragraph.number}. "
    return prefix + first_words(paragraph.text, CHOICE_NAME - len(prefix))


def suggest_paragraphs(statement: Statement, current: str, limit: int = 25) -> list[Paragraph]:
    """Paragraphs for autocomplete: by number when digits are typed, else by words."""
    typed = current.strip()
    if not typed:
        return list(statement.paragraphs[:limit])
    if typed.isdigit():
        return [p for p in statement.paragraphs if str(p.number).startswith(typed)][:limit]
    words = query_words(typed)
    hits = [p for p in statement.paragraphs if all(_word_pattern(w).search(p.text) for w in words)]
    return hits[:limit]


# --------------------------------------------------------------------------- search

# Words may hold inner punctuation ("H.R", "1,800", "Forty-two"); an abbreviation keeps
# its final dot ("U.S.").
_TOKEN = re.compile(r"\w+(?:[',.\-/]\w+)*(?:(?<=\.\w)\.)?")
_NORMALIZE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def query_words(query: str) -> list[str]:
    """The words of a query, in order, without duplicates (case-insensitive)."""
    seen: dict[str, str] = {}
    for token in _TOKEN.findall(query.translate(_NORMALIZE)):
        word = token.strip("_")  # "_" is markdown here, not part of a word
        if word:
            seen.setdefault(word.casefold(), word)
    return list(seen.values())


def _word_pattern(word: str) -> re.Pattern[str]:
    # A word matches at the start of a word in the text and takes the rest of that word,
    # so "sanction" marks "sanctions" whole.
    return re.compile(rf"(?<!\w){re.escape(word)}[\w']*", re.IGNORECASE)


def validate_query(query: str) -> list[str]:
    """The query's words; :class:`UserError` for an empty, too long or wordless query."""
    cleaned = query.strip()
    if not cleaned:
        raise UserError("statement.search.empty")
    if len(cleaned) > QUERY_MAX:
        raise UserError("statement.search.too_long", limit=QUERY_MAX, length=len(cleaned))
    words = query_words(cleaned)
    if not words:
        raise UserError("statement.search.no_words")
    return words


def match_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Sorted character spans of ``text`` that match any of the words, neighbours merged."""
    spans = sorted(m.span() for w in words for m in _word_pattern(w).finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            # Overlapping, or only spaces between: one mark ("**Hong Kong**").
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


_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (not fooled by "U.S." or "H.R.")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?][\"”')]*\s+(?=[\"“(]?[A-Z0-9])", text):
        head = text[start : m.start() + 1]
        if _ABBREVIATION.search(head):
            continue
        spans.append((start, m.start() + len(m.group().rstrip())))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class SearchHit:
    number: int
    excerpt: str  # markdown: escaped text with matches in bold
    matches: int


def search(statement: Statement, words: Sequence[str]) -> list[SearchHit]:
    """Paragraphs containing every word, with the matching sentences as marked excerpts."""
    hits: list[SearchHit] = []
    for paragraph in statement.paragraphs:
        text = paragraph.text
        if not all(_word_pattern(w).search(text) for w in words):
            continue
        spans = match_spans(text, words)
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
            lead = "… " if s_start > previous_end and s_start > 0 else ""
            parts.append(lead + piece)
            previous_end = s_end
        tail = " …" if previous_end < len(text) else ""
        hits.append(SearchHit(paragraph.number, " ".join(parts) + tail, len(spans)))
    return hits


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


# --------------------------------------------------------------------------- quotes


def quote_text(paragraph: Paragraph) -> str:
    """The paragraph as a block quote: verbatim words, markdown escaped."""
    return "> " + escape_markdown(paragraph.text)
