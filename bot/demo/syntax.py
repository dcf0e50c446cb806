"""What a demo line means: slash commands in Discord's shape, read against the command tree.

Pure logic, testable without Discord. The command tree comes in as the JSON the bot syncs
(``command.to_dict(tree)``), so the parser knows every command, subcommand and option the
bot has, and nothing here names a particular command.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Discord's option types (ApplicationCommandOptionType).
SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)

TYPE_HINTS = {
    STRING: "text",
    INTEGER: "whole number",
    BOOLEAN: "true/false",
    USER: "@member",
    CHANNEL: "#channel",
    ROLE: "@role",
    MENTIONABLE: "@member or @role",
    NUMBER: "number",
    ATTACHMENT: "file path",
}

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_OPEN_QUOTES = {'"': '"', "“": "”", "'": "'"}


class DemoInputError(Exception):
    """A line the demo cannot act on; ``key`` is a ``demo.*`` catalog message."""

    def __init__(self, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class OptionSpec:
    name: str
    type: int
    description: str = ""
    required: bool = False
    autocomplete: bool = False
    choices: tuple[tuple[str, Any], ...] = ()

    @property
    def hint(self) -> str:
        if self.choices:
            return "|".join(name for name, _ in self.choices)
        return TYPE_HINTS.get(self.type, "value")


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command a member can run: its path (``("statement", "paragraph")``) and options."""

    path: tuple[str, ...]
    description: str = ""
    options: tuple[OptionSpec, ...] = ()

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def option(self, name: str) -> OptionSpec | None:
        return next((o for o in self.options if o.name == name.lower()), None)

    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for o in self.options:
            text = f"{o.name}:<{o.hint}>"
            parts.append(text if o.required else f"[{text}]")
        return " ".join(parts)


@dataclass(slots=True)
class CommandIndex:
    """Every leaf command of the tree, plus the groups above them."""

    commands: dict[tuple[str, ...], CommandSpec] = field(default_factory=dict)
    groups: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    @classmethod
    def from_payloads(cls, payloads: Iterable[Mapping[str, Any]]) -> CommandIndex:
        index = cls()
        for payload in payloads:
            if payload.get("type", 1) != 1:  # context-menu commands are not typed
                continue
            index._add(payload, ())
        return index

    def _add(self, node: Mapping[str, Any], parent: tuple[str, ...]) -> None:
        path = (*parent, str(node["name"]).lower())
        children = [
            o for o in node.get("options") or () if o.get("type") in (SUBCOMMAND, SUBCOMMAND_GROUP)
        ]
        if children:
            self.groups[path] = [str(c["name"]) for c in children]
            for child in children:
                self._add(child, path)
            return
        self.commands[path] = CommandSpec(
            path=path,
            description=str(node.get("description") or ""),
            options=tuple(_option_spec(o) for o in node.get("options") or ()),
        )

    def names(self) -> list[str]:
        return sorted(spec.name for spec in self.commands.values())


def _option_spec(payload: Mapping[str, Any]) -> OptionSpec:
    return OptionSpec(
        name=str(payload["name"]).lower(),
        type=int(payload["type"]),
        description=str(payload.get("description") or ""),
        required=bool(payload.get("required")),
        autocomplete=bool(payload.get("autocomplete")),
        choices=tuple((str(c["name"]), c["value"]) for c in payload.get("choices") or ()),
    )


@dataclass(frozen=True, slots=True)
class SlashLine:
    """A parsed ``/command sub option:value ...`` line, values still as typed."""

    command: CommandSpec
    options: dict[str, str]


def _suggest(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else ""


def parse_slash(line: str, index: CommandIndex, *, allow_empty_last: bool = False) -> SlashLine:
    """Split ``/groups near place:"San Diego"`` into the command and its raw option values."""
    text = line.strip()
    if text.startswith("/"):
        text = text[1:]
    path: tuple[str, ...] = ()
    pos = 0
    word_re = re.compile(r"\s*([^\s:]+)(?=\s|$)")
    while True:
        if path in index.commands:
            break
        match = word_re.match(text, pos)
        subs = index.groups.get(path) if path else sorted({p[0] for p in index.commands})
        if match is None:
            if not path:
                raise DemoInputError("demo.parse.empty_command")
            raise DemoInputError(
                "demo.parse.needs_subcommand",
                command="/" + " ".join(path),
                choices=", ".join(subs or ()),
            )
        word = match.group(1).lower()
        candidate = (*path, word)
        if candidate not in index.commands and candidate not in index.groups:
            hint = _suggest(word, subs or ())
            if not path:
                raise DemoInputError(
                    "demo.parse.unknown_command",
                    command="/" + word,
                    hint=f" Did you mean /{hint}?" if hint else "",
                )
            raise DemoInputError(
                "demo.parse.unknown_subcommand",
                command="/" + " ".join(path),
                word=word,
                choices=", ".join(subs or ()),
                hint=f" Did you mean /{' '.join(path)} {hint}?" if hint else "",
            )
        path = candidate
        pos = match.end()
    spec = index.commands[path]
    options = split_named(
        text[pos:], [o.name for o in spec.options], "demo.parse", spec.name, ":", allow_empty_last
    )
    if not allow_empty_last:
        missing = [o.name for o in spec.options if o.required and o.name not in options]
        if missing:
            raise DemoInputError(
                "demo.parse.missing_option",
                command="/" + spec.name,
                option=missing[0],
                usage=spec.usage(),
            )
    return SlashLine(spec, options)


_NAMED = re.compile(r"([^\s:=\"“']+)([:=])")


def _normalize(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def split_named(
    text: str,
    known: Iterable[str],
    area: str,
    command: str,
    sep: str = ":",
    allow_empty_last: bool = False,
) -> dict[str, str]:
    """Read ``name<sep>value`` pairs; a value runs to the next known name or ends in quotes.

    As in Discord's client, a value may hold spaces without quotes
    (``query:Hong Kong's future``); quotes are needed only when a value itself contains
    something that looks like another option.
    """
    names = {_normalize(n): n for n in known}
    found: dict[str, str] = {}
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return found
        match = _NAMED.match(text, pos)
        if match is None or match.group(2) != sep:
            stray = text[pos:].split()[0]
            if not names:
                raise DemoInputError(f"{area}.no_options", command="/" + command, word=stray)
            raise DemoInputError(
                f"{area}.expected_option",
                word=stray,
                sep=sep,
                choices=", ".join(names.values()),
            )
        raw_name = match.group(1)
        name = names.get(_normalize(raw_name))
        if name is None:
            hint = _suggest(_normalize(raw_name), names)
            raise DemoInputError(
                f"{area}.unknown_option",
                command="/" + command,
                option=raw_name,
                choices=", ".join(names.values()) or "-",
                hint=f" Did you mean {names[hint]}{sep}?" if hint else "",
            )
        if name in found:
            raise DemoInputError(f"{area}.duplicate_option", option=name)
        pos = match.end()
        gap = pos
        while gap < len(text) and text[gap] == " ":
            gap += 1
        if gap < len(text) and text[gap] in _OPEN_QUOTES:
            pos = gap  # `place: "San Diego"`, as readline's completion leaves it
        quote = text[pos] if pos < len(text) else ""
        if quote in _OPEN_QUOTES:
            close = text.find(_OPEN_QUOTES[quote], pos + 1)
            if close < 0:
                raise DemoInputError("demo.parse.unclosed_quote", option=name)
            value = text[pos + 1 : close]
            pos = close + 1
            if pos < len(text) and not text[pos].isspace():
                raise DemoInputError("demo.parse.after_quote", option=name)
        else:
            end = _next_known(text, pos, names, sep)
            value = text[pos:end].strip()
            stray = _looks_like_option(value, sep)
            if stray is not None:
                raise DemoInputError(
                    f"{area}.unknown_inside",
                    option=name,
                    word=stray,
                    sep=sep,
                    choices=", ".join(names.values()),
                )
            pos = end
        if not value:
            last = pos >= len(text.rstrip())
            if not (allow_empty_last and last):
                raise DemoInputError("demo.parse.empty_value", option=name, sep=sep)
        found[name] = value


def _next_known(text: str, pos: int, names: Mapping[str, str], sep: str) -> int:
    for match in re.finditer(r"\s([^\s:=\"“']+)" + re.escape(sep), text[pos:]):
        if _normalize(match.group(1)) in names:
            return pos + match.start()
    return len(text)


def _looks_like_option(value: str, sep: str) -> str | None:
    """An unquoted ``word:value`` inside a value, likely a mistyped option name."""
    for match in re.finditer(r"(?:^|\s)([A-Za-z][\w-]*)" + re.escape(sep) + r"(?=\S)", value):
        after = value[match.end() :]
        if sep == ":" and after.startswith("//"):  # a URL
            continue
        return match.group(1)
    return None


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


def completions(buffer: str, index: CommandIndex, meta: Iterable[str]) -> list[str]:
    """Words that may follow what was typed so far (for tab completion at a terminal).

    Whole words end in a space, as Python's readline appends none; ``name:`` does not.
    """
    if not buffer.startswith("/"):
        if " " in buffer:
            return []
        return sorted(m + " " for m in meta if m.startswith(buffer))
    words = buffer[1:].split(" ")
    done, current = words[:-1], words[-1]
    first_option = next((i for i, w in enumerate(done) if ":" in w), len(done))
    path = tuple(w.lower() for w in done[:first_option] if w)
    if first_option < len(done) and path not in index.commands:
        return []
    if path in index.commands:
        spec = index.commands[path]
        return [f"{o.name}:" for o in spec.options if o.name.startswith(current.lower())]
    if path and path not in index.groups:
        return []
    nexts = index.groups.get(path) if path else sorted({p[0] for p in index.commands})
    prefix = "/" if not path else ""
    return [prefix + n + " " for n in nexts or () if n.startswith(current.lower())]
