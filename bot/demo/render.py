"""Messages and modals as plain text: what a person would see in the Discord client.

Everything works on discord.py objects and Discord's component JSON, so any reply the
bot makes (content, embeds, buttons, selects, layouts, attachments, polls) prints
without knowing which command made it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

import discord

from bot.core.formatting import (
    format_date,
    format_datetime,
    format_relative,
    plural,
    zone_name,
)
from bot.core.formatting import format_time as format_clock
from bot.demo.components import component_dicts
from bot.demo.language import WORDS, t

INDENT = "  "
BAR = "  | "

_MENTION = re.compile(r"<(@!?|@&|#)(\d+)>")
_TIMESTAMP = re.compile(r"<t:(-?\d+)(?::([tTdDfFR]))?>")
_EMOJI = re.compile(r"<a?:(\w+):\d+>")
_LINK = re.compile(r"\[([^\]\n]+)\]\(<?(https?://[^)\s>]+)>?\)")


@dataclass(slots=True)
class Names:
    """Turns ids in mentions back into names, and reads ``<t:...>`` against the sim clock.

    Discord shows each reader a timestamp in their own time zone: ``zone`` is the viewer's
    (the demo's default is the server's zone), and the zone is named with each time.
    """

    user: Callable[[int], str | None] = lambda _id: None
    channel: Callable[[int], str | None] = lambda _id: None
    role: Callable[[int], str | None] = lambda _id: None
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    zone: tzinfo = UTC

    def humanize(self, text: str) -> str:
        def mention(match: re.Match[str]) -> str:
            kind, ident = match.group(1), int(match.group(2))
            if kind == "#":
                name = self.channel(ident)
                return f"#{name}" if name else match.group(0)
            if kind == "@&":
                name = self.role(ident)
                return f"@{name}" if name else match.group(0)
            name = self.user(ident)
            return f"@{name}" if name else match.group(0)

        text = _MENTION.sub(mention, text)
        text = _TIMESTAMP.sub(lambda m: self.timestamp(int(m.group(1)), m.group(2) or "f"), text)
        text = _LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", text)
        return _EMOJI.sub(lambda m: f":{m.group(1)}:", text)

    def timestamp(self, unix: int, style: str) -> str:
        try:
            when = datetime.fromtimestamp(unix, UTC)
        except (OverflowError, OSError, ValueError):  # Discord shows such a stamp as invalid
            return f"<t:{unix}:{style}>"
        if style == "R":
            return relative(when, self.now())
        local = when.astimezone(self.zone)
        if style in "tT":
            clock = format_clock(when, WORDS.locale, self.zone)
            return f"{clock} {zone_name(when, WORDS.locale, self.zone)}"
        if style in "dD":
            return format_date(local, WORDS.locale)
        return format_time(when, self.zone)


def relative(when: datetime, now: datetime) -> str:
    """``in 5 hours`` / ``5 小時後``, as Discord shows ``<t:…:R>`` in the reader's language."""
    return format_relative(when, now, WORDS.locale)


def format_time(when: datetime, zone: tzinfo = UTC) -> str:
    """The bot's one date style (bot/core/formatting.py) in ``zone``, the zone named, in the
    demo's language: ``December 5, 2026, 7:00 PM EST``."""
    return format_datetime(when, WORDS.locale, zone)


def _lines(text: str, prefix: str) -> list[str]:
    return [prefix + line if line else prefix.rstrip() for line in text.split("\n")]


def render_embed(embed: discord.Embed, names: Names) -> list[str]:
    out: list[str] = []
    if embed.author and embed.author.name:
        out.append(BAR + names.humanize(embed.author.name))
    if embed.title:
        title = names.humanize(embed.title)
        out.append(BAR + (f"{title} <{embed.url}>" if embed.url else title))
    if embed.description:
        out += _lines(names.humanize(embed.description), BAR)
    for item in embed.fields:
        out.append(BAR + t("demo.render.field", name=names.humanize(item.name or "")))
        out += _lines(names.humanize(item.value or ""), BAR + INDENT)
    if embed.image and embed.image.url:
        out.append(BAR + t("demo.render.image", url=embed.image.url))
    if embed.thumbnail and embed.thumbnail.url:
        out.append(BAR + t("demo.render.thumbnail", url=embed.thumbnail.url))
    footer = embed.footer.text if embed.footer else None
    stamp = format_time(embed.timestamp, names.zone) if embed.timestamp else None
    tail = " · ".join(x for x in (footer and names.humanize(footer), stamp) if x)
    if tail:
        out.append(BAR + f"-- {tail}")
    return out


def _button(component: Mapping[str, Any]) -> str:
    emoji = component.get("emoji") or {}
    label = " ".join(x for x in (emoji.get("name"), component.get("label")) if x)
    label = label or t("demo.render.no_label")
    if component.get("url"):
        return f"[ {label} -> {component['url']} ]"
    if component.get("disabled"):
        return f"[ {label} {t('demo.render.disabled')} ]"
    return f"[ {label} ]"


_SELECT_KIND = {3: "menu", 5: "member", 6: "role", 7: "mentionable", 8: "channel"}


def _select(component: Mapping[str, Any]) -> str:
    kind = _SELECT_KIND.get(int(component.get("type", 3)), "menu")
    placeholder = component.get("placeholder") or t("demo.render.choose")
    text = f"< {t(f'demo.render.select_{kind}')}: {placeholder}"
    options = component.get("options") or []
    if options:
        default = " " + t("demo.render.default")
        text += " -- " + " | ".join(
            str(o.get("label") or o.get("value")) + (default if o.get("default") else "")
            for o in options
        )
    if component.get("disabled"):
        text += " " + t("demo.render.disabled")
    return text + " >"


def render_components(components: Iterable[Mapping[str, Any]], names: Names) -> list[str]:
    """Buttons, selects and Components V2 layouts, as lines of text."""
    out: list[str] = []
    for component in components:
        kind = int(component.get("type", 0))
        if kind == 1:  # action row
            children = list(component.get("components") or [])
            buttons = [_button(c) for c in children if int(c.get("type", 0)) == 2]
            if buttons:
                out.append(INDENT + " ".join(buttons))
            out += [INDENT + _select(c) for c in children if int(c.get("type", 0)) != 2]
        elif kind == 2:
            out.append(INDENT + _button(component))
        elif kind in _SELECT_KIND:
            out.append(INDENT + _select(component))
        elif kind == 10:  # text display
            out += _lines(names.humanize(str(component.get("content") or "")), INDENT)
        elif kind == 9:  # section
            out += render_components(component.get("components") or [], names)
            accessory = component.get("accessory")
            if accessory:
                out += render_components([accessory], names)
        elif kind == 17:  # container
            inner = render_components(component.get("components") or [], names)
            out += [BAR + line.removeprefix(INDENT) for line in inner]
        elif kind == 14:  # separator
            out.append(INDENT + "-" * 20)
        elif kind == 11:  # thumbnail
            url = (component.get("media") or {}).get("url", "")
            out.append(INDENT + t("demo.render.thumbnail", url=url))
        elif kind == 12:  # media gallery
            for item in component.get("items") or []:
                url = (item.get("media") or {}).get("url", "")
                out.append(INDENT + t("demo.render.image", url=url))
        elif kind == 13:  # file
            url = (component.get("file") or {}).get("url", "")
            out.append(INDENT + t("demo.render.file", url=url))
    return out


def render_message(message: discord.Message, header: str, names: Names) -> list[str]:
    out = [header]
    if message.content:
        out += _lines(names.humanize(message.content), INDENT)
    for embed in message.embeds:
        out += render_embed(embed, names)
    out += render_components(component_dicts(message), names)
    poll = message.poll
    if poll is not None:
        out.append(INDENT + t("demo.render.poll", question=poll.question))
        out += [INDENT + f"  ( ) {a.text}" for a in poll.answers]
    for attachment in message.attachments:
        out.append(
            INDENT + t("demo.render.attachment", name=attachment.filename, size=attachment.size)
        )
    if len(out) == 1:
        out.append(INDENT + t("demo.render.empty"))
    return out


@dataclass(frozen=True, slots=True)
class ModalField:
    """One control of a modal, as the demo asks for it."""

    custom_id: str
    label: str
    key: str  # what to type in ``:submit key=value``
    kind: str  # "text", "select" or "other"
    required: bool
    paragraph: bool = False
    min_length: int | None = None
    max_length: int | None = None
    placeholder: str | None = None
    default: str | None = None
    options: tuple[tuple[str, str], ...] = ()  # (label, value) for selects

    def describe(self) -> str:
        bits = [t("demo.render.required" if self.required else "demo.render.optional")]
        if self.paragraph:
            bits.append(t("demo.render.several_lines"))
        if self.max_length:
            bits.append(plural("demo.render.up_to", self.max_length, WORDS.locale))
        if self.min_length:
            bits.append(t("demo.render.at_least", count=self.min_length))
        if self.options:
            bits.append(t("demo.render.one_of", choices=", ".join(lb for lb, _ in self.options)))
        return t("demo.render.separator").join(bits)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "field"


def modal_fields(modal: Mapping[str, Any]) -> list[ModalField]:
    fields: list[ModalField] = []
    used: set[str] = set()

    def add(control: Mapping[str, Any], label: str | None) -> None:
        kind_id = int(control.get("type", 0))
        text = label or control.get("label") or control.get("placeholder") or control["custom_id"]
        key = _slug(str(text))
        while key in used:
            key += "-2"
        used.add(key)
        if kind_id == 4:
            fields.append(
                ModalField(
                    custom_id=str(control["custom_id"]),
                    label=str(text),
                    key=key,
                    kind="text",
                    required=bool(control.get("required", True)),
                    paragraph=int(control.get("style", 1)) == 2,
                    min_length=control.get("min_length"),
                    max_length=control.get("max_length"),
                    placeholder=control.get("placeholder"),
                    default=control.get("value"),
                )
            )
        else:
            options = tuple(
                (str(o.get("label") or o.get("value")), str(o.get("value")))
                for o in control.get("options") or ()
            )
            fields.append(
                ModalField(
                    custom_id=str(control["custom_id"]),
                    label=str(text),
                    key=key,
                    kind="select" if kind_id == 3 else "other",
                    required=bool(control.get("required", True)),
                    placeholder=control.get("placeholder"),
                    options=options,
                )
            )

    for component in modal.get("components") or []:
        kind = int(component.get("type", 0))
        if kind == 1:
            for child in component.get("components") or []:
                if child.get("custom_id"):
                    add(child, None)
        elif kind == 18 and component.get("component"):  # label wrapping a control
            add(component["component"], component.get("label"))
        elif component.get("custom_id"):
            add(component, None)
    return fields


def render_modal(modal: Mapping[str, Any], fields: list[ModalField], names: Names) -> list[str]:
    out = [t("demo.render.form", title=modal.get("title") or "").rstrip()]
    for component in modal.get("components") or []:
        if int(component.get("type", 0)) == 10:
            out += _lines(names.humanize(str(component.get("content") or "")), INDENT)
    for f in fields:
        out.append(INDENT + f"[{f.key}] {f.label} ({f.describe()})")
        if f.placeholder:
            out += _lines(t("demo.render.example", text=f.placeholder), INDENT * 3)
        if f.default:
            out += _lines(t("demo.render.now", text=f.default), INDENT * 3)
    return out
