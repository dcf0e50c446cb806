"""Logs: one line per event, the server id where there is one, never the token."""

from __future__ import annotations

import asyncio
import io
import json
import logging

import pytest

from bot.ops.logs import current_guild, setup_logging, with_guild_context
from tests.ops.conftest import TOKEN


@pytest.fixture
def restore_root():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        root.removeHandler(h)
    for h in handlers:
        root.addHandler(h)
    root.setLevel(level)


def _log_some(log: logging.Logger) -> None:
    log.info("plain")
    log.warning("for a server", extra={"guild_id": 1100000000000000001})
    token = current_guild.set(1100000000000000002)
    try:
        log.info("inside an interaction, token %s", TOKEN)
    finally:
        current_guild.reset(token)
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        log.exception("it failed")


def test_json_is_one_object_per_line_with_the_server_id(restore_root):
    out = io.StringIO()
    setup_logging("INFO", "json", secrets=(TOKEN,), stream=out)
    _log_some(logging.getLogger("bot.test"))
    lines = out.getvalue().splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) == 4
    assert [e.get("guild_id") for e in events] == [
        None,
        "1100000000000000001",
        "1100000000000000002",
        None,
    ]
    assert events[1]["level"] == "WARNING" and events[1]["logger"] == "bot.test"
    assert "Traceback" in events[3]["error"] and "ValueError: bad" in events[3]["error"]
    assert TOKEN not in out.getvalue() and "[token hidden]" in events[2]["message"]


def test_text_keeps_each_event_on_one_line(restore_root):
    out = io.StringIO()
    setup_logging("INFO", "text", secrets=(TOKEN,), stream=out)
    _log_some(logging.getLogger("bot.test"))
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert "WARNING bot.test [guild=1100000000000000001]: for a server" in lines[1]
    assert lines[3].count("Traceback") == 1 and "\\n" in lines[3]
    assert TOKEN not in out.getvalue()


async def test_work_started_by_an_event_carries_its_server_id():
    seen: list[int | None] = []

    async def later() -> None:
        await asyncio.sleep(0)
        seen.append(current_guild.get())

    tasks: list[asyncio.Task[None]] = []
    parse = with_guild_context(lambda data: tasks.append(asyncio.create_task(later())))
    parse({"guild_id": "42"})
    parse({"id": "dm, no server"})
    await asyncio.gather(*tasks)
    assert seen == [42, None] and current_guild.get() is None
