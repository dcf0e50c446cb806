"""/groups builds a server's place index once and reuses it while its locations stay."""

from __future__ import annotations

import dataclasses

from bot.core.content import load_content
from bot.groups.locations import effective_groups
from bot.groups.places import gazetteer_for
from bot.groups.towns import us_towns

CONTENT = load_content()


def test_the_same_groups_share_one_index_and_a_changed_location_gets_a_new_one():
    towns = us_towns()
    entries = effective_groups(CONTENT, {})
    first = gazetteer_for(CONTENT, entries, towns)
    assert gazetteer_for(CONTENT, list(entries), towns) is first
    elsewhere = next(e.location for e in entries if e.location != entries[0].location)
    moved = [dataclasses.replace(entries[0], location=elsewhere), *entries[1:]]
    other = gazetteer_for(CONTENT, moved, towns)
    assert other is not first and other.entries[0].location == elsewhere
    assert gazetteer_for(CONTENT, entries, towns) is first
