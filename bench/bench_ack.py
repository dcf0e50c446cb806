"""Acknowledgement time under load (issue 10): 100 members act at once, 100,000 reminders wait.

Run:  python bench/bench_ack.py [--waves 10] [--members 100] [--pending 100000] [--no-freeze]

The real bot runs in SimCord on a fresh SQLite file holding ``--pending`` active reminders
(spread over 1,000 servers, due in the coming months, so none fires during the run). In
each wave every one of ``--members`` members sends one interaction at the same instant:
``/statement read``, ``/call bill:HKETO``, a tap on an outcome button of the card an
earlier ``/call`` showed, ``/groups near``, or ``/reminders subscribe`` / ``unsubscribe``
(members take turns at each). All of a wave's interactions are handed to the bot before
it runs any of them, as a burst from Discord would be. Two waves warm up first, unmeasured
(a server that has been running a while); then the heap is frozen, as ``python -m bot``
does once ready (``--no-freeze`` skips that, as the bot did before issue 10).

Measured, per interaction, on the real clock (``time.perf_counter``): from the moment the
interaction is handed to the bot to the bot's first response to it (the interaction
callback: a message, a deferral or a modal). Prints p50/p99/max per command and overall,
twice: as measured, and without the time SimCord spent meanwhile on Discord's side of
things (routing responses: storing and validating them, feeding the resulting events
back; deep-copying each gateway event before the bot parses it), which in a real run
happens on Discord's machines; the bot's parsing of each interaction and its sending of
each response stay in both. Discord's network is in neither.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import re
import statistics
import sys
import tempfile
import time
import types
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import simcord
from simcord import gateway
from simcord import interactions as sim_interactions
from simcord._clock import Clock as SimClock
from simcord.http import router

from bot.app import create_bot
from bot.core.config import Settings
from bot.core.database import Database
from bot.privacy.keys import DataKey
from bot.privacy.unlock import unlock

KINDS = ("call", "tap", "statement", "near", "subscribe")
PLACES = ("Oakland", "New York", "California", "Chicago", "Boston, MA", "Los Angeles")
_CALLBACK = re.compile(r"^/interactions/(\d+)/[^/]+/callback$")


async def fill_reminders(path: Path, count: int, key: DataKey) -> None:
    """``count`` active reminders across 1,000 servers, due 30 to 330 days after SimCord's
    start (after the run, which moves the clock a day per wave), each made by an organizer
    named by their pseudonym, as the bot stores them."""
    start = int(SimClock().now().timestamp())
    db = Database(path)
    await db.open()
    vault = await unlock(db, key)
    organizer = {guild: vault.pseudonym(guild, 7) for guild in range(1000, 2000)}
    rows = []
    for i in range(count):
        due = start + 30 * 86400 + (i * 7919) % (300 * 86400)
        guild = 1000 + i % 1000
        rows.append(
            (guild, "hketo", 5000 + i % 1000, "America/New_York",
             "2026-02-01T18:00:00", "weekly" if i % 3 == 0 else "none", due, organizer[guild])
        )  # fmt: skip
    await db.executemany(
        "INSERT INTO reminders (guild_id, campaign, channel_id, timezone, anchor_local, repeat,"
        " next_due, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*row, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00") for row in rows],
    )
    await db.close()


class Stopwatch:
    """First-response times by interaction id, from the routed interaction callbacks.

    It also keeps the time spent in SimCord's request routing (storing each response,
    validating it, feeding the resulting events back) and in copying each gateway event
    for the bot: Discord's work, which in a real run happens on Discord's side, not in the
    bot's process. :meth:`bot_time` leaves it out.
    """

    def __init__(self) -> None:
        self.sent: dict[int, float] = {}
        self.first: dict[int, float] = {}
        self.routing_at_sent: dict[int, float] = {}
        self.routing_at_first: dict[int, float] = {}
        self.routing = 0.0  # seconds spent in SimCord's routing so far
        self.waiting: set[int] = set()
        self.all_answered = asyncio.Event()
        real = router.dispatch

        def timed(backend: Any, method: str, path: str, **kwargs: Any) -> Any:
            started = time.perf_counter()
            found = _CALLBACK.match(path)
            if found:
                interaction_id = int(found.group(1))
                if interaction_id not in self.first:
                    self.first[interaction_id] = started
                    self.routing_at_first[interaction_id] = self.routing
                self.waiting.discard(interaction_id)
                if not self.waiting:
                    self.all_answered.set()
            try:
                return real(backend, method, path, **kwargs)
            finally:
                self.routing += time.perf_counter() - started

        router.dispatch = timed

        # The gateway's deep copy of each event stands in for Discord sending it: also
        # Discord's side. (The bot's parsing of the event, which follows, stays counted.)
        real_copy = gateway.copy

        def timed_copy(value: Any) -> Any:
            started = time.perf_counter()
            try:
                return real_copy.deepcopy(value)
            finally:
                self.routing += time.perf_counter() - started

        gateway.copy = types.SimpleNamespace(deepcopy=timed_copy)  # type: ignore[assignment]

    def mark_sent(self, interaction_id: int) -> None:
        self.sent[interaction_id] = time.perf_counter()
        self.routing_at_sent[interaction_id] = self.routing

    def elapsed(self, interaction_id: int) -> float | None:
        done = self.first.get(interaction_id)
        return None if done is None else done - self.sent[interaction_id]

    def bot_time(self, interaction_id: int) -> float:
        """:meth:`elapsed` less SimCord's routing in between (others' responses)."""
        routed = self.routing_at_first[interaction_id] - self.routing_at_sent[interaction_id]
        return (self.elapsed(interaction_id) or 0.0) - routed


def slash_payload(actor: Any, channel: Any, name: str, options: dict[str, Any]) -> dict[str, Any]:
    """What SimCord's ``slash`` sends for ``/name options`` (visibility checked the same way)."""
    parts = name.split()
    backend = actor._env.backend
    root = backend.find_command(parts[0], actor.guild.id, type=1)
    leaf, nesting = sim_interactions.walk_to_subcommand(root, parts[1:])
    leaf_options, _ = sim_interactions.build_options(
        actor, name, leaf, options, channel_id=channel.id
    )
    return {
        "type": 2,
        "data": {
            "id": root["id"],
            "name": root["name"],
            "type": 1,
            "options": sim_interactions.nest_options(root, nesting, leaf_options),
        },
    }


def click_payload(env: Any, channel: Any, message_id: int, label: str) -> dict[str, Any]:
    stored = env.backend.get_message(channel.id, message_id)
    for row in stored.components:
        for component in row["components"]:
            if component.get("label") == label:
                return {
                    "type": 3,
                    "data": {"custom_id": component["custom_id"], "component_type": 2},
                    "extra": {"message": dict(simcord.backend.serializers.message_payload(
                        env.backend, stored))},
                }  # fmt: skip
    raise LookupError(label)


async def burst(env: Any, channel: Any, jobs: list[tuple[Any, str, dict[str, Any]]], watch: Any):
    """Hand every job's interaction to the bot at once; wait until each has its first response."""
    env._begin_operation("burst")
    try:
        ids = []
        payloads = []
        for actor, kind, spec in jobs:
            record, payload = sim_interactions.base_payload(
                env.backend,
                type=spec["type"],
                channel_id=channel.id,
                guild_id=actor.guild.id,
                user_id=actor.id,
                data=spec["data"],
            )
            payload.update(spec.get("extra", {}))
            ids.append((record.id, kind, actor))
            payloads.append(payload)
        watch.waiting = {interaction_id for interaction_id, _, _ in ids}
        watch.all_answered.clear()
        for (interaction_id, _, _), payload in zip(ids, payloads, strict=True):
            watch.mark_sent(interaction_id)
            env.backend.emit("INTERACTION_CREATE", payload)
        # Wait for the first responses without running SimCord's settlement checks meanwhile
        # (they scan every task and timer on each step, and would be most of the figure);
        # then let the bot finish the rest (follow-ups, direct messages) before the next wave.
        await asyncio.wait_for(watch.all_answered.wait(), timeout=60)
        await env._settle_internal(dispatch="INTERACTION_CREATE", timeout=60)
    finally:
        env._end_operation()
    return ids


def response_message_id(env: Any, interaction_id: int) -> int | None:
    record = env.backend.interactions.get(interaction_id)
    return record.message_id if record else None


Samples = dict[str, list[float]]


class World:
    """One server, its members, and the waves they send (what each member does, in turn)."""

    def __init__(self, env: Any, channel: Any, members: list[Any], watch: Stopwatch) -> None:
        self.env, self.channel, self.members, self.watch = env, channel, members, watch
        self.subscribed: set[int] = set()
        self.last_card: dict[int, int] = {}

    def job(self, number: int, i: int, actor: Any) -> tuple[Any, str, dict[str, Any]]:
        kind = "call" if number < -1 else KINDS[(i + number) % len(KINDS)]
        if kind == "tap" and actor.id not in self.last_card:
            kind = "call"
        if kind == "call":
            spec = slash_payload(actor, self.channel, "call", {"bill": "HKETO"})
        elif kind == "tap":
            card = self.last_card[actor.id]
            spec = click_payload(self.env, self.channel, card, "I reached someone")
        elif kind == "statement":
            spec = slash_payload(actor, self.channel, "statement read", {})
        elif kind == "near":
            place = PLACES[(i + number) % len(PLACES)]
            spec = slash_payload(actor, self.channel, "groups near", {"place": place})
        else:
            verb = "unsubscribe" if actor.id in self.subscribed else "subscribe"
            self.subscribed.symmetric_difference_update({actor.id})
            spec = slash_payload(actor, self.channel, f"reminders {verb}", {"bill": "HKETO"})
        return actor, kind, spec

    async def wave(self, number: int) -> list[tuple[int, str]]:
        """Every member acts at once; then a day passes. Each interaction's id and kind."""
        jobs = [self.job(number, i, actor) for i, actor in enumerate(self.members)]
        done = []
        for interaction_id, kind, actor in await burst(self.env, self.channel, jobs, self.watch):
            if self.watch.elapsed(interaction_id) is None:
                raise RuntimeError(f"{kind}: no response to interaction {interaction_id}")
            if kind == "call":
                message_id = response_message_id(self.env, interaction_id)
                if message_id is not None:
                    self.last_card[actor.id] = message_id
            done.append((interaction_id, kind))
        # A new day, so every tap counts (one call per member per bill per day).
        await self.env.advance_time(timedelta(days=1).total_seconds())
        return done


async def run(args: argparse.Namespace) -> tuple[Samples, Samples]:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bot.db"
        t0 = time.perf_counter()
        key = DataKey.generate()
        await fill_reminders(path, args.pending, key)
        print(f"{args.pending:,} reminders pending ({time.perf_counter() - t0:.1f} s to store)")
        bot = create_bot(Settings(token=None, database_path=path, data_key=key.text))
        watch = Stopwatch()
        samples: dict[str, list[float]] = defaultdict(list)
        bot_samples: dict[str, list[float]] = defaultdict(list)
        try:
            async with simcord.run(bot) as env:
                guild = env.create_guild("Load test")
                channel = guild.create_text_channel("general")
                members = [guild.add_member(env.create_user(f"m{i}")) for i in range(args.members)]
                world = World(env, channel, members, watch)
                # Warm up as a server that has been running a while: every command has been used.
                await world.wave(-2)
                await world.wave(-1)
                if args.freeze:
                    settle_heap()
                GC_PAUSES.measuring = True
                for number in range(args.waves):
                    for interaction_id, kind in await world.wave(number):
                        samples[kind].append(watch.elapsed(interaction_id) or 0.0)
                        bot_samples[kind].append(watch.bot_time(interaction_id))
                GC_PAUSES.measuring = False
        finally:
            await bot.db.close()  # else its thread keeps the process alive after an error
    return samples, bot_samples


class GcPauses:
    """The garbage collector's full (generation 2) collections while measuring."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self.measuring = False
        self._started = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2 or not self.measuring:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)

    def summary(self) -> str:
        if not self.pauses:
            return "no full garbage collection while measuring"
        return (
            f"{len(self.pauses)} full garbage collections while measuring, "
            f"{max(self.pauses) * 1000:.0f} ms at most (they set the slowest waves)"
        )


GC_PAUSES = GcPauses()


def settle_heap() -> None:
    """What ``python -m bot`` does once it is ready (bot.runner): collect, then freeze."""
    gc.collect()
    gc.freeze()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(title: str, samples: Samples) -> None:
    print(title)
    print(f"{'command':<28}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    names = {
        "statement": "/statement read",
        "call": "/call",
        "tap": "outcome tap",
        "near": "/groups near",
        "subscribe": "/reminders (un)subscribe",
    }
    every = [s for kind in KINDS for s in samples[kind]]
    for label, values in [*((names[k], samples[k]) for k in KINDS), ("all", every)]:
        if not values:
            continue
        print(
            f"{label:<28}{len(values):>6}{statistics.median(values) * 1000:>10.1f}"
            f"{percentile(values, 0.99) * 1000:>10.1f}{max(values) * 1000:>10.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waves", type=int, default=10)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument(
        "--no-freeze",
        dest="freeze",
        action="store_false",
        help="don't freeze the heap after warming up (as bot.runner does once ready)",
    )
    args = parser.parse_args()
    measured, bot_only = asyncio.run(run(args))
    report("As measured (SimCord's simulated Discord runs in the same process):", measured)
    report("\nThe bot's own (less the time SimCord spent routing responses meanwhile):", bot_only)
    print(f"\n{GC_PAUSES.summary()}")


if __name__ == "__main__":
    main()
