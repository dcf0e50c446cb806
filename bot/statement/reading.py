"""The joint statement as members read it: pages, paragraphs and quotes (search: ``search``).

Everything here works on :class:`bot.core.content.Statement` and plain text, without Discord.
The statement's words are never changed: text is only escaped for Discord markdown, so a
``*`` or ``_`` in it shows as itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.core.content import Paragraph, Signatory, Statement
from bot.core.errors import UserError
from bot.core.limits import CHOICE_NAME, EMBED_DESCRIPTION
from bot.core.markdown import escape_markdown

# A page of /statement read holds whole paragraphs up to about this many characters, so a
# page reads comfortably on a phone; a longer paragraph gets a page of its own and is split
# only if it would not fit an embed description.
PAGE_BUDGET = 1500


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

    Every page is at most ``limit`` characters (an embed description). The pages are kept
    (the statement never changes; escaping it for markdown is most of a page's cost).
    """
    return list(_pages(statement, tuple(signatories), signed_heading, budget, limit))


@lru_cache(maxsize=16)
def _pages(
    statement: Statement,
    signatories: tuple[Signatory, ...],
    signed_heading: str,
    budget: int,
    limit: int,
) -> tuple[str, ...]:
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
    return tuple(pages)


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


# ------------------------------------------------------------- words of a query

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
    # While a member types, a word matches the start of a word in a paragraph ("sanc").
    return re.compile(rf"(?<!\w){re.escape(word)}[\w']*", re.IGNORECASE)


# --------------------------------------------------------------------------- quotes


def quote_text(paragraph: Paragraph) -> str:
    """The paragraph as a block quote: verbatim words, markdown escaped."""
    return "> " + escape_markdown(paragraph.text)
