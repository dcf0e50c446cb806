"""Informants see nothing individual, organizers see aggregates: every reply, every choice.

A member (the "victim") saves a location, calls, subscribes, and chooses not to be named.
Then another member (who may be an informant) and an organizer run every command the bot
has and type into every autocomplete; nothing they are shown names the victim, their id,
their state and district, or the offices that would give those away.
"""

from __future__ import annotations

import json

from discord import app_commands

from tests.helpers import schedule
from tests.privacy.steps import (
    OFFICES,
    STATE,
    STATE_NAME,
    load_legislators,
    member_leaves_every_trace,
)

VICTIM_NAME = "Xiaoming Chan"
# Every command, with the options it needs. A command missing here fails the test below,
# so a new command is audited before it ships.
INVOCATIONS: dict[str, dict[str, object]] = {
    "bills list": {},
    "bills info": {"bill": "HKETO"},
    "bill-tracking add-version": {"bill": "HKETO", "number": "H.R. 9999", "congress": 119},
    "bill-tracking set-current": {"bill": "HKETO", "number": "H.R. 1103"},
    "bill-tracking set-status": {"bill": "HKETO", "text": "Marked up."},
    "call": {"bill": "HKETO"},
    "call-script": {"bill": "HKETO"},
    "call-reset-script": {"bill": "HKETO"},
    "call-stats": {},
    "groups list": {},
    "groups near": {"place": "Oakland"},
    "groups info": {"group": "Bonham Tree Aid"},
    "group-location set": {"group": "Bonham Tree Aid", "city": "Oakland", "state": "CA"},
    "group-location undo": {"group": "Bonham Tree Aid"},
    "me location": {},
    "me location-clear": {},
    "me privacy": {},
    "me forget": {},
    "remind create": {"bill": "TNR", "when": "2026-03-02 18:00"},
    "remind list": {},
    "remind show": {"id": "{reminder}"},
    "remind edit": {"id": "{reminder}", "note": "Bring a friend."},
    "remind pause": {"id": "{reminder}"},
    "remind resume": {"id": "{reminder}"},
    "remind history": {},
    "reminders subscribe": {"bill": "TNR"},
    "reminders unsubscribe": {"bill": "TNR"},
    "reminders mine": {},
    "reminders calendar": {},
    "remind cancel": {"id": "{reminder}"},
    "reps find": {"state": "WY"},
    "reps status": {},
    "setup organizer-role": {},
    "setup timezone": {"name": "America/Chicago"},
    "setup language": {"language": "en"},
    "setup log-channel": {},
    "setup show": {},
    "statement read": {},
    "statement paragraph": {"number": 1},
    "statement search": {"query": "sanctions"},
    "statement quote": {},
    "help": {},
}
TYPED = ("", "a", "x", "1")  # what an informant types into an autocomplete


def shown(result) -> str:
    """Everything a reply shows its reader: text, embeds, buttons, a modal, follow-ups."""
    parts: list[object] = [result.modal]
    messages = [result.response, *result.followups] if result.response else []
    for message in messages:
        parts += [message.content, [e.to_dict() for e in message.embeds], message.components]
    return json.dumps(parts, ensure_ascii=False, default=str)


def leaks(text: str, victim) -> list[str]:
    needles = [str(victim.id), VICTIM_NAME, STATE_NAME, f" {STATE} ", f"({STATE})", *OFFICES]
    needles += [f"{STATE}-", f"-{STATE}", "Casey Fictional", "Avery Example", "Blake Placeholder"]
    return [n for n in needles if n in text]


async def everything_seen_by(world, actor, reminder: int) -> dict[str, str]:
    seen: dict[str, str] = {}
    visible = set(actor.available_commands(world.general))
    for command, options in INVOCATIONS.items():
        if command not in visible:  # Discord doesn't show it to this member at all
            continue
        filled = {k: reminder if v == "{reminder}" else v for k, v in options.items()}
        seen[command] = shown(await actor.slash(world.general, command, **filled))
    for command in world.env.bot.tree.walk_commands():
        if not isinstance(command, app_commands.Command) or command.qualified_name not in visible:
            continue
        for param in command.parameters:
            if param.autocomplete:
                context = {"state": "WY"} if param.name == "district" else {}
                for typed in TYPED:
                    choices = await actor.autocomplete(
                        world.general, command.qualified_name, param.name, typed, **context
                    )
                    seen[f"{command.qualified_name} {param.name}:{typed}"] = json.dumps(choices)
    for channel in (world.general, world.call_to_action):
        for message in channel.history():
            seen[f"#{channel.name} {message.id}"] = json.dumps(
                [message.content, [e.to_dict() for e in message.embeds]], default=str
            )
    return seen


async def test_every_command_is_audited(world):
    assert set(INVOCATIONS) == set(world.organizer.available_commands(world.general))
    assert set(world.member.available_commands(world.general)) < set(INVOCATIONS)


async def test_no_reply_or_choice_shows_another_member(world):
    await load_legislators(world)
    victim = world.guild.add_member(world.env.create_user(VICTIM_NAME))
    await member_leaves_every_trace(world, victim)
    reminder = await schedule(world, "2026-03-01 18:00")
    for actor in (world.member, world.organizer):  # the informant, then an organizer
        seen = await everything_seen_by(world, actor, reminder)
        found = {where: leaks(text, victim) for where, text in seen.items()}
        assert {where: what for where, what in found.items() if what} == {}, actor.name


async def test_organizers_see_counts_and_only_opted_in_names(world):
    await load_legislators(world)
    victim = world.guild.add_member(world.env.create_user(VICTIM_NAME))
    await member_leaves_every_trace(world, victim)  # ends opted out
    stats = await world.organizer.slash(world.general, "call-stats")
    fields = {f.name: f.value for f in stats.response.embeds[0].fields}
    assert "Total: **2** · **2** · **2**" in fields["HKETO Certification Act"]
    assert str(victim.id) not in shown(stats)
    await victim.slash(world.general, "me privacy", show=True)
    stats = await world.organizer.slash(world.general, "call-stats")
    fields = {f.name: f.value for f in stats.response.embeds[0].fields}
    assert fields["Callers this week who chose to be named"] == f"<@{victim.id}>"
