"""Logging for a server: one line per event, the server id where there is one, no token.

``LOG_FORMAT=text`` (the default) writes ``time level logger [guild=id]: message``;
``LOG_FORMAT=json`` writes one JSON object per line for log collectors. A traceback stays
on its event's line (escaped in text, a field in JSON). The server id comes from a
``guild_id`` given with ``extra=`` or from :data:`current_guild`, which the bot sets for
the work each interaction starts. The bot token, when given, is masked in every line.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

current_guild: ContextVar[int | None] = ContextVar("current_guild", default=None)
MASK = "[token hidden]"


def _guild(record: logging.LogRecord) -> int | None:
    given = getattr(record, "guild_id", None)
    return given if given is not None else current_guild.get()


class _Base(logging.Formatter):
    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def _mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def _error(self, record: logging.LogRecord) -> str | None:
        if record.exc_info and record.exc_info[1] is not None:
            return self.formatException(record.exc_info)
        return record.exc_text or None


class TextFormatter(_Base):
    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        guild = _guild(record)
        where = f" [guild={guild}]" if guild is not None else ""
        line = f"{when}Z {record.levelname} {record.name}{where}: {record.getMessage()}"
        error = self._error(record)
        if error:
            line += " | " + error
        return self._mask(line).replace("\r", "").replace("\n", "\\n")


class JsonFormatter(_Base):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        guild = _guild(record)
        if guild is not None:
            event["guild_id"] = str(guild)  # a snowflake: as text, so no collector rounds it
        error = self._error(record)
        if error:
            event["error"] = error
        return self._mask(json.dumps(event, ensure_ascii=False, default=str))


def setup_logging(
    level: str = "INFO",
    fmt: str = "text",
    *,
    secrets: tuple[str | None, ...] = (),
    stream: TextIO | None = None,
) -> logging.Handler:
    """Send every log record to ``stream`` (stderr) in ``fmt``; returns the handler."""
    kept = tuple(s for s in secrets if s)
    formatter = JsonFormatter(kept) if fmt == "json" else TextFormatter(kept)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return handler


def with_guild_context(parse: Any) -> Any:
    """Wrap a gateway event parser so the work it starts logs the event's server id."""

    def parse_in_guild(data: dict[str, Any]) -> Any:
        raw = data.get("guild_id") if isinstance(data, dict) else None
        token = current_guild.set(int(raw) if raw else None)
        try:
            return parse(data)
        finally:
            current_guild.reset(token)

    return parse_in_guild
