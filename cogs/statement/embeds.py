"""/statement replies as embeds: one paragraph, search results, a quote to share."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.core.content import Paragraph, Statement
from bot.core.formatting import plural
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FOOTER, EMBED_TITLE, clip
from bot.core.markdown import escape_markdown
from bot.statement.original import original_language_note
from bot.statement.reading import SearchHit, format_hits, numbered, quote_text
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


def search_embed(query: str, hits: Sequence[SearchHit], locale: Locale) -> discord.Embed:
    """/statement search: how many paragraphs matched, then their marked sentences."""
    body = format_hits(hits, t("statement.search.more", locale, count="{count}"))
    intro = plural("statement.search.count", len(hits), locale)
    title = t("statement.search.title", locale, query=escape_markdown(" ".join(query.split())))
    embed = discord.Embed(title=clip(title, EMBED_TITLE), description=f"{intro}\n\n{body}")
    return with_original_note(embed, locale)


def quote_embed(statement: Statement, p: Paragraph, locale: Locale) -> discord.Embed:
    """/statement quote: the paragraph as a block quote, attributed, to post publicly."""
    attribution = t(
        "statement.quote.attribution", locale, number=p.number, count=len(statement.paragraphs)
    )
    room = EMBED_DESCRIPTION - len(attribution) - 2
    embed = discord.Embed(description=f"{clip(quote_text(p), room)}\n\n{attribution}")
    embed.set_footer(text=clip(statement.title, EMBED_FOOTER))
    return with_original_note(embed, locale)
