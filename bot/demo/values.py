"""Option values as the Discord client would send them, and durations for :advance.

A typed value becomes what the option takes (a number, a member, a channel, a file); a
value the option cannot take is refused with a :class:`~bot.demo.syntax.DemoInputError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.demo.commands import (
    ATTACHMENT,
    BOOLEAN,
    CHANNEL,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    STRING,
    USER,
    OptionSpec,
)
from bot.demo.syntax import DemoInputError

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


@dataclass(frozen=True, slots=True)
class Resolvers:
    """How names typed in the demo become SimCord handles (members, channels, roles)."""

    member: Callable[[str], Any | None]
    channel: Callable[[str], Any | None]
    role: Callable[[str], Any | None]
    members: Callable[[], list[str]]
    channels: Callable[[], list[str]]
    roles: Callable[[], list[str]]


def coerce(option: OptionSpec, raw: str, resolve: Resolvers, *, base: Path | None = None) -> Any:
    """Turn a typed value into what the option takes, as the Discord client would send it."""
    if option.choices:
        for name, value in option.choices:
            if raw.lower() in (name.lower(), str(value).lower()):
                return value
        if not option.autocomplete:
            raise DemoInputError(
                "demo.value.not_a_choice",
                option=option.name,
                value=raw,
                choices=", ".join(name for name, _ in option.choices),
            )
    kind = option.type
    if kind == STRING:
        return raw
    if kind == INTEGER:
        if not _INTEGER.fullmatch(raw):
            raise DemoInputError("demo.value.integer", option=option.name, value=raw)
        return int(raw)
    if kind == NUMBER:
        if not _NUMBER.fullmatch(raw):
            raise DemoInputError("demo.value.number", option=option.name, value=raw)
        return float(raw)
    if kind == BOOLEAN:
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise DemoInputError("demo.value.boolean", option=option.name, value=raw)
    if kind == CHANNEL:
        found = resolve.channel(raw)
        if found is None:
            raise DemoInputError(
                "demo.value.channel",
                option=option.name,
                value=raw,
                choices=", ".join("#" + c for c in resolve.channels()),
            )
        return found
    if kind in (USER, ROLE, MENTIONABLE):
        found = None
        if kind in (USER, MENTIONABLE):
            found = resolve.member(raw)
        if found is None and kind in (ROLE, MENTIONABLE):
            found = resolve.role(raw)
        if found is None:
            known = []
            if kind in (USER, MENTIONABLE):
                known += ["@" + m for m in resolve.members()]
            if kind in (ROLE, MENTIONABLE):
                known += ["@" + r for r in resolve.roles()]
            key = {USER: "demo.value.member", ROLE: "demo.value.role"}.get(kind)
            key = key or "demo.value.mention"
            raise DemoInputError(key, option=option.name, value=raw, choices=", ".join(known))
        return found
    if kind == ATTACHMENT:
        path = Path(raw).expanduser()
        if base is not None and not path.is_absolute():
            path = base / path
        try:
            return (path.name, path.read_bytes())
        except OSError:
            raise DemoInputError("demo.value.file", option=option.name, value=raw) from None
    raise DemoInputError("demo.value.unsupported", option=option.name)


def strip_sigil(name: str, sigils: str) -> str:
    """``#call-to-action`` -> ``call-to-action``; ``@Organizers`` -> ``Organizers``."""
    name = name.strip()
    while name[:1] in sigils and name:
        name = name[1:]
    return name.strip()


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
}
MAX_ADVANCE = 366 * 86400


def parse_duration(text: str) -> float:
    """``2h`` -> 7200; ``1h30m``, ``45 minutes``, ``3d`` too. At most a year."""
    compact = text.strip().lower().replace(",", " ")
    if not compact:
        raise DemoInputError("demo.advance.bad", value=text)
    total = 0.0
    pos = 0
    for match in _DURATION_PART.finditer(compact):
        if compact[pos : match.start()].strip():
            raise DemoInputError("demo.advance.bad", value=text)
        unit = _UNITS.get(match.group(2))
        if unit is None:
            raise DemoInputError("demo.advance.bad", value=text)
        total += float(match.group(1)) * unit
        pos = match.end()
    if pos == 0 or compact[pos:].strip():
        raise DemoInputError("demo.advance.bad", value=text)
    if total <= 0:
        raise DemoInputError("demo.advance.bad", value=text)
    if total > MAX_ADVANCE:
        raise DemoInputError("demo.advance.too_far")
    return total


def describe_duration(seconds: float) -> str:
    """7200 -> ``2h``; 5400 -> ``1h 30m``."""
    parts = []
    rest = round(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            parts.append(f"{rest // size}{unit}")
            rest %= size
    return " ".join(parts) or "0s"
