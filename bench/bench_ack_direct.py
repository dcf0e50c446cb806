"""Acknowledgement time without the simulator: the same waves, the bot on a plain event loop.

Run:  python bench/bench_ack_direct.py [--waves 10] [--members 100] [--pending 100000]
                                       [--spread-ms 0] [--latency-ms 0] [--only KIND]

``bench_ack.py`` runs the bot inside SimCord, which hooks the bot's event loop (every
callback and task is tracked for its simulated clock) and answers each request in the same
process: that work is in every figure it prints. Here SimCord only *records*: it builds the
server, the 100 members and the 100,000 pending reminders, runs two warm-up waves and
``--waves`` waves exactly as ``bench_ack.py`` does, and keeps what the bot received (the
READY and GUILD_CREATE events, each wave's INTERACTION_CREATE payloads as JSON text) and
one answer per kind of request it made. Then a fresh interpreter that never imports SimCord
*replays* it: the real bot (``create_bot``, its cogs, discord.py's gateway parsers, command
tree and HTTP client code) on a plain asyncio loop, against a copy of the database taken
before the warm-up, with only the network replaced: each request is answered with the
recorded answer for its route, after ``--latency-ms``.

Each wave: every payload arrives at the same instant (a burst, always measured) or, with
``--spread-ms``, the members' interactions arrive evenly over that many milliseconds; each
is decoded (``json.loads``, as the gateway does) and handed to discord.py's
INTERACTION_CREATE parser. Measured: from its arrival (for a burst, the burst's start: the
last one waits for the 99 before it) to the start of the bot's first response request (the
interaction callback). The two warm-up
waves are replayed unmeasured, then the heap is frozen as ``python -m bot`` does.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CALLBACK = re.compile(r"^/interactions/(\d+)/[^/]+/callback")
_TOKEN = re.compile(r"^(/(?:interactions|webhooks)/)\{id\}/[^/]+")


def route_key(method: str, path: str) -> str:
    """``POST /interactions/{id}/{token}/callback``: a request's route, ids left out."""
    path = path.split("?", 1)[0]
    path = re.sub(r"/\d+(?=/|$)", "/{id}", path)
    path = _TOKEN.sub(r"\1{id}/{token}", path)
    return f"{method} {path}"


# --------------------------------------------------------------------- record (in SimCord)


def snapshot(source: Path, destination: Path) -> None:
    """A consistent copy of the bot's database as it stands (SQLite's online backup)."""
    with sqlite3.connect(source) as reading, sqlite3.connect(destination) as writing:
        reading.backup(writing)
    reading.close()
    writing.close()


async def record(args: argparse.Namespace, folder: Path) -> None:
    """Run bench_ack's waves in SimCord; keep what the bot received and its answers."""
    import bench_ack  # the SimCord benchmark: its world, waves and payloads
    import simcord
    from simcord.http import router

    from bot.app import create_bot
    from bot.core.config import Settings
    from bot.privacy.keys import DataKey

    path = folder / "bot.db"
    key = DataKey.generate()
    await bench_ack.fill_reminders(path, args.pending, key)
    bot = create_bot(Settings(token=None, database_path=path, data_key=key.text))
    events: dict[str, Any] = {}
    answers: dict[str, Any] = {}
    waves: list[dict[str, Any]] = []
    real_dispatch = router.dispatch

    def answering(backend: Any, method: str, path: str, **kwargs: Any) -> Any:
        answer = real_dispatch(backend, method, path, **kwargs)
        answers.setdefault(route_key(method, path), answer)
        return answer

    router.dispatch = answering
    parsers = bot._connection.parsers
    for name in ("READY", "GUILD_CREATE", "INTERACTION_CREATE"):

        def keep(payload: Any, _name: str = name, _real: Any = parsers[name]) -> Any:
            if _name == "INTERACTION_CREATE":
                waves[-1]["payloads"].append(json.dumps(payload))
            else:
                events[_name] = payload
            return _real(payload)

        parsers[name] = keep
    try:
        async with simcord.run(bot) as env:
            guild = env.create_guild("Load test")
            channel = guild.create_text_channel("general")
            members = [guild.add_member(env.create_user(f"m{i}")) for i in range(args.members)]
            await asyncio.to_thread(snapshot, path, folder / "start.db")
            world = bench_ack.World(env, channel, members, bench_ack.Stopwatch())
            for number in range(-2, args.waves):
                waves.append({"now": env.now().isoformat(), "payloads": [], "kinds": {}})
                done = await world.wave(number)
                waves[-1]["kinds"] = {str(interaction_id): kind for interaction_id, kind in done}
    finally:
        router.dispatch = real_dispatch
        await bot.db.close()
    recording = {"key": key.text, "events": events, "answers": answers, "waves": waves}
    (folder / "recording.json").write_text(json.dumps(recording))


# ------------------------------------------------------------------ replay (no SimCord)


async def replay(
    folder: Path, database: Path, spread: float, latency: float, only: str | None = None
) -> dict[str, list[float]]:
    """The recorded waves, replayed to the real bot on a plain loop; times by kind."""
    from datetime import datetime

    from discord.http import HTTPClient
    from discord.webhook.async_ import AsyncWebhookAdapter, async_context

    from bot.app import create_bot
    from bot.core.clock import Clock
    from bot.core.config import Settings

    recording = json.loads((folder / "recording.json").read_text())
    answers: dict[str, Any] = recording["answers"]
    first: dict[int, float] = {}
    answered = asyncio.Event()
    waiting: set[int] = set()
    bodies: list[Any] = []

    async def answer(method: str, path: str, body: Any = None) -> Any:
        found = _CALLBACK.match(path)
        if found:
            bodies.append(body)  # looked at after the wave: an error reply fails the run
            interaction_id = int(found.group(1))
            first.setdefault(interaction_id, time.perf_counter())
            waiting.discard(interaction_id)
            if not waiting:
                answered.set()
        if latency:
            await asyncio.sleep(latency)
        return answers.get(route_key(method, path))

    class Network(HTTPClient):
        """discord.py's HTTP client with only the network replaced by the recorded answers."""

        async def static_login(self, token: str) -> Any:
            self.token = token
            return recording["events"]["READY"]["user"]

        async def request(self, route: Any, **kwargs: Any) -> Any:
            path = route.path.format_map(route.__dict__)
            return await answer(route.method, path, kwargs.get("json"))

    class Webhooks(AsyncWebhookAdapter):
        async def request(self, route: Any, session: Any, **kwargs: Any) -> Any:
            url = route.url.split("/api/v10", 1)[-1]
            return await answer(route.method, url, kwargs.get("payload"))

    now = [datetime.fromisoformat(recording["waves"][0]["now"])]
    settings = Settings(token=None, database_path=database, data_key=recording["key"])
    bot = create_bot(settings, clock=Clock(lambda: now[0]))
    bot.http = bot._connection.http = Network(bot.loop)
    async_context.set(Webhooks())
    samples: dict[str, list[float]] = defaultdict(list)
    try:
        await bot.login("replay")
        state = bot._connection
        state.guild_ready_timeout = 0.0
        state.parsers["READY"](recording["events"]["READY"])
        state.parsers["GUILD_CREATE"](recording["events"]["GUILD_CREATE"])
        await asyncio.sleep(0.2)  # READY settles: listeners start the reminder workers
        parse = state.parsers["INTERACTION_CREATE"]
        for number, wave in enumerate(recording["waves"]):
            now[0] = datetime.fromisoformat(wave["now"])
            if number == 2:
                gc.collect()
                gc.freeze()  # as bot.runner does once ready
            sent: dict[int, float] = {}
            texts: list[str] = [
                text
                for text in wave["payloads"]
                if only is None or number < 2 or wave["kinds"][str(json.loads(text)["id"])] == only
            ]
            if not texts:
                continue
            waiting.update(int(json.loads(text)["id"]) for text in texts)
            answered.clear()
            start = time.perf_counter()
            for i, text in enumerate(texts):
                arrives = start  # a burst: every one arrives at the start
                if spread:
                    due = start + spread * i / len(texts)
                    await asyncio.sleep(max(0.0, due - time.perf_counter()))
                    arrives = time.perf_counter()  # when the loop got to it, as a frame would
                payload = json.loads(text)
                sent[int(payload["id"])] = arrives
                parse(payload)
            await asyncio.wait_for(answered.wait(), timeout=60)
            await asyncio.sleep(0.3)  # follow-ups and direct messages finish
            failed = [b for b in bodies if "went wrong" in json.dumps(b, default=str)]
            if failed:
                raise RuntimeError(f"{len(failed)} error replies, e.g. {failed[0]}")
            bodies.clear()
            if number >= 2:
                for interaction_id, handed in sent.items():
                    kind = wave["kinds"][str(interaction_id)]
                    samples[kind].append(first[interaction_id] - handed)
    finally:
        await bot.close()
    return samples


# ---------------------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waves", type=int, default=10)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--spread-ms", type=float, default=0.0)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument(
        "--only",
        choices=("call", "tap", "statement", "near", "subscribe"),
        help="replay only this command's interactions (members take turns: 1 in 5 of a wave)",
    )
    parser.add_argument("--replay", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replay:
        database = args.replay / "replayed.db"
        shutil.copy(args.replay / "start.db", database)
        spread, latency = args.spread_ms / 1000, args.latency_ms / 1000
        samples = asyncio.run(replay(args.replay, database, spread, latency, args.only))
        (args.replay / "samples.json").write_text(json.dumps(samples))
        return

    import bench_ack

    folder = Path(tempfile.mkdtemp(prefix="ack-direct-"))
    try:
        asyncio.run(record(args, folder))
        for spread in sorted({0.0, args.spread_ms}):
            command = [sys.executable, __file__, "--replay", str(folder)]
            command += ["--spread-ms", str(spread), "--latency-ms", str(args.latency_ms)]
            command += ["--only", args.only] if args.only else []
            subprocess.run(command, check=True)
            samples = json.loads((folder / "samples.json").read_text())
            how = "all at once" if not spread else f"spread over {spread:g} ms"
            count = args.members // 5 if args.only else args.members
            if args.only:
                how += f", {args.only} only (a fifth of the {args.members} members)"
            bench_ack.report(
                f"\nThe real bot on a plain event loop, {count} interactions per wave "
                f"{how}, answers after {args.latency_ms:g} ms:",
                defaultdict(list, samples),
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
