"""Keep the members of Congress current: download at start, then weekly, when online.

A failed or malformed download is noted (``/reps status`` shows it) and the last good copy
stays; nothing here ever stops the bot. A good file with a few malformed optional fields is
stored without them, and each dropped field is logged with the member's name and id. The
download itself is a plain function (:data:`Fetcher`) so tests pass their own and never
touch the network. Downloads run only when the bot connects to Discord with a token (never
in the demo or tests) and ``LEGISLATORS_URL`` is not ``off``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

import aiohttp

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.database import Database
from bot.core.limits import clip
from bot.reps.fields import log_dropped
from bot.reps.legislators import LegislatorsError, parse_legislators
from bot.reps.storage import get_status, record_check, replace_legislators

log = logging.getLogger(__name__)

DEFAULT_URL = "https://unitedstates.github.io/congress-legislators/legislators-current.json"
REFRESH_SECONDS = 7 * 24 * 3600
MIN_DOWNLOAD_MEMBERS = 400  # a download with fewer members is treated as broken
MAX_BYTES = 32 * 1024 * 1024  # the real file is a few megabytes
TIMEOUT_SECONDS = 60

Fetcher = Callable[[str], Awaitable[bytes]]


def legislators_url(settings: Settings) -> str | None:
    """Where to download from, or None when ``LEGISLATORS_URL=off``."""
    url = (settings.legislators_url or "").strip()
    if url.casefold() == "off":
        return None
    return url or DEFAULT_URL


def auto_fetch_enabled(settings: Settings) -> bool:
    """Download only in a real run (a token is set), never in the demo or tests."""
    return settings.token is not None and legislators_url(settings) is not None


async def http_fetch(url: str) -> bytes:
    """GET ``url`` with aiohttp (discord.py's own HTTP library); raise on any failure."""
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as resp:
        resp.raise_for_status()
        chunks, size = [], 0
        async for chunk in resp.content.iter_chunked(1 << 16):
            size += len(chunk)
            if size > MAX_BYTES:
                raise ValueError(f"the response is larger than {MAX_BYTES // 2**20} MB")
            chunks.append(chunk)
        return b"".join(chunks)


@dataclass(frozen=True, slots=True)
class RefreshResult:
    outcome: str  # "updated", "unchanged" or "failed"
    members: int = 0
    error: str | None = None
    dropped: int = 0  # malformed optional fields left out of an updated copy


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return clip(f"{type(exc).__name__}: {text}" if text else type(exc).__name__, 300)


async def refresh(
    db: Database,
    clock: Clock,
    url: str,
    *,
    known_states: Collection[str] | None = None,
    fetch: Fetcher = http_fetch,
    min_members: int = MIN_DOWNLOAD_MEMBERS,
) -> RefreshResult:
    """Download, validate, and replace the stored copy only if the new one is good."""
    try:
        data = await fetch(url)
        parsed = parse_legislators(
            data, source=url, known_states=known_states, min_members=min_members
        )
    except LegislatorsError as exc:
        error = clip(str(exc), 300)
    except Exception as exc:  # network, HTTP status, size: all kept out of the bot's way
        error = _describe(exc)
    else:
        status = await get_status(db)
        now = clock.now().isoformat()
        if status.sha256 == parsed.sha256 and status.members == len(parsed.members):
            await record_check(db, now, None)
            return RefreshResult("unchanged", len(parsed.members))
        await replace_legislators(
            db,
            parsed.members,
            source=url,
            sha256=parsed.sha256,
            now_iso=now,
            dropped=parsed.dropped,
        )
        log_dropped(parsed.dropped, url)
        log.info(
            "loaded %d members of Congress from %s (%d malformed fields dropped)",
            len(parsed.members),
            url,
            len(parsed.dropped),
        )
        return RefreshResult("updated", len(parsed.members), dropped=len(parsed.dropped))
    log.warning("keeping the stored members of Congress: download failed: %s", error)
    await record_check(db, clock.now().isoformat(), error)
    return RefreshResult("failed", error=error)


async def refresh_forever(
    db: Database,
    clock: Clock,
    url: str,
    *,
    known_states: Collection[str] | None = None,
    fetch: Fetcher = http_fetch,
    interval: float = REFRESH_SECONDS,
) -> None:
    """Refresh now, then every ``interval`` seconds, until cancelled; never raises."""
    while True:
        try:
            await refresh(db, clock, url, known_states=known_states, fetch=fetch)
        except asyncio.CancelledError:
            raise
        except Exception:  # e.g. the database is closing; try again next time
            log.exception("refreshing the members of Congress failed")
        await clock.sleep(interval)
