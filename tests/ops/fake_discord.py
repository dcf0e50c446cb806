"""A tiny Discord on 127.0.0.1 (HTTP and gateway), so `python -m bot` can run for real, offline.

It answers what the bot needs to log in, sync its commands, see one server with one
channel, and post there. A post can be held (``hold_posts``) so a test can stop the bot
while a delivery is in flight. Tests point a bot subprocess at it with :func:`site_dir`:
a ``sitecustomize`` that swaps discord.py's API and gateway addresses for this server's.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

APP_ID = "1012345678901234567"
GUILD_ID = "1100000000000000001"
CHANNEL_ID = "1100000000000000002"
OWNER_ID = "1100000000000000003"
BOT_USER = {
    "id": APP_ID,
    "username": "hkbot",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
}
_SITECUSTOMIZE = """
import os, yarl
import discord.gateway, discord.http
_url = os.environ["FAKE_DISCORD_URL"]
discord.http.Route.BASE = _url + "/api/v10"
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(_url.replace("http", "ws") + "/gw")
"""


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py reads a body as JSON only when the type is exactly application/json.
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, content_type="application/json")


def site_dir(folder: Path) -> Path:
    """A folder to put on PYTHONPATH of the bot subprocess (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    return folder


def _guild() -> dict[str, Any]:
    everyone = {
        "id": GUILD_ID,
        "name": "@everyone",
        "permissions": str((1 << 10) | (1 << 11) | (1 << 14) | (1 << 16)),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {
        "id": GUILD_ID,
        "name": "Fake server",
        "icon": None,
        "owner_id": OWNER_ID,
        "roles": [everyone],
        "channels": [
            {
                "id": CHANNEL_ID,
                "type": 0,
                "name": "call-to-action",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            }
        ],
        "members": [
            {
                "user": BOT_USER,
                "roles": [],
                "joined_at": "2024-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        ],
        "member_count": 2,
        "emojis": [],
        "stickers": [],
        "features": [],
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "unavailable": False,
        "large": False,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "joined_at": "2024-01-01T00:00:00+00:00",
    }


class FakeDiscord:
    """Run with ``async with FakeDiscord() as fake:``; ``fake.url`` is its address."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []  # every message the bot posted (finished)
        self.post_started = asyncio.Event()
        self.hold_posts = 0.0  # seconds each post takes to answer
        self.unknown: list[str] = []
        self._release = asyncio.Event()  # set on exit: held posts stop waiting
        self._ids = itertools.count(1_200_000_000_000_000_000)
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gw", self._gateway)
        app.router.add_get("/gw/", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._api)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _api(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        method = request.method
        if method == "GET" and path == "/users/@me":
            return _json(BOT_USER)
        if method == "GET" and path == "/oauth2/applications/@me":
            return _json(
                {
                    "id": APP_ID,
                    "name": "hkbot",
                    "icon": None,
                    "description": "",
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": {**BOT_USER, "id": OWNER_ID, "bot": False},
                    "verify_key": "0" * 64,
                    "flags": 0,
                    "summary": "",
                }
            )
        if method == "PUT" and path.startswith(f"/applications/{APP_ID}/"):
            return _json(
                [
                    {
                        "id": str(next(self._ids)),
                        "application_id": APP_ID,
                        "version": "1",
                        "default_member_permissions": None,
                        "nsfw": False,
                        **command,
                    }
                    for command in await request.json()
                ]
            )
        if method == "GET" and path == f"/channels/{CHANNEL_ID}/messages":
            return _json([])
        if method == "POST" and path == f"/channels/{CHANNEL_ID}/messages":
            return await self._post(request)
        self.unknown.append(f"{method} {path}")
        return _json({"message": "Unknown", "code": 0}, status=404)

    async def _post(self, request: web.Request) -> web.Response:
        if request.content_type == "multipart/form-data":
            form = await request.post()
            body = json.loads(str(form["payload_json"]))
        else:
            body = await request.json()
        self.post_started.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._release.wait(), self.hold_posts)
        if request.transport is None or request.transport.is_closing():
            return _json({}, status=499)  # the bot is gone: nothing was posted
        message = {
            "id": str(next(self._ids)),
            "channel_id": CHANNEL_ID,
            "guild_id": GUILD_ID,
            "author": BOT_USER,
            "content": body.get("content", ""),
            "timestamp": "2026-01-01T00:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "components": [],
            "nonce": body.get("nonce"),
        }
        self.posts.append(message)
        return _json(message)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        seq = itertools.count(1)
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if data.get("op") == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif data.get("op") == 2:
                ready = {
                    "v": 10,
                    "user": BOT_USER,
                    "guilds": [{"id": GUILD_ID, "unavailable": True}],
                    "session_id": "fake-session",
                    "resume_gateway_url": self.url.replace("http", "ws") + "/gw",
                    "application": {"id": APP_ID, "flags": 0},
                }
                for event, payload in (("READY", ready), ("GUILD_CREATE", _guild())):
                    frame = {"op": 0, "t": event, "s": next(seq), "d": payload}
                    await ws.send_str(json.dumps(frame))
        return ws
