"""A message's buttons and menus, read from Discord's component JSON, for :click and :select."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import discord

from bot.demo.syntax import DemoInputError


def component_dicts(message: discord.Message) -> list[Mapping[str, Any]]:
    """The message's components as Discord sends them (rows, sections, buttons, menus)."""
    return [c.to_dict() for c in message.components]


def button_labels(components: Iterable[Mapping[str, Any]]) -> list[tuple[str, bool]]:
    """Every button's label (and whether it can be clicked), in layout order."""
    found: list[tuple[str, bool]] = []
    for component in components:
        kind = int(component.get("type", 0))
        if kind == 2 and component.get("label"):
            clickable = not component.get("disabled") and not component.get("url")
            found.append((str(component["label"]), clickable))
        for key in ("components",):
            found += button_labels(component.get(key) or [])
        for key in ("accessory", "component"):
            if component.get(key):
                found += button_labels([component[key]])
    return found


def select_menus(components: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for component in components:
        if int(component.get("type", 0)) == 3:
            found.append(dict(component))
        found += select_menus(component.get("components") or [])
    return found


def custom_id_for(components: Iterable[Mapping[str, Any]], label: str) -> str | None:
    """The custom id of the clickable button labelled ``label``, wherever it sits."""
    for component in components:
        usable = not component.get("disabled") and component.get("custom_id")
        if int(component.get("type", 0)) == 2 and component.get("label") == label and usable:
            return str(component["custom_id"])
        for child in component.get("components") or []:
            found = custom_id_for([child], label)
            if found:
                return found
        for key in ("accessory", "component"):
            if component.get(key):
                found = custom_id_for([component[key]], label)
                if found:
                    return found
    return None


def pick(options: list[tuple[str, str]], wanted: str, *, key: str | None = None) -> str:
    """The value of the (label, value) option a person named, exactly or ignoring case.

    ``key``: the option belongs to a form field (the refusal names it); else to a menu.
    """
    for label, value in options:
        if wanted in (label, value):
            return value
    for label, value in options:
        if wanted.lower() in (label.lower(), value.lower()):
            return value
    choices = ", ".join(label for label, _ in options)
    if key is not None:
        raise DemoInputError("demo.modal.not_a_choice", key=key, choices=choices, value=wanted)
    raise DemoInputError("demo.select.unknown", value=wanted, choices=choices)
