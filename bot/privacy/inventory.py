"""Every member-linked column and the form it is kept in: a pseudonym or a sealed value.

The one list the sealing of an old database, ``rotate-key`` and the tests read. A table
that stores something about a member adds its columns here (and registers a forgetter in
:mod:`bot.privacy.registry`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.privacy.vault import Vault, place_of


@dataclass(frozen=True, slots=True)
class SealedColumn:
    """A column whose values are sealed, bound to the column and the row's server."""

    table: str
    column: str

    def place(self, guild_id: int) -> bytes:
        return place_of(self.table, self.column, guild_id)

    def seal(self, vault: Vault, guild_id: int, text: str) -> bytes:
        return vault.seal_text(text, self.place(guild_id))

    def open(self, vault: Vault, guild_id: int, sealed: bytes) -> str:
        return vault.open_text(sealed, self.place(guild_id))


# Who: the member's pseudonym (Vault.pseudonym), always, in these member tables.
MEMBER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("calls", "member"),
    ("member_streaks", "member"),
    ("member_folded_calls", "member"),
    ("member_privacy", "member"),
    ("member_locations", "member"),
    ("member_languages", "user_id"),  # the name 0012 gave it; a pseudonym all the same
    ("reminder_subscriptions", "member"),
    ("reminder_dm_outbox", "member"),
)
# Who made an organizer change: the pseudonym, or 0 once that member asked to be forgotten.
ORGANIZER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("bill_versions", "added_by"),
    ("bill_current", "set_by"),
    ("bill_status", "set_by"),
    ("call_scripts", "set_by"),
    ("call_script_variants", "set_by"),
    ("group_location_edits", "set_by"),
    ("reminders", "created_by"),
)
PSEUDONYM_COLUMNS = (("member_directory", "member"), *MEMBER_COLUMNS, *ORGANIZER_COLUMNS)

DIRECTORY_ID = SealedColumn("member_directory", "sealed_id")  # the Discord id, as text
LOCATION_PLACE = SealedColumn("member_locations", "place")  # "CA:12", "AK:0", "NY:"
CALL_OFFICE = SealedColumn("calls", "office")  # a legislator's id; '' (not sealed) for none
SEALED_COLUMNS = (DIRECTORY_ID, LOCATION_PLACE, CALL_OFFICE)
