"""Which signatory a member means: by name, short name, number or a unique part of a name."""

from __future__ import annotations

import re

from bot.core.content import Content, Signatory
from bot.core.errors import UserError
from bot.core.limits import CHOICE_NAME, CHOICE_VALUE, clip
from bot.core.markdown import escape_markdown
from bot.groups.matching import norm


def group_choice_name(s: Signatory) -> str:
    """How a group is offered in autocomplete: "5. Hong Kong Forum, Los Angeles"."""
    return clip(f"{s.position}. {s.name}", CHOICE_NAME)


def group_choice_value(s: Signatory) -> str:
    """What the choice sends back: the name, or the number when the name is too long."""
    return s.name if len(s.name) <= CHOICE_VALUE else str(s.position)


def _group_keys(s: Signatory) -> list[str]:
    keys = [norm(s.name)]
    if s.short_name:
        keys.append(norm(s.short_name))
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", s.name)
    if bare != s.name:
        keys.append(norm(bare))
    return keys


def resolve_group(content: Content, text: str) -> Signatory:
    """The signatory a member meant, by name, short name, number or a unique part of a name."""
    typed = " ".join(text.split())
    if not typed:
        raise UserError("groups.info.empty")
    key = norm(typed)
    digits = key.lstrip("#").strip()
    if digits.isdigit():
        found = content.signatory(int(digits)) if len(digits) < 6 else None
        if found is None:
            raise UserError(
                "groups.info.bad_number", number=clip(digits, 12), count=len(content.signatories)
            )
        return found
    exact = [s for s in content.signatories if key in _group_keys(s)]
    if len(exact) == 1:
        return exact[0]
    partial = [s for s in content.signatories if any(key in k for k in _group_keys(s))]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        names = ", ".join(escape_markdown(s.short_name or s.name) for s in partial[:5])
        raise UserError(
            "groups.info.ambiguous", value=escape_markdown(clip(typed, 100)), names=names
        )
    raise UserError("groups.info.unknown", value=escape_markdown(clip(typed, 100)))


def suggest_groups(content: Content, current: str, limit: int = 25) -> list[Signatory]:
    """Groups for autocomplete: names starting with the words, then words inside, then parts."""
    typed = norm(current)
    if not typed:
        return list(content.signatories[:limit])
    if typed.lstrip("#").isdigit():
        n = typed.lstrip("#")
        return [s for s in content.signatories if str(s.position).startswith(n)][:limit]
    starts = [s for s in content.signatories if any(k.startswith(typed) for k in _group_keys(s))]
    words = [
        s
        for s in content.signatories
        if s not in starts and any(f" {typed}" in f" {k}" for k in _group_keys(s))
    ]
    inner = [
        s
        for s in content.signatories
        if s not in starts and s not in words and any(typed in k for k in _group_keys(s))
    ]
    return (starts + words + inner)[:limit]
