"""One demo session: a person (organizer or member) in a channel, typing lines.

Each line becomes what a Discord client would send through SimCord, and everything the
bot shows in return is printed as text. Errors in a line are printed as one sentence; the
session keeps going.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import discord
from simcord import BackendError, SetupError

from bot.core.i18n import t
from bot.demo.render import (
    ModalField,
    Names,
    button_labels,
    component_dicts,
    format_time,
    modal_fields,
    render_message,
    render_modal,
    select_menus,
)
from bot.demo.syntax import (
    CommandIndex,
    DemoInputError,
    Resolvers,
    coerce,
    parse_duration,
    parse_slash,
    split_named,
    strip_sigil,
)
from bot.demo.world import World

log = logging.getLogger(__name__)

META_COMMANDS = (
    ":as",
    ":channel",
    ":click",
    ":select",
    ":submit",
    ":cancel",
    ":suggest",
    ":advance",
    ":now",
    ":commands",
    ":restart",
    ":help",
    ":quit",
)
_SHOWN_KEPT = 30


@dataclass(slots=True)
class PendingModal:
    """A form the bot opened, waiting to be filled in."""

    result: Any  # simcord.InteractionResult
    actor: Any
    fields: list[ModalField]
    source_id: int | None


def command_index(bot: discord.Client, guild_id: int) -> CommandIndex:
    """The commands a member of the demo server can type: global and this server's."""
    tree = bot.tree  # type: ignore[attr-defined]
    payloads = [c.to_dict(tree) for c in tree.get_commands(guild=None)]
    payloads += [c.to_dict(tree) for c in tree.get_commands(guild=discord.Object(guild_id))]
    return CommandIndex.from_payloads(payloads)


def describe_duration(seconds: float) -> str:
    parts = []
    rest = round(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            parts.append(f"{rest // size}{unit}")
            rest %= size
    return " ".join(parts) or "0s"


class DemoSession:
    """Reads demo lines and drives the simulated server; prints what the bot shows."""

    def __init__(
        self,
        env: Any,
        world: World,
        out: TextIO,
        *,
        restart: Callable[[], discord.Client] | None = None,
        base_dir: Path | None = None,
    ) -> None:
        self.env = env
        self.world = world
        self.out = out
        self.actors = {"member": world.member, "organizer": world.organizer}
        self.actor = world.member
        self.channel: Any | None = world.general  # None: the actor's DMs with the bot
        self.pending: PendingModal | None = None
        self.interactive = False  # at a terminal, the REPL asks for each form field
        self._restart = restart
        self._base_dir = base_dir
        self._shown: list[tuple[Any, int, Any]] = []  # (channel, message id, viewer), oldest first
        self.index = command_index(env.bot, world.guild.id)
        self.names = Names(
            user=self._user_name,
            channel=self._channel_name,
            role=self._role_name,
            now=env.now,
        )
        self.resolvers = Resolvers(
            member=self._find_member,
            channel=self._find_channel,
            role=self._find_role,
            members=lambda: list(self.actors),
            channels=lambda: list(self.world.guild.channels),
            roles=lambda: [r.removeprefix("@") for r in self.world.guild.roles],
        )

    # ------------------------------------------------------------------ output

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def error(self, text: str) -> None:
        self.say("! " + text.replace("\n", "\n  "))

    def banner(self) -> str:
        guild = self.world.guild
        return t(
            "demo.session.banner",
            guild=guild.name,
            channels=", ".join("#" + n for n in guild.channels),
            role=self.world.organizers.name,
            people=" and ".join(self.actors),
            now=format_time(self.env.now()),
            user=self.actor.name,
            channel=self.world.general.name,
        )

    def prompt(self) -> str:
        if self.channel is None:
            return t("demo.session.prompt_dm", user=self.actor.name)
        return t("demo.session.prompt_channel", user=self.actor.name, channel=self.channel.name)

    # ------------------------------------------------------------- names/lookup

    def _guild(self) -> discord.Guild | None:
        return self.env.bot.get_guild(self.world.guild.id)

    def _user_name(self, user_id: int) -> str | None:
        for name, actor in self.actors.items():
            if actor.id == user_id:
                return name
        user = self.env.bot.get_user(user_id)
        return user.name if user else None

    def _channel_name(self, channel_id: int) -> str | None:
        channel = self.env.bot.get_channel(channel_id)
        return getattr(channel, "name", None)

    def _role_name(self, role_id: int) -> str | None:
        guild = self._guild()
        role = guild.get_role(role_id) if guild else None
        return role.name.removeprefix("@") if role else None

    def _find_member(self, text: str) -> Any | None:
        name = strip_sigil(text, "@")
        ident = re.fullmatch(r"<@!?(\d+)>", text.strip())
        for key, actor in self.actors.items():
            if key == name.lower() or (ident and actor.id == int(ident.group(1))):
                return actor
        return None

    def _find_channel(self, text: str) -> Any | None:
        name = strip_sigil(text, "#").lower()
        ident = re.fullmatch(r"<#(\d+)>", text.strip())
        for key, channel in self.world.guild.channels.items():
            if key.lower() == name or (ident and channel.id == int(ident.group(1))):
                return channel
        return None

    def _find_role(self, text: str) -> Any | None:
        name = strip_sigil(text, "@").lower()
        ident = re.fullmatch(r"<@&(\d+)>", text.strip())
        for key, role in self.world.guild.roles.items():
            if key.removeprefix("@").lower() == name or (ident and role.id == int(ident.group(1))):
                return role
        return None

    # ---------------------------------------------------------------- messages

    def _channels(self) -> list[tuple[str, Any, Any]]:
        """Where the bot can post: (header, channel, viewer for DMs) for channels, threads, DMs."""
        found: list[tuple[str, Any, Any]] = []
        for name, channel in self.world.guild.channels.items():
            found.append((t("demo.session.bot_in_channel", channel=name), channel, None))
            for thread in channel.threads:
                header = t("demo.session.bot_in_channel", channel=thread.name)
                found.append((header, thread, None))
        for name, actor in self.actors.items():
            header = t("demo.session.bot_in_dm", user=name)
            found.append((header, actor.user.dm_channel, actor.user))
        return found

    def _bot_messages(self) -> dict[int, tuple[str, Any, Any, discord.Message]]:
        """The bot's messages everyone in a place can see (DMs: their owner), by id."""
        bot_id = self.env.bot.user.id
        found = {}
        for header, channel, viewer in self._channels():
            for message in channel.history(viewer=viewer):
                if message.author.id == bot_id:
                    found[message.id] = (header, channel, viewer, message)
        return found

    def _fresh(self, channel: Any, message_id: int, viewer: Any) -> discord.Message | None:
        return next((m for m in channel.history(viewer=viewer) if m.id == message_id), None)

    def _print(self, message: discord.Message, channel: Any, header: str, viewer: Any) -> None:
        """Print one message and remember it for :click and :select."""
        if message.flags.ephemeral:
            header = f"{header.removesuffix(':')} {t('demo.session.only_you')}:"
        for line in render_message(message, header, self.names):
            self.say(line)
        self._shown.append((channel, message.id, viewer))
        del self._shown[:-_SHOWN_KEPT]

    def _show_side_posts(self, before: set[int], shown: set[int]) -> int:
        """Print what the bot posted by itself, in any channel or DM, since ``before``."""
        count = 0
        for message_id, (header, channel, viewer, message) in sorted(self._bot_messages().items()):
            if message_id in before or message_id in shown:
                continue
            self._print(message, channel, header, viewer)
            count += 1
        return count

    def _where(self, channel_id: int) -> tuple[Any, Any]:
        for _header, channel, viewer in self._channels():
            if channel.id == channel_id:
                return channel, viewer
        return self.channel or self.actor.user.dm_channel, None

    async def _show_result(
        self, result: Any, before: set[int], source_id: int | None, actor: Any
    ) -> None:
        shown: set[int] = set()
        if result.modal is not None:
            modal = result.modal
            fields = modal_fields(modal)
            self.pending = PendingModal(result, actor, fields, source_id)
            for line in render_modal(modal, fields, self.names):
                self.say(line)
            if self.interactive:
                self.say(t("demo.modal.hint_terminal"))
            else:
                example = " ".join(f"{f.key}=..." for f in fields if f.required)
                self.say(t("demo.modal.hint", example=example or "(nothing needed)"))
        response = result.response
        replies = ([response] if response is not None else []) + list(result.followups)
        for reply in replies:
            channel, owner = self._where(reply.channel_id)
            if reply is response and source_id is not None and reply.id == source_id:
                header = t("demo.session.bot_updated")
            else:
                header = t("demo.session.bot_reply")
            self._print(reply.message, channel, header, actor if reply.ephemeral else owner)
            shown.add(reply.id)
        self._show_side_posts(before, shown)
        still_thinking = (
            result.deferred
            and response is not None
            and not result.followups
            and not (response.content or response.embeds)
        )
        if not result.acknowledged and result.modal is None:
            self.say(t("demo.session.no_answer"))
        elif still_thinking:
            self.say(t("demo.session.thinking"))

    # ------------------------------------------------------------------- lines

    async def handle(self, line: str) -> bool:
        """Act on one line; False when the person asked to quit."""
        text = line.strip()
        if not text or text.startswith("#"):
            return True
        if text.startswith("/"):
            return await self._guarded(self._slash(text))
        if text.startswith(":"):
            return await self._guarded(self._meta(text))
        self.error(t("demo.session.not_a_command"))
        return True

    async def submit_guarded(self, by_key: dict[str, str]) -> None:
        """:meth:`submit`, with a refusal printed as one line instead of raised."""
        await self._guarded(self.submit(by_key))

    async def _guarded(self, action: Awaitable[bool | None]) -> bool:
        try:
            return await action is not False
        except DemoInputError as exc:
            self.error(t(exc.key, **exc.values))
        except (SetupError, BackendError) as exc:
            self.error(t("demo.session.refused", message=str(exc)))
        except TimeoutError as exc:
            self.error(t("demo.session.timeout", message=str(exc).split("\n")[0]))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in the demo: one line, the trace in the log
            log.info("demo line failed", exc_info=True)
            self.error(t("demo.session.failed", message=f"{type(exc).__name__}: {exc}"))
        finally:
            self.out.flush()
        return True

    def _values(self, line: str, *, allow_empty_last: bool = False) -> tuple[Any, dict[str, Any]]:
        parsed = parse_slash(line, self.index, allow_empty_last=allow_empty_last)
        values = {}
        for name, raw in parsed.options.items():
            option = parsed.command.option(name)
            assert option is not None
            if allow_empty_last and raw == "" and name == list(parsed.options)[-1]:
                values[name] = raw
                continue
            values[name] = coerce(option, raw, self.resolvers, base=self._base_dir)
        return parsed, values

    async def _slash(self, line: str) -> None:
        parsed, values = self._values(line)
        before = set(self._bot_messages())
        if self.channel is None:
            actor = self.actor.user
            result = await actor.slash(parsed.command.name, **values)
        else:
            actor = self.actor
            result = await actor.slash(self.channel, parsed.command.name, **values)
        await self._show_result(result, before, None, actor)

    async def _meta(self, text: str) -> bool:
        word, _, rest = text.partition(" ")
        word = word.lower()
        rest = rest.strip()
        if word in (":quit", ":exit", ":q"):
            self.say(t("demo.session.bye"))
            return False
        handlers = {
            ":help": self._help,
            ":as": self._as,
            ":channel": self._go,
            ":click": self._click,
            ":select": self._select,
            ":submit": self._submit_line,
            ":cancel": self._cancel,
            ":suggest": self._suggest,
            ":advance": self._advance,
            ":now": self._now,
            ":commands": self._commands,
            ":restart": self._do_restart,
        }
        handler = handlers.get(word)
        if handler is None:
            raise DemoInputError("demo.session.unknown_meta", word=word)
        await handler(rest)
        return True

    async def _help(self, _rest: str) -> None:
        self.say(t("demo.help.text").strip("\n"))

    async def _as(self, rest: str) -> None:
        actor = self._find_member(rest) if rest else None
        if actor is None:
            raise DemoInputError("demo.session.as_usage", choices=", ".join(self.actors))
        self.actor = actor
        self.say(t("demo.session.as_done", user=actor.name))

    async def _go(self, rest: str) -> None:
        if rest.lower() in ("dm", "dms", "@me"):
            self.channel = None
            self.say(t("demo.session.channel_dm"))
            return
        channel = self._find_channel(rest) if rest else None
        if channel is None:
            choices = ", ".join("#" + n for n in self.world.guild.channels)
            raise DemoInputError("demo.session.channel_usage", value=rest, choices=choices)
        self.channel = channel
        self.say(t("demo.session.channel_done", channel=channel.name))

    def _actor_for(self, channel: Any) -> Any:
        """Who clicks: the member in a server channel, the user in their DMs."""
        return self.actor.user if channel.guild is None else self.actor

    async def _click(self, rest: str) -> None:
        label = rest.strip().strip("\"'“”")
        if not label:
            raise DemoInputError("demo.click.usage")
        latest: list[str] | None = None
        for channel, message_id, viewer in reversed(self._shown):
            message = self._fresh(channel, message_id, viewer)
            if message is None:
                continue
            components = component_dicts(message)
            buttons = button_labels(components)
            if not buttons:
                continue
            if latest is None:
                latest = [name for name, _ in buttons]
            match = next((b for b in buttons if b[0] == label), None) or next(
                (b for b in buttons if b[0].lower() == label.lower()), None
            )
            if match is None:
                continue
            if not match[1]:
                raise DemoInputError("demo.click.disabled", label=match[0])
            custom_id = _custom_id_for(components, match[0])
            before = set(self._bot_messages())
            actor = self._actor_for(channel)
            result = await actor.click(message, custom_id=custom_id)
            await self._show_result(result, before, message.id, actor)
            return
        if latest is None:
            raise DemoInputError("demo.click.none")
        raise DemoInputError("demo.click.unknown", label=label, choices=", ".join(latest))

    async def _select(self, rest: str) -> None:
        wanted = [v.strip().strip("\"'“”") for v in rest.split(",") if v.strip()]
        if not wanted:
            raise DemoInputError("demo.select.usage")
        for channel, message_id, viewer in reversed(self._shown):
            message = self._fresh(channel, message_id, viewer)
            menus = select_menus(component_dicts(message)) if message else []
            if not menus or message is None:
                continue
            menu = menus[0]
            options = [(str(o.get("label")), str(o.get("value"))) for o in menu.get("options", [])]
            values = [_pick(options, w) for w in wanted]
            before = set(self._bot_messages())
            actor = self._actor_for(channel)
            result = await actor.select(message, values, custom_id=menu.get("custom_id"))
            await self._show_result(result, before, message.id, actor)
            return
        raise DemoInputError("demo.select.none")

    async def _cancel(self, _rest: str) -> None:
        if self.pending is None:
            raise DemoInputError("demo.modal.none")
        self.pending = None
        self.say(t("demo.modal.cancelled"))

    async def _submit_line(self, rest: str) -> None:
        if self.pending is None:
            raise DemoInputError("demo.modal.none")
        keys = [f.key for f in self.pending.fields]
        by_key = split_named(rest, keys, "demo.submit", "form", "=")
        await self.submit(by_key)

    async def submit(self, by_key: dict[str, str]) -> None:
        """Send the open form with values by field key; the form stays open on an error."""
        pending = self.pending
        if pending is None:
            raise DemoInputError("demo.modal.none")
        values: dict[str, Any] = {}
        for f in pending.fields:
            raw = by_key.get(f.key)
            if raw is None or raw == "":
                if f.default and raw is None:
                    raw = f.default
                elif f.required:
                    raise DemoInputError("demo.modal.missing", key=f.key, label=f.label)
                else:
                    continue
            if f.kind == "select":
                chosen = [v.strip() for v in raw.split(",") if v.strip()]
                values[f.custom_id] = [_pick(list(f.options), c, key=f.key) for c in chosen]
            else:
                values[f.custom_id] = raw
        before = set(self._bot_messages())
        result = await pending.actor.submit_modal(pending.result, values)
        self.pending = None
        await self._show_result(result, before, pending.source_id, pending.actor)

    async def _suggest(self, rest: str) -> None:
        if not rest.startswith("/"):
            raise DemoInputError("demo.suggest.usage")
        parsed, values = self._values(rest, allow_empty_last=True)
        if not parsed.options:
            raise DemoInputError("demo.suggest.usage")
        focused = list(parsed.options)[-1]
        option = parsed.command.option(focused)
        if option is None or not option.autocomplete:
            raise DemoInputError(
                "demo.suggest.not_auto", option=focused, command=parsed.command.name
            )
        typed = parsed.options[focused]
        filled = {k: v for k, v in values.items() if k != focused}
        if self.channel is None:
            choices = await self.actor.user.autocomplete(
                parsed.command.name, focused, typed, **filled
            )
        else:
            choices = await self.actor.autocomplete(
                self.channel, parsed.command.name, focused, typed, **filled
            )
        if not choices:
            self.say(t("demo.suggest.none"))
            return
        self.say(t("demo.suggest.header", option=focused))
        for choice in choices:
            name, value = str(choice.get("name")), str(choice.get("value"))
            self.say(f"  {name}" + ("" if name == value else f"   ({focused}:{value})"))

    async def _advance(self, rest: str) -> None:
        if not rest:
            raise DemoInputError("demo.advance.usage")
        seconds = parse_duration(rest)
        before = set(self._bot_messages())
        await self.env.advance_time(seconds)
        self.say(
            t(
                "demo.advance.header",
                amount=describe_duration(seconds),
                now=format_time(self.env.now()),
            )
        )
        if not self._show_side_posts(before, set()):
            self.say(t("demo.advance.nothing"))

    async def _now(self, _rest: str) -> None:
        self.say(t("demo.session.now", now=format_time(self.env.now())))

    async def _commands(self, _rest: str) -> None:
        if self.channel is None:
            visible = set(self.actor.user.available_commands())
        else:
            visible = set(self.actor.available_commands(self.channel))
        specs = [s for s in self.index.commands.values() if s.name in visible]
        self.say(t("demo.session.commands_header", user=self.actor.name, count=len(specs)))
        for spec in sorted(specs, key=lambda s: s.name):
            self.say(f"  {spec.usage()}")
            if spec.description:
                self.say(f"      {spec.description}")

    async def _do_restart(self, _rest: str) -> None:
        if self._restart is None:
            raise DemoInputError("demo.session.unknown_meta", word=":restart")
        old = self.env.bot
        await self.env.restart_bot(self._restart())
        await old.close()
        self.index = command_index(self.env.bot, self.world.guild.id)
        self.say(t("demo.session.restarted"))


def _custom_id_for(components: Iterable[dict[str, Any]], label: str) -> str | None:
    for component in components:
        usable = not component.get("disabled") and component.get("custom_id")
        if int(component.get("type", 0)) == 2 and component.get("label") == label and usable:
            return str(component["custom_id"])
        for child in component.get("components") or []:
            found = _custom_id_for([child], label)
            if found:
                return found
        for key in ("accessory", "component"):
            if component.get(key):
                found = _custom_id_for([component[key]], label)
                if found:
                    return found
    return None


def _pick(options: list[tuple[str, str]], wanted: str, *, key: str | None = None) -> str:
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
