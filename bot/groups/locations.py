"""Where each signatory is in one server: the organizers' newest edit, else its name's words.

In each server a group's location is the newest edit an organizer of that server made
(``bot.groups.storage``), else what the group's own name states (``data/signatories.json``,
with the words of the name as evidence), else unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.content import Content, Location, Metro, Signatory
from bot.core.database import Database
from bot.groups.matching import norm
from bot.groups.storage import LocationEdit, current_edits


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """One signatory as a server sees it."""

    signatory: Signatory
    location: Location | None  # in force: the organizer's edit, else the name's, else None
    set_at: str | None = None  # ISO time of the organizer's edit in force

    @property
    def from_organizer(self) -> bool:
        return self.location is not None and self.location.source == "organizer"


def location_from_edit(edit: LocationEdit) -> Location:
    return Location(edit.city, edit.state, edit.metro, "organizer")


def effective_groups(content: Content, edits: Mapping[int, LocationEdit]) -> list[GroupEntry]:
    """Every signatory with its location in force for the server whose edits these are."""
    out = []
    for s in content.signatories:
        edit = edits.get(s.position)
        if edit is not None:
            out.append(GroupEntry(s, location_from_edit(edit), edit.set_at))
        else:
            out.append(GroupEntry(s, s.location))
    return out


async def server_groups(db: Database, content: Content, guild_id: int | None) -> list[GroupEntry]:
    """The groups as one server sees them (as their names state them outside a server)."""
    edits = await current_edits(db, guild_id) if guild_id is not None else {}
    return effective_groups(content, edits)


def state_of(loc: Location, metros: Mapping[str, Metro]) -> str | None:
    """The location's state, or its metro's state when only the metro is known."""
    if loc.state:
        return loc.state
    metro = metros.get(loc.metro) if loc.metro else None
    return metro.state if metro else None


def same_place(city: str, metro_name: str) -> bool:
    """True when a metro is named after the city ("Chicago" in "Chicago area")."""
    return norm(metro_name).startswith(norm(city))
