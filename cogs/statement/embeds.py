"""/statement replies as embeds: one paragraph, search results, a quote to share."""

from __future__ import annotations

import discord

from bot.core.content import Paragraph, Statement
from bot.core.formatting import plural
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FOOTER, EMBED_TITLE, clip
from bot.core.markdown import escape_markdown
from bot.statement.original import original_language_note
from bot.statement.reading import numbered, quote_text
from bot.statement.search import SEARCH_RESULTS_MAX, SearchResults, format_hits
from cogs._common.types import Locale


def _title(statement: Statement) -> str:
    return clip(escape_markdown(statement.title), EMBED_TITLE)


def with_original_note(embed: discord.Embed, locale: Locale) -> discord.Embed:
    """Above the English words, once: the statement is quoted as published (not in English)."""
    note = original_language_note(locale)
    return embed.set_author(name=note) if note else embed


def paragraph_embed(statement: Statement, p: Paragraph, locale: Locale) -> discord.Embed:
    """/statement paragraph: one numbered paragraph, verbatim."""
    # Paragraphs are far shorter than an embed; clip only guards against odd data.
    embed = discord.Embed(title=_title(statement), description=clip(numbered(p), EMBED_DESCRIPTION))
    count = len(statement.paragraphs)
    embed.set_footer(text=t("statement.paragraph.footer", locale, number=p.number, count=count))
    return with_original_note(embed, locale)


SIGNATORIES_MAX = 1200  # of the results' room, at most this much for matching names


def search_embed(query: str, results: SearchResults, locale: Locale) -> discord.Embed:
    """/statement search: the matching paragraphs' marked sentences, then matching names."""
    hits = results.paragraphs
    names = _signatory_lines(results, locale)
    room = SEARCH_RESULTS_MAX - len(names)
    more = t("statement.search.more", locale, count="{count}")
    if hits:
        parts = [plural("statement.search.count", len(hits), locale), format_hits(hits, more, room)]
    else:
        parts = [t("statement.search.only_signatories", locale)]
    if names:
        parts.append(names)
    title = t("statement.search.title", locale, query=escape_markdown(" ".join(query.split())))
    description = clip("\n\n".join(parts), EMBED_DESCRIPTION)
    embed = discord.Embed(title=clip(title, EMBED_TITLE), description=description)
    return with_original_note(embed, locale)


def _signatory_lines(results: SearchResults, locale: Locale) -> str:
    """ "Signatories:" and each matching name, marked, within SIGNATORIES_MAX."""
    if not results.signatories:
        return ""
    lines = [t("statement.search.signatories_heading", locale)]
    used = len(lines[0])
    for i, hit in enumerate(results.signatories):
        line = f"{hit.number}. {hit.excerpt}"
        if used + len(line) + 1 > SIGNATORIES_MAX:
            left = len(results.signatories) - i
            lines.append(t("statement.search.more_signatories", locale, count=left))
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


def quote_embed(statement: Statement, p: Paragraph, locale: Locale) -> discord.Embed:
    """/statement quote: the paragraph as a block quote, attributed, to post publicly."""
    attribution = t(
        "statement.quote.attribution", locale, number=p.number, count=len(statement.paragraphs)
    )
    room = EMBED_DESCRIPTION - len(attribution) - 2
    embed = discord.Embed(description=f"{clip(quote_text(p), room)}\n\n{attribution}")
    embed.set_footer(text=clip(statement.title, EMBED_FOOTER))
    return with_original_note(embed, locale)
