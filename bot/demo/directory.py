"""The demo server's people, channels and roles: found by what a person types, named for ids."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import discord

from bot.demo.language import t
from bot.demo.render import Names
from bot.demo.values import Resolvers, strip_sigil
from bot.demo.world import World


class Directory:
    """Looks up the simulated server for a session; ``env.bot`` may change on :restart."""

    def __init__(self, env: Any, world: World, actors: Mapping[str, Any]) -> None:
        self.env = env
        self.world = world
        self.actors = actors
        # Mentions and times as a person reads them.
        self.names = Names(
            user=self.user_name, channel=self.channel_name, role=self.role_name, now=env.now
        )
        # How typed names become the members, channels and roles options take.
        self.resolvers = Resolvers(
            member=self.find_member,
            channel=self.find_channel,
            role=self.find_role,
            members=lambda: list(self.actors),
            channels=lambda: list(self.world.guild.channels),
            roles=lambda: [r.removeprefix("@") for r in self.world.guild.roles],
        )

    # ------------------------------------------------------------ names for ids

    def _guild(self) -> discord.Guild | None:
        return self.env.bot.get_guild(self.world.guild.id)

    def user_name(self, user_id: int) -> str | None:
        for name, actor in self.actors.items():
            if actor.id == user_id:
                return name
        user = self.env.bot.get_user(user_id)
        return user.name if user else None

    def channel_name(self, channel_id: int) -> str | None:
        channel = self.env.bot.get_channel(channel_id)
        return getattr(channel, "name", None)

    def role_name(self, role_id: int) -> str | None:
        guild = self._guild()
        role = guild.get_role(role_id) if guild else None
        return role.name.removeprefix("@") if role else None

    # ------------------------------------------------------------ what was typed

    def find_member(self, text: str) -> Any | None:
        name = strip_sigil(text, "@")
        ident = re.fullmatch(r"<@!?(\d+)>", text.strip())
        for key, actor in self.actors.items():
            if key == name.lower() or (ident and actor.id == int(ident.group(1))):
                return actor
        return None

    def find_channel(self, text: str) -> Any | None:
        name = strip_sigil(text, "#").lower()
        ident = re.fullmatch(r"<#(\d+)>", text.strip())
        for key, channel in self.world.guild.channels.items():
            if key.lower() == name or (ident and channel.id == int(ident.group(1))):
                return channel
        return None

    def find_role(self, text: str) -> Any | None:
        name = strip_sigil(text, "@").lower()
        ident = re.fullmatch(r"<@&(\d+)>", text.strip())
        for key, role in self.world.guild.roles.items():
            if key.removeprefix("@").lower() == name or (ident and role.id == int(ident.group(1))):
                return role
        return None

    # ------------------------------------------------------------ where the bot posts

    def places(self) -> list[tuple[str, Any, Any]]:
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
