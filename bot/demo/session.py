"""One demo session: a person (organizer or member) in a channel, typing lines.

Each line becomes what a Discord client would send through SimCord, and everything the
bot shows in return is printed as text. Errors in a line are printed as one sentence; the
session keeps going.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TextIO

import discord
from discord.ext import commands
from simcord import BackendError, SetupError

from bot.demo.commands import CommandIndex
from bot.demo.components import button_labels, component_dicts, custom_id_for, pick, select_menus
from bot.demo.directory import Directory
from bot.demo.language import WORDS, client_locales, is_discord_locale, t
from bot.demo.render import format_time
from bot.demo.screen import PendingModal, Screen
from bot.demo.syntax import DemoInputError, SlashLine, parse_slash, split_named, strip_comment
from bot.demo.values import coerce, describe_duration, parse_duration
from bot.demo.viewer_time import ViewerTime, zone_label
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
    ":locale",
    ":tz",
    ":commands",
    ":restart",
    ":help",
    ":quit",
)


def command_index(bot: commands.Bot, guild_id: int) -> CommandIndex:
    """The commands a member of the demo server can type: global and this server's."""
    tree = bot.tree
    payloads = [c.to_dict(tree) for c in tree.get_commands(guild=None)]
    payloads += [c.to_dict(tree) for c in tree.get_commands(guild=discord.Object(guild_id))]
    return CommandIndex.from_payloads(payloads)


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
        keep_time: bool = False,
    ) -> None:
        self.env = env
        self.world = world
        self.actors = {"member": world.member, "organizer": world.organizer}
        self.actor = world.member
        self.channel: Any | None = world.general  # None: the actor's DMs with the bot
        self.pending: PendingModal | None = None
        self.interactive = False  # at a terminal, the REPL asks for each form field
        self._restart = restart
        self._base_dir = base_dir
        self.index = command_index(env.bot, world.guild.id)
        self.locales = client_locales(env)  # what each person's Discord client says
        WORDS.locale = self.locales.get(self.actor.id)
        self.directory = Directory(env, world, self.actors)
        self.time = ViewerTime(env, world, self.directory, keep=keep_time)
        self.screen = Screen(env, self.directory, out)

    # ------------------------------------------------------------------ output

    def say(self, text: str = "") -> None:
        self.screen.say(text)

    def error(self, text: str) -> None:
        self.screen.error(text)

    async def banner(self) -> str:
        guild = self.world.guild
        zone = await self.time.sync()
        return t(
            "demo.session.banner",
            guild=guild.name,
            channels=", ".join("#" + n for n in guild.channels),
            role=self.world.organizers.name,
            people=" and ".join(self.actors),
            now=format_time(self.env.now(), zone),
            zone=zone_label(zone),
            user=self.actor.name,
            channel=self.world.general.name,
        )

    def prompt(self) -> str:
        if self.channel is None:
            return t("demo.session.prompt_dm", user=self.actor.name)
        return t("demo.session.prompt_channel", user=self.actor.name, channel=self.channel.name)

    # ------------------------------------------------------------------- lines

    async def handle(self, line: str) -> bool:
        """Act on one line; False when the person asked to quit."""
        text = line.strip()
        if not text or text.startswith("#"):
            return True
        text = strip_comment(text)
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
            self.screen.out.flush()
        return True

    def _values(
        self, line: str, *, allow_empty_last: bool = False
    ) -> tuple[SlashLine, dict[str, Any]]:
        parsed = parse_slash(line, self.index, allow_empty_last=allow_empty_last)
        values: dict[str, Any] = {}
        for name, raw in parsed.options.items():
            option = parsed.command.option(name)
            assert option is not None
            if allow_empty_last and raw == "" and name == list(parsed.options)[-1]:
                values[name] = raw
                continue
            values[name] = coerce(option, raw, self.directory.resolvers, base=self._base_dir)
        return parsed, values

    async def _slash(self, line: str) -> None:
        parsed, values = self._values(line)
        before = set(self.screen.bot_messages())
        if self.channel is None:
            actor = self.actor.user
            result = await actor.slash(parsed.command.name, **values)
        else:
            actor = self.actor
            result = await actor.slash(self.channel, parsed.command.name, **values)
        await self._show_result(result, before, None, actor)

    async def _show_result(
        self, result: Any, before: set[int], source_id: int | None, actor: Any
    ) -> None:
        """Print what the bot showed in return; a form it opened waits for :submit."""
        await self.time.sync()
        fallback = self.channel or self.actor.user.dm_channel
        pending = self.screen.show_result(
            result, before, source_id, actor, fallback=fallback, interactive=self.interactive
        )
        if pending is not None:
            self.pending = pending

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
            ":locale": self._locale,
            ":tz": self._tz,
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
        actor = self.directory.find_member(rest) if rest else None
        if actor is None:
            raise DemoInputError("demo.session.as_usage", choices=", ".join(self.actors))
        self.actor = actor
        WORDS.locale = self.locales.get(actor.id)
        self.say(t("demo.session.as_done", user=actor.name))

    async def _go(self, rest: str) -> None:
        if rest.lower() in ("dm", "dms", "@me"):
            self.channel = None
            self.say(t("demo.session.channel_dm"))
            return
        channel = self.directory.find_channel(rest) if rest else None
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
        for channel, message in self.screen.recent():
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
            custom_id = custom_id_for(components, match[0])
            before = set(self.screen.bot_messages())
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
        for channel, message in self.screen.recent():
            menus = select_menus(component_dicts(message))
            if not menus:
                continue
            menu = menus[0]
            options = [(str(o.get("label")), str(o.get("value"))) for o in menu.get("options", [])]
            values = [pick(options, w) for w in wanted]
            before = set(self.screen.bot_messages())
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
                values[f.custom_id] = [pick(list(f.options), c, key=f.key) for c in chosen]
            else:
                values[f.custom_id] = raw
        before = set(self.screen.bot_messages())
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
        before = set(self.screen.bot_messages())
        await self.env.advance_time(seconds)
        await self.time.keep_time()
        await self.time.sync()
        amount = describe_duration(seconds)
        self.say(t("demo.advance.header", amount=amount, now=self.time.now_text()))
        if not self.screen.show_side_posts(before, set()):
            self.say(t("demo.advance.nothing"))

    async def _locale(self, rest: str) -> None:
        """:locale zh-TW: the person's Discord client now speaks that language."""
        if not is_discord_locale(rest):
            raise DemoInputError("demo.locale.usage", value=rest)
        self.locales.set(self.actor.id, rest)
        WORDS.locale = rest
        self.say(t("demo.locale.done", user=self.actor.name, language=rest))

    async def _now(self, _rest: str) -> None:
        await self.time.sync()
        self.say(t("demo.session.now", now=self.time.now_text()))

    async def _tz(self, rest: str) -> None:
        self.say(await self.time.tz_command(rest))

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
        await self.time.keep_time()
        self.say(t("demo.session.restarted"))
