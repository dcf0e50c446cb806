"""The data the bot quotes: the statement and signatories equal the seed text word for word."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bot.core.content import DATA_DIR, ContentError, load_content
from bot.core.seed import read_seed
from bot.groups.locations import effective_groups
from bot.groups.matching import norm
from bot.groups.places import Gazetteer
from bot.statement import reading as statement
from bot.statement import search as statement_search
from cogs.groups.embeds import info_embed, list_embeds

SEED = DATA_DIR / "statement_seed.txt"
SHARED_SEED = DATA_DIR.parent.parent / "shared" / "seeds" / "000_86807241b7b400fa.txt"
_SIGNATORY_LINE = re.compile(r"^\d+\.\s")


@pytest.fixture(scope="module")
def content():
    return load_content()


def _words(text: str) -> list[str]:
    return text.split()


def test_statement_equals_the_seed_word_for_word(content):
    seed = read_seed(SEED)
    assert content.statement.title == seed.title
    assert [p.text for p in content.statement.paragraphs] == list(seed.paragraphs)
    assert [p.number for p in content.statement.paragraphs] == list(
        range(1, len(seed.paragraphs) + 1)
    )


def test_statement_words_equal_the_raw_seed_without_the_parser(content):
    """Independent of bot/seed.py: every word of the seed's prose, in order, links as words."""
    raw = SEED.read_text(encoding="utf-8")
    prose = [line for line in raw.splitlines() if not _SIGNATORY_LINE.match(line.strip())]
    seed_words = _words(re.sub(r"\[([^\]]+)\]\(#\)", r"\1", "\n".join(prose)))
    ours = [content.statement.title] + [p.text for p in content.statement.paragraphs]
    assert _words("\n".join(ours)) == seed_words


def test_signatory_names_equal_the_seed(content):
    raw = SEED.read_text(encoding="utf-8")
    listed = [
        line.strip().split(". ", 1)[1]
        for line in raw.splitlines()
        if _SIGNATORY_LINE.match(line.strip())
    ]
    assert [s.name for s in content.signatories] == listed
    assert len(listed) == 24
    assert [s.position for s in content.signatories] == list(range(1, 25))


def test_the_seed_in_data_is_the_shared_source_of_record():
    if not SHARED_SEED.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_locations_only_where_the_name_states_one(content):
    located = {s.position for s in content.signatories if s.location is not None}
    assert located == {5, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 21, 23}
    for s in content.signatories:
        if s.location is not None:
            assert s.location.source == "name"
            assert s.location.evidence and s.location.evidence in s.name
    by_pos = {s.position: s for s in content.signatories}
    assert (by_pos[8].location.city, by_pos[8].location.state) == ("Chicago", "IL")
    assert by_pos[21].location.state == "TX" and by_pos[21].location.city is None


def test_short_names_are_in_the_names(content):
    for s in content.signatories:
        if s.short_name:
            assert f"({s.short_name})" in s.name


def test_no_dead_link_survives_anywhere_the_bot_shows(content):
    """`[words](#)` in the seed becomes just the words, in every text the bot can send."""
    assert "](#)" in SEED.read_text(encoding="utf-8")  # the seed has such links
    shown: list[str] = [content.statement.title]
    shown += [p.text for p in content.statement.paragraphs]
    shown += [s.name for s in content.signatories]
    shown += statement.statement_pages(content.statement, content.signatories, "Signed by")
    for p in content.statement.paragraphs:
        shown += [
            statement.numbered(p),
            statement.quote_text(p),
            statement.paragraph_choice_name(p),
        ]
    for query in ("intensifying repression", "Executive Order", "sanctions", "Hong Kong"):
        found = statement_search.search(content.statement, query, content.signatories)
        shown.append(statement_search.format_hits(found.paragraphs, "{count} more"))
        shown += [hit.excerpt for hit in found.signatories]
    gaz = Gazetteer(content, effective_groups(content, {}))
    shown += [json.dumps(e.to_dict()) for e in list_embeds(gaz)]
    for entry in gaz.entries:
        shown.append(json.dumps(info_embed(gaz, entry).to_dict()))
    for text in shown:
        assert "](#" not in text
        assert "[intensifying repression]" not in text
    assert any("intensifying repression" in text for text in shown)
    assert any("Executive Order" in text for text in shown)


def _copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.db*"))
    return folder


def test_malformed_statement_stops_loading_naming_the_file(tmp_path):
    folder = _copy_data(tmp_path)
    (folder / "statement.json").write_text('{"title": "x", "paragraphs": [', encoding="utf-8")
    with pytest.raises(ContentError, match=r"statement\.json: not valid JSON"):
        load_content(folder)


def test_location_evidence_must_be_in_the_name(tmp_path):
    folder = _copy_data(tmp_path)
    path = folder / "signatories.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[0]["location"] = {"city": "Boston", "state": "MA", "metro": None, "evidence": "Boston"}
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(ContentError, match=r"signatories\.json: signatory 1: evidence"):
        load_content(folder)


def test_places_metro_within_unknown_metro_is_refused(tmp_path):
    folder = _copy_data(tmp_path)
    path = folder / "places.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["metros"][0]["within"] = "atlantis"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ContentError, match=r"places\.json: .*unknown metro 'atlantis'"):
        load_content(folder)


def test_places_have_no_alias_that_hides_a_state_code(content):
    """Only 'LA' may shadow a state code (the reply then offers Louisiana)."""
    codes = {c.casefold() for c in content.states}
    clashes = {
        a.casefold()
        for m in content.metros.values()
        for a in (m.name, *m.aliases)
        if norm(a) in codes
    }
    assert clashes <= {"la", "l.a.", "dc", "d.c."}
