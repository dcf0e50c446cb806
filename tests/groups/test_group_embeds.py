"""/groups embeds: the list split to fit messages, escaping, and the keys they use."""

from __future__ import annotations

import dataclasses

from bot.core.content import Signatory, load_content
from bot.core.limits import EMBED_FIELD_VALUE, EMBED_FIELDS, EMBED_TOTAL
from bot.groups.locations import effective_groups
from bot.groups.places import Gazetteer
from bot.groups.storage import LocationEdit
from cogs.groups.embeds import list_embeds, near_embed

CONTENT = load_content()


def _gaz(edits: dict[int, LocationEdit] | None = None) -> Gazetteer:
    return Gazetteer(CONTENT, effective_groups(CONTENT, edits or {}))


def _edit(position: int, city=None, state=None, metro=None, edit_id=1) -> LocationEdit:
    return LocationEdit(edit_id, 1, position, city, state, metro, 42, "2026-03-04T05:06:07+00:00")


# ---------------------------------------------------------------------------- limits


def test_list_splits_into_messages_that_each_fit():
    many = tuple(
        Signatory(i, f"Organization number {i} " + "x" * 60, None, None) for i in range(1, 201)
    )
    content = dataclasses.replace(CONTENT, signatories=many)
    edits = {
        i: _edit(i, f"City {'y' * 80} {i}", sorted(CONTENT.states)[i % 50])
        for i in range(1, 201, 2)
    }
    gaz = Gazetteer(content, effective_groups(content, edits))
    embeds = list_embeds(gaz)
    assert len(embeds) > 1
    for e in embeds:
        assert len(e) <= EMBED_TOTAL and len(e.fields) <= EMBED_FIELDS
        assert all(len(f.value) <= EMBED_FIELD_VALUE for f in e.fields)
    text = "\n".join(f.value for e in embeds for f in e.fields)
    for i in range(1, 201):
        assert f"\n{i}. Organization number {i} " in f"\n{text}"
    assert any("(continued)" in f.name for e in embeds for f in e.fields)


def test_near_embed_escapes_organizer_text():
    gaz = _gaz({14: _edit(14, "Saint_Paul", "MN")})
    embed = near_embed(gaz, gaz.resolve("Minnesota"))
    assert "Saint\\_Paul" in embed.description


# --------------------------------------------------------------------------- catalog


def test_every_message_key_used_by_statement_and_groups_is_in_the_catalog():
    import re
    from pathlib import Path

    from bot.core.i18n import catalog, placeholders

    root = Path(__file__).resolve().parents[2]
    sources = [
        *(f"bot/statement/{p.name}" for p in (root / "bot/statement").glob("*.py")),
        *(f"bot/groups/{p.name}" for p in (root / "bot/groups").glob("*.py")),
        *(f"cogs/statement/{p.name}" for p in (root / "cogs/statement").glob("*.py")),
        *(f"cogs/groups/{p.name}" for p in (root / "cogs/groups").glob("*.py")),
    ]
    used = set()
    for name in sources:
        used |= set(
            re.findall(r'"((?:statement|groups)\.[a-z_]+\.[a-z_]+)"', (root / name).read_text())
        )
    assert {"statement.search.count", "groups.near.unknown_note"} <= used  # plural families
    messages = catalog()
    assert len(used) > 40
    missing = sorted(k for k in used if k not in messages and f"{k}.other" not in messages)
    assert missing == []
    # Command and option descriptions are shown without values: no placeholders in them.
    for key in used:
        if key.rsplit(".", 1)[1].startswith(("description", "option_")):
            assert placeholders(messages[key]) == set(), key
