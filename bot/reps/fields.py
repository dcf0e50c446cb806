"""Checks for the optional fields of a member's current term: links, phone, party, rank, end.

Real copies of ``legislators-current.json`` have flaws in these fields (a contact form
typed ``hhttps://…``, a phone stored as a number). Such a value is dropped for that member
only and reported as a :class:`DroppedField`; the member and the rest of the file are kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from bot.core.enums import CatalogEnum

log = logging.getLogger(__name__)

MAX_LINK = 300  # real contact forms are well under 100 characters
MAX_SHOWN_VALUE = 80  # how much of a bad value a report quotes


class Field(CatalogEnum, key_prefix="reps.field"):
    """An optional field of the current term the bot uses; the value is the JSON key."""

    PARTY = "party"
    PHONE = "phone"
    URL = "url"
    CONTACT_FORM = "contact_form"
    STATE_RANK = "state_rank"
    END = "end"


@dataclass(frozen=True, slots=True)
class DroppedField:
    """One member's malformed optional field, left out of the stored copy."""

    bioguide: str
    name: str
    field: Field
    reason: str  # English, for the import's output and the log

    @property
    def who(self) -> str:
        return f"{self.name} ({self.bioguide})"

    def describe(self) -> str:
        return f"{self.who} {self.field.value}: {self.reason}"


def json_kind(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def _quote(text: str) -> str:
    shown = text if len(text) <= MAX_SHOWN_VALUE else text[: MAX_SHOWN_VALUE - 1] + "…"
    return repr(shown)


# A host name: dot-separated labels of letters, digits and inner hyphens, ending in a
# top-level domain of letters (or an IDN's xn-- form).
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"^(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})$")
# Characters that may stand in a link shown as a Markdown <link>: printable ASCII without
# spaces, quotes, angle brackets, braces, backslash, caret, backtick or pipe.
_LINK_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
_PHONE = re.compile(
    r"^(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}"
    r"(?:\s*(?:x|ext\.?)\s*\d{1,6})?$",
    re.IGNORECASE,
)
_PARTY = re.compile(r"^[A-Za-z][A-Za-z .'-]{0,39}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANKS = ("senior", "junior")


def link_problem(text: str) -> str | None:
    """Why ``text`` is not an http(s) web address with a host name, or None if it is one."""
    if len(text) > MAX_LINK:
        return f"is longer than {MAX_LINK} characters"
    if not _LINK_CHARS.match(text):
        return f"{_quote(text)} has characters a web address cannot have (spaces, quotes, <>)"
    try:
        parts = urlsplit(text)
        port = parts.port  # raises on a malformed port
    except ValueError:
        return f"{_quote(text)} is not a web address"
    if parts.scheme.lower() not in ("http", "https"):
        return f"{_quote(text)} is not a web address (it must start with http:// or https://)"
    if "@" in parts.netloc:
        return f"{_quote(text)} hides its host behind a user name"
    host = (parts.hostname or "").rstrip(".")
    if not _HOST.match(host):
        return f"{_quote(text)} has no valid host name"
    if port == 0:
        return f"{_quote(text)} has an invalid port"
    return None


def _phone_problem(text: str) -> str | None:
    if _PHONE.match(text):
        return None
    return f"{_quote(text)} is not a US phone number"


def _party_problem(text: str) -> str | None:
    return None if _PARTY.match(text) else f"{_quote(text)} is not a party name"


def _rank_problem(text: str) -> str | None:
    return None if text in _RANKS else f"{_quote(text)} is neither 'senior' nor 'junior'"


def _date_problem(text: str) -> str | None:
    if _DATE.match(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return None
    return f"{_quote(text)} is not a date (YYYY-MM-DD)"


_CHECKS = {
    Field.PARTY: _party_problem,
    Field.PHONE: _phone_problem,
    Field.URL: link_problem,
    Field.CONTACT_FORM: link_problem,
    Field.STATE_RANK: _rank_problem,
    Field.END: _date_problem,
}


def check_field(term: Mapping[str, Any], field: Field) -> tuple[str | None, str | None]:
    """``(value, None)`` for a good or absent field, ``(None, reason)`` for a malformed one.

    Absent and ``null`` are fine (many members have no contact form); a value that is there
    but empty, of the wrong type, or not what the field holds is malformed.
    """
    value = term.get(field.value)
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f"must be text, not {json_kind(value)}"
    text = value.strip()
    if not text:
        return None, "is empty"
    problem = _CHECKS[field](text)
    return (None, problem) if problem else (text, None)


def summarize(dropped: Iterable[DroppedField], limit: int) -> str:
    """``Name (id) field, …`` for the first ``limit`` drops, then ``and N more``."""
    items = list(dropped)
    shown = ", ".join(f"{d.who} {d.field.value}" for d in items[:limit])
    rest = len(items) - limit
    return f"{shown}, and {rest} more" if rest > 0 else shown


def log_dropped(dropped: Iterable[DroppedField], source: str) -> None:
    """One warning per dropped field, naming the member and the field."""
    for item in dropped:
        log.warning(
            "members of Congress from %s: dropped the malformed '%s' of %s: %s",
            source,
            item.field.value,
            item.who,
            item.reason,
        )
