"""The bot's commands as the demo reads them: the synced tree, options, Tab completion.

The command tree comes in as the JSON the bot syncs (``command.to_dict(tree)``), so the
demo knows every command, subcommand and option the bot has, and nothing here names a
particular command.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
