"""What a demo line means: a slash command in Discord's shape, read against the command tree.

Pure logic, testable without Discord: ``/groups near place:"San Diego"`` becomes the
command (see :mod:`bot.demo.commands`) and its option values as typed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.demo.commands import CommandIndex, CommandSpec

_OPEN_QUOTES = {'"': '"', "“": "”", "'": "'"}


class DemoInputError(Exception):
    """A line the demo cannot act on; ``key`` is a ``demo.*`` catalog message."""

    def __init__(self, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def strip_comment(line: str) -> str:
    """A line without its trailing comment, as a README or a script writes one.

    A comment is ``#`` after a space and before a space or the end (``:advance 10m  # why``;
    ``#call-to-action`` is a channel), or a remark in parentheses after two or more spaces
    (``:advance 10m   (moves the clock)``). Quoted text is never cut.
    """
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == _OPEN_QUOTES[quote] else quote
            continue
        if ch in _OPEN_QUOTES and (i == 0 or line[i - 1] in " :="):
            quote = ch
            continue
        if not ch.isspace() or i == 0:
            continue
        rest = line[i:].lstrip()
        hash_comment = rest == "#" or rest.startswith(("# ", "#\t"))
        remark = line[i : i + 2].isspace() and rest.startswith("(") and rest.endswith(")")
        if (hash_comment or remark) and line[:i].strip():
            return line[:i].rstrip()
    return line


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
        close = text.find(_OPEN_QUOTES[quote], pos + 1) if quote in _OPEN_QUOTES else -1
        if quote in _OPEN_QUOTES and close < 0:
            raise DemoInputError("demo.parse.unclosed_quote", option=name)
        if close >= 0 and close + 1 < len(text) and not text[close + 1].isspace():
            raise DemoInputError("demo.parse.after_quote", option=name)
        if close >= 0 and not _more_words(text, close + 1, names, sep):
            value = text[pos + 1 : close]
            pos = close + 1
        else:  # no quotes, or quotes inside the value ('query:"national security" law')
            end = _next_known(text, pos, names, sep)
            value = text[pos:end].strip()
            inside = _looks_like_option(value, sep)
            if inside is not None:
                raise DemoInputError(
                    f"{area}.unknown_inside",
                    option=name,
                    word=inside,
                    sep=sep,
                    choices=", ".join(names.values()),
                )
            pos = end
        if not value:
            last = pos >= len(text.rstrip())
            if not (allow_empty_last and last):
                raise DemoInputError("demo.parse.empty_value", option=name, sep=sep)
        found[name] = value


def _more_words(text: str, pos: int, names: Mapping[str, str], sep: str) -> bool:
    """Whether words that are not another option follow a closing quote."""
    rest = text[pos : _next_known(text, pos, names, sep)]
    return bool(rest.strip())


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
