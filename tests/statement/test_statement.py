"""/statement, driven as a member would: read with buttons, paragraph, search, quote."""

from __future__ import annotations

import pytest

from bot.app import create_bot
from bot.core.content import load_content
from bot.core.limits import CHOICE_NAME, EMBED_DESCRIPTION, EMBED_TOTAL

CONTENT = load_content()
PARAGRAPHS = [p.text for p in CONTENT.statement.paragraphs]
COUNT = len(PARAGRAPHS)


def _embed(result):
    assert result.response is not None, "the bot did not answer"
    assert result.response.embeds, result.response.content
    return result.response.embeds[0]


def _footer(result) -> str:
    return _embed(result).footer.text


def _buttons(message) -> dict[str, dict]:
    return {c["label"]: c for row in message.components for c in row["components"]}


# ---------------------------------------------------------------------------- read


async def test_read_pages_through_the_whole_statement_privately(world):
    result = await world.member.slash(world.general, "statement read")
    assert result.ephemeral
    first = _embed(result)
    assert first.title == CONTENT.statement.title
    total = int(first.footer.text.rsplit(" ", 1)[1])
    assert first.footer.text == f"Page 1 of {total}" and total > 1
    assert _buttons(result.response)["Previous"]["disabled"] is True

    message = result.response
    texts = [first.description]
    for page in range(2, total + 1):
        clicked = await world.member.click(message, label="Next")
        assert _footer(clicked) == f"Page {page} of {total}"
        texts.append(_embed(clicked).description)
        message = clicked.response
    assert _buttons(message)["Next"]["disabled"] is True
    whole = "\n".join(texts)
    for number, text in enumerate(PARAGRAPHS, 1):
        assert f"**{number}.** {text}" in whole  # verbatim, numbered, in order
    assert whole.index("**1.**") < whole.index(f"**{COUNT}.**")
    assert "24. We The Hongkongers" in texts[-1]
    assert all(len(t) <= EMBED_DESCRIPTION for t in texts)

    back = await world.member.click(message, label="Previous")
    assert _footer(back) == f"Page {total - 1} of {total}"


async def test_next_button_works_after_a_restart(world):
    result = await world.member.slash(world.general, "statement read")
    await world.env.restart_bot(create_bot(world.env.bot.settings))
    clicked = await world.member.click(result.response, label="Next")
    assert _footer(clicked).startswith("Page 2 of ")
    assert clicked.response.id == result.response.id  # the same message turned its page


async def test_public_read_lets_others_page_privately(world):
    result = await world.member.slash(world.general, "statement read", public=True)
    assert not result.ephemeral
    other = await world.organizer.click(result.response, label="Next")
    assert other.ephemeral
    assert _footer(other).startswith("Page 2 of ")
    assert world.general.last_message.embeds[0].footer.text.startswith("Page 1 of ")
    own = await world.member.click(result.response, label="Next")
    assert not own.ephemeral and _footer(own).startswith("Page 2 of ")


# ----------------------------------------------------------------------- paragraph


async def test_paragraph_shows_the_verbatim_text_privately(world):
    result = await world.member.slash(world.general, "statement paragraph", number=3)
    assert result.ephemeral
    embed = _embed(result)
    assert embed.description == f"**3.** {PARAGRAPHS[2]}"
    assert embed.footer.text.startswith(f"Paragraph 3 of {COUNT}")


async def test_paragraph_can_be_posted_publicly(world):
    result = await world.member.slash(world.general, "statement paragraph", number=1, public=True)
    assert not result.ephemeral
    assert "intensifying repression" in _embed(result).description


@pytest.mark.parametrize("number", [0, COUNT + 1, -1, 10**15])
async def test_unknown_paragraph_numbers_are_refused(world, number):
    result = await world.member.slash(world.general, "statement paragraph", number=number)
    assert result.ephemeral
    assert f"from 1 to {COUNT}" in result.response.content
    assert len(result.response.content) < 200


async def test_paragraph_autocomplete_shows_numbers_and_first_words(world):
    choices = await world.member.autocomplete(world.general, "statement paragraph", "number", "")
    assert [c["value"] for c in choices] == list(range(1, COUNT + 1))
    for c in choices:
        assert len(c["name"]) <= CHOICE_NAME
        assert c["name"].startswith(f"{c['value']}. ")
        words = c["name"].split(" ", 1)[1].removesuffix("…")
        assert PARAGRAPHS[c["value"] - 1].startswith(words)
    assert choices[0]["name"].endswith("…")
    by_number = await world.member.autocomplete(world.general, "statement paragraph", "number", "6")
    assert [c["value"] for c in by_number] == [6]
    by_words = await world.member.autocomplete(
        world.general, "statement paragraph", "number", "hketo"
    )
    assert [c["value"] for c in by_words] == [6]


# -------------------------------------------------------------------------- search


async def test_search_marks_matches_and_numbers_paragraphs(world):
    result = await world.member.slash(world.general, "statement search", query="sanctions")
    assert result.ephemeral
    embed = _embed(result)
    text = embed.description
    assert "**sanctions**" in text and "**Sanctions**" in text
    for number, para in enumerate(PARAGRAPHS, 1):
        if "sanction" in para.lower():
            assert f"**{number}.**" in text
        else:
            assert f"**{number}.**" not in text
    assert "/statement paragraph" in text
    assert len(embed) <= EMBED_TOTAL


@pytest.mark.parametrize("query", ["sanction", "sanctions", "sanctioned", "SANCTIONING"])
async def test_search_finds_every_form_of_a_word(world, query):
    text = _embed(
        await world.member.slash(world.general, "statement search", query=query)
    ).description
    assert "**sanctions**" in text and "**sanctioned**" in text  # paragraph 4 has both
    assert "**7.** When eleven Hong Kong officials were **sanctioned** in 2020" in text


async def test_search_marks_whole_words_only(world):
    text = _embed(
        await world.member.slash(world.general, "statement search", query="the")
    ).description
    assert "**the**" in text
    assert "**the**y" not in text and "**they**" not in text  # "they fall far short"
    assert "they fall far short" in text


async def test_search_a_phrase_in_quotes(world):
    result = await world.member.slash(
        world.general, "statement search", query='"national security"'
    )
    text = _embed(result).description
    assert text.startswith("2 paragraphs match.")
    assert "**national security**" in text
    curly = await world.member.slash(world.general, "statement search", query="“security law”")
    assert "**security law**" in _embed(curly).description
    # The same words apart are not the phrase.
    apart = await world.member.slash(world.general, "statement search", query='"security national"')
    assert "No paragraph or signatory contains all of: “security national”" in (
        apart.response.content
    )


async def test_search_finds_signatories_too(world):
    result = await world.member.slash(world.general, "statement search", query="Berkeley")
    text = _embed(result).description
    assert text.startswith("No paragraph contains all of these words; among the signatories:")
    assert "9. Hong Kong Affairs Association of **Berkeley** (HKAAB)" in text
    both = _embed(
        await world.member.slash(world.general, "statement search", query="Hong Kong")
    ).description
    assert "**Signatories:**" in both
    assert "10. **Hong Kong** Forum, Los Angeles" in both
    assert "**1.** We, the undersigned **Hong Kong** advocacy organizations" in both


async def test_search_quotes_stay_verbatim(world):
    text = _embed(
        await world.member.slash(world.general, "statement search", query="crackdown")
    ).description
    unmarked = text.replace("**", "")
    assert '"responsible for the intensifying crackdown on rights and freedoms."' in unmarked


async def test_search_needs_every_word_and_ignores_case(world):
    result = await world.member.slash(world.general, "statement search", query="HKETO congress")
    text = _embed(result).description
    assert "**6.**" in text and "**HKETO**" in text and "**Congress**" in text
    assert "**1.**" not in text  # paragraph 1 names Congress but not HKETO


async def test_search_marks_abbreviations_whole(world):
    result = await world.member.slash(world.general, "statement search", query="U.S.")
    assert "**U.S.**" in _embed(result).description


async def test_search_with_curly_apostrophe_finds_straight_one(world):
    result = await world.member.slash(world.general, "statement search", query="Hongkongers’")
    assert "**Hongkongers'**" in _embed(result).description


async def test_search_can_be_posted_publicly(world):
    result = await world.member.slash(world.general, "statement search", query="visa", public=True)
    assert not result.ephemeral


@pytest.mark.parametrize("query", ["", "   ", "x" * 101, "!!! ***"])
async def test_bad_queries_are_refused_clearly(world, query):
    result = await world.member.slash(world.general, "statement search", query=query)
    assert result.ephemeral
    content = result.response.content
    assert "100" in content or "word" in content


async def test_a_100_character_query_is_searched(world):
    query = ("sanctions " * 10)[:100]
    result = await world.member.slash(world.general, "statement search", query=query)
    assert result.response.embeds  # searched, not refused


async def test_no_match_says_so_and_suggests_other_words(world):
    result = await world.member.slash(world.general, "statement search", query="zebra sanctions")
    assert result.ephemeral
    content = result.response.content
    assert "No paragraph or signatory contains all of" in content and "“zebra”" in content
    assert "Try fewer or other words" in content


async def test_search_escapes_markdown_in_the_query_title(world):
    result = await world.member.slash(world.general, "statement search", query="*Hong* Kong_")
    embed = _embed(result)
    assert "\\*Hong\\*" in embed.title


# --------------------------------------------------------------------------- quote


async def test_quote_posts_publicly_with_attribution(world):
    result = await world.member.slash(world.general, "statement quote", number=5)
    assert not result.ephemeral
    embed = _embed(result)
    assert embed.description.startswith(f"> {PARAGRAPHS[4]}\n\n")
    assert "joint statement of 24 US Hong Kong advocacy organizations" in embed.description
    assert f"paragraph 5 of {COUNT}" in embed.description
    assert embed.footer.text == CONTENT.statement.title
    assert world.general.last_message.embeds[0].description == embed.description


async def test_quote_without_number_is_a_random_verbatim_paragraph(world):
    seen = set()
    for _ in range(12):
        result = await world.member.slash(world.general, "statement quote")
        quoted = _embed(result).description.split("\n\n", 1)[0].removeprefix("> ")
        assert quoted in PARAGRAPHS
        seen.add(quoted)
    assert len(seen) > 1


@pytest.mark.parametrize("number", [0, COUNT + 1, -3])
async def test_quote_refuses_unknown_numbers_privately(world, number):
    result = await world.member.slash(world.general, "statement quote", number=number)
    assert result.ephemeral
    assert f"from 1 to {COUNT}" in result.response.content


async def test_quote_autocomplete_is_the_paragraph_list(world):
    choices = await world.member.autocomplete(world.general, "statement quote", "number", "safe")
    assert [c["value"] for c in choices] == [5]


# ------------------------------------------------- bot/statement.py without Discord


def _statement(*texts: str):
    from bot.core.content import Paragraph, Statement

    return Statement("Title", tuple(Paragraph(i, t) for i, t in enumerate(texts, 1)))


def test_marking_cannot_break_markdown_in_the_text():
    from bot.statement.search import search

    text = "Use *stars* and snake_case and `ticks` ~here~ | pipes."
    [hit] = search(_statement(text), "snake_case stars").paragraphs
    assert hit.excerpt == (
        "Use \\***stars**\\* and **snake\\_case** and \\`ticks\\` \\~here\\~ \\| pipes."
    )
    [hit] = search(_statement(text), "pipes").paragraphs
    assert hit.excerpt.endswith("**pipes**.")


def test_neighbouring_matches_are_one_mark_and_words_are_marked_whole():
    from bot.statement.search import search

    text = "Hong Kong's people, Hong and Kong, the U.S. and Hongkongers' rights."
    [hit] = search(_statement(text), "hong kong u.s. hongkongers").paragraphs
    assert hit.excerpt == (
        "**Hong Kong's** people, **Hong** and **Kong**, the **U.S.** and **Hongkongers'** rights."
    )


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("sanctions", ("sanctions",)),
        ('"national security" law', ("national security", "law")),
        ("“Article 23” NSL", ("Article 23", "NSL")),
        ('Hong "Hong Kong', ("Hong Kong", "Hong")),
        ("U.S. H.R. 1103", ("U.S.", "H.R.", "1103")),
        ("sanctions SANCTIONS", ("sanctions",)),
    ],
)
def test_queries_are_words_and_quoted_phrases(typed, terms):
    from bot.statement.search import parse_query

    assert parse_query(typed).terms == terms


@pytest.mark.parametrize("typed", ['""', "“ ”", '"!!!"'])
def test_a_query_with_only_empty_quotes_is_refused(typed):
    from bot.core.errors import UserError
    from bot.statement.search import parse_query

    with pytest.raises(UserError):
        parse_query(typed)


def test_sentences_do_not_split_at_abbreviations():
    from bot.statement.search import sentences

    text = 'The U.S. Congress acted. H.R. 1103 passed. "Quoted." Then 2021 came.'
    assert [text[a:b] for a, b in sentences(text)] == [
        "The U.S. Congress acted.",
        "H.R. 1103 passed.",
        '"Quoted."',
        "Then 2021 came.",
    ]


def test_pages_fit_even_a_huge_paragraph():
    from bot.statement.reading import statement_pages

    huge = " ".join(f"Sentence {i} is here." for i in range(900))  # ~18,000 characters
    pages = statement_pages(_statement("Short.", huge, "Tail."), [], "Signed by")
    assert all(len(p) <= EMBED_DESCRIPTION for p in pages)
    assert len(pages) >= 5
    joined = " ".join(pages)
    assert "Sentence 0 is here." in joined and "Sentence 899 is here." in joined


def test_many_hits_are_cut_with_a_count_of_the_rest():
    from bot.statement.search import format_hits, search

    texts = [f"Paragraph {i} says sanctions " + "and more words " * 40 for i in range(30)]
    hits = search(_statement(*texts), "sanctions").paragraphs
    out = format_hits(hits, "…and {count} more", limit=3800)
    assert len(out) <= 3800
    shown = out.count("**sanctions**")
    assert out.endswith(f"…and {30 - shown} more") and 0 < shown < 30


def test_one_hit_longer_than_the_limit_is_clipped_without_an_and_0_more_line():
    from bot.statement.search import SearchHit, format_hits

    out = format_hits([SearchHit(1, "word " * 2000, 1)], "…and {count} more", limit=500)
    assert len(out) <= 500
    assert "more" not in out
