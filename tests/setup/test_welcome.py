"""A server that adds the bot gets one welcome with the organizer's checklist."""

from __future__ import annotations

import discord

from tests.helpers import bot_posts


def message_posts(env) -> list:
    return [r for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]


async def _bot_added(world, guild_handle) -> discord.Guild:
    """What discord.py tells the bot when someone adds it to a server: ``on_guild_join``.

    SimCord builds servers the bot is already in (their GUILD_CREATE reads as "available"),
    so the join is dispatched here, as bot work SimCord waits for.
    """
    bot = world.env.bot
    guild = bot.get_guild(guild_handle.id)
    assert guild is not None
    with world.env._bot_scope():
        bot.dispatch("guild_join", guild)
    await world.env.settle()
    return guild


def _new_server(world, *channels: str, closed: tuple[str, ...] = ()):
    guild = world.env.create_guild("Bay Area Hongkongers")
    made = {}
    for name in channels:
        overwrites = None
        if name in closed:  # the bot may read but not write here
            overwrites = {guild.me: discord.PermissionOverwrite(send_messages=False)}
        made[name] = guild.create_text_channel(name, overwrites=overwrites)
    return guild, made


async def test_the_bot_welcomes_a_new_server_once_in_its_system_channel(world):
    guild_handle, channels = _new_server(world, "rules", "general", "welcome")
    guild = world.env.bot.get_guild(guild_handle.id)
    with world.env.time_context():
        await guild.edit(system_channel=guild.get_channel(channels["welcome"].id))
    await world.env.settle()

    await _bot_added(world, guild_handle)
    posts = bot_posts(channels["welcome"])
    assert len(posts) == 1
    text = posts[0].content
    assert text.startswith("👋 Hello, **Bay Area Hongkongers**!")
    assert "**Organizers, four steps to start**" in text
    assert "1. **Organizer role** — `/setup organizer-role role:@Organizers`" in text
    assert "2. **Time zone** — `/setup timezone name:Eastern`" in text
    assert "3. **Current bill numbers** — `/bills list`" in text
    assert "4. **First reminder** — `/remind create bill:HKETO when:friday 6pm" in text
    assert "`/setup show` marks which steps are done." in text
    assert "`/help`" in text
    assert message_posts(world.env)[-1].json["allowed_mentions"] == {"parse": []}
    assert not bot_posts(channels["general"]) and not bot_posts(channels["rules"])

    await _bot_added(world, guild_handle)  # removed and added again: no second welcome
    assert len(bot_posts(channels["welcome"])) == 1


async def test_without_a_system_channel_the_first_channel_it_may_write_in(world):
    guild_handle, channels = _new_server(
        world, "announcements", "lobby", "chat", closed=("announcements",)
    )
    await _bot_added(world, guild_handle)
    assert not bot_posts(channels["announcements"])
    assert len(bot_posts(channels["lobby"])) == 1
    assert not bot_posts(channels["chat"])


async def test_a_server_where_the_bot_may_write_nowhere_gets_no_welcome_and_no_error(world):
    guild_handle, channels = _new_server(world, "read-only", closed=("read-only",))
    await _bot_added(world, guild_handle)
    assert not bot_posts(channels["read-only"])
    # Once it may write, a later join still welcomes the server.
    guild = world.env.bot.get_guild(guild_handle.id)
    assert guild is not None
    lobby = guild_handle.create_text_channel("lobby")
    await world.env.settle()
    await _bot_added(world, guild_handle)
    assert len(bot_posts(lobby)) == 1


async def test_the_demo_server_was_not_welcomed_twice_on_a_restart(world):
    from bot.app import create_bot

    await world.env.restart_bot(create_bot(world.env.bot.settings))
    assert not bot_posts(world.general) and not bot_posts(world.call_to_action)
