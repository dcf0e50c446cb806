"""Download Bill Status files: conditional GETs over one aiohttp session, capped and timed out.

``BILLSTATUS_URL`` sets the base (default :data:`DEFAULT_URL`, no key needed); ``off`` turns
downloads off. A file's address is ``{base}/{congress}/{type}/BILLSTATUS-{congress}{type}
{number}.xml`` with the type in lower case. :meth:`BillStatusFetcher.fetch` never raises for
a network or HTTP problem: it returns a :class:`Download` whose status says what happened
(a 404 is ``NOT_FOUND``, distinct from a failure), and checking the body is left to
:mod:`.parse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType

import aiohttp

from bot.campaigns.record.model import BillId
from bot.campaigns.record.parse import MAX_FILE_BYTES
from bot.core.config import Settings
from bot.core.limits import clip

DEFAULT_URL = "https://www.govinfo.gov/bulkdata/BILLSTATUS"
TIMEOUT_SECONDS = 30.0
USER_AGENT = "hk-advocacy-bot (Bill Status for tracked bills)"


def billstatus_base(settings: Settings) -> str | None:
    """The base address, or None when ``BILLSTATUS_URL=off``."""
    url = (settings.billstatus_url or "").strip()
    if url.casefold() == "off":
        return None
    return (url or DEFAULT_URL).rstrip("/")


def bill_url(base: str, bill: BillId) -> str:
    return f"{base.rstrip('/')}/{bill.congress}/{bill.type}/BILLSTATUS-{bill.key}.xml"


class FetchStatus(StrEnum):
    OK = "ok"  # a body to parse
    NOT_MODIFIED = "not_modified"  # 304: the stored copy is still current
    NOT_FOUND = "not_found"  # 404: the record has no such bill
    FAILED = "failed"  # anything else: network, timeout, HTTP error, too big, cut short, HTML


@dataclass(frozen=True, slots=True)
class Download:
    status: FetchStatus
    url: str
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # one line saying what went wrong (None for OK/NOT_MODIFIED)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return clip(f"{type(exc).__name__}: {text}" if text else type(exc).__name__, 300)


class BillStatusFetcher:
    """Downloads records from one base address; use ``async with`` or call :meth:`close`."""

    def __init__(
        self,
        base: str = DEFAULT_URL,
        *,
        timeout: float = TIMEOUT_SECONDS,
        max_bytes: int = MAX_FILE_BYTES,
    ) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> BillStatusFetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    def url(self, bill: BillId) -> str:
        return bill_url(self.base, bill)

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                headers={"User-Agent": USER_AGENT},
            )
        return self._session

    async def fetch(
        self, bill: BillId, *, etag: str | None = None, last_modified: str | None = None
    ) -> Download:
        """GET the bill's file, conditionally when ``etag``/``last_modified`` are given."""
        url = self.url(bill)
        headers = {"Accept": "application/xml, text/xml;q=0.9, */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with self._get_session().get(url, headers=headers) as resp:
                return await self._read(resp, url, conditional=bool(etag or last_modified))
        except TimeoutError:
            error = f"no complete answer within {self.timeout:g} seconds"
        except aiohttp.ClientPayloadError as exc:
            error = f"the download was cut short ({_describe(exc)})"
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            error = _describe(exc)
        return Download(FetchStatus.FAILED, url, error=error)

    async def _read(self, resp: aiohttp.ClientResponse, url: str, *, conditional: bool) -> Download:
        def failed(error: str) -> Download:
            return Download(FetchStatus.FAILED, url, error=error)

        if resp.status == 304:
            if not conditional:
                return failed("HTTP 304 Not Modified, to a request that had nothing to compare")
            return Download(FetchStatus.NOT_MODIFIED, url)
        if resp.status == 404:
            return Download(
                FetchStatus.NOT_FOUND, url, error="HTTP 404: the record has no such bill"
            )
        if resp.status != 200:
            return failed(f"HTTP {resp.status} {resp.reason or ''}".strip())
        if "html" in resp.headers.get("Content-Type", "").lower():
            return failed("the server sent a web page (text/html), not Bill Status XML")
        too_big = f"the file is larger than the limit of {self.max_bytes:,} bytes"
        if resp.content_length is not None and resp.content_length > self.max_bytes:
            return failed(too_big)
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(1 << 16):
            size += len(chunk)
            if size > self.max_bytes:
                return failed(too_big)
            chunks.append(chunk)
        return Download(
            FetchStatus.OK,
            url,
            b"".join(chunks),
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
        )
