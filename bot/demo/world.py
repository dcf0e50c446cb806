"""The simulated server the demo and the tests share: two channels, a role, two people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord


@dataclass
class World:
    env: Any  # simcord.Env
    guild: Any  # GuildHandle
    general: Any  # ChannelHandle
    call_to_action: Any  # ChannelHandle
    organizers: Any  # RoleHandle
    organizer: Any  # MemberActor
    member: Any  # MemberActor


def build_world(env: Any, name: str = "HK Advocacy Demo") -> World:
    """Create the demo server: #general, #call-to-action, @Organizers, organizer and member.

    The Organizers role carries Manage Server, so ``organizer`` passes organizer checks
    from the start; tests of ``/setup organizer-role`` make roles of their own.
    """
    guild = env.create_guild(name)
    general = guild.create_text_channel("general")
    call = guild.create_text_channel("call-to-action")
    organizers = guild.create_role(
        "Organizers", permissions=discord.Permissions(manage_guild=True), mentionable=True
    )
    organizer = guild.add_member(env.create_user("organizer"), roles=[organizers])
    member = guild.add_member(env.create_user("member"))
    return World(env, guild, general, call, organizers, organizer, member)
