"""Storage trouble: what members are told, what organizers hear once (busy, read-only, full…).

SQLite's errors are sorted here into a few kinds of trouble (:class:`Trouble`). An operation
that meets one raises a :class:`StorageError` — a :class:`~bot.core.errors.UserError`, so the
member who caused it gets a short private message, and nothing was changed. The database's
:class:`StorageHealth` remembers which troubles are going on and calls its listeners when
one starts (at most once per ``repeat_after`` seconds per kind) and when it clears, so the
wiring can tell organizers and the log without flooding either.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import sqlite3
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.enums import CatalogEnum
from bot.core.errors import UserError
from bot.core.sqlite_file import FileIdentity

log = logging.getLogger(__name__)

REPEAT_AFTER = 6 * 3600.0  # a trouble that clears and comes back is told again after this


class Trouble(CatalogEnum, key_prefix="storage.trouble"):
    """A kind of storage trouble; its label is what organizers read when it starts."""

    BUSY = "busy"  # another connection or process holds the write lock
    READ_ONLY = "read_only"  # the file or its folder can't be written
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    IO = "io"  # the disk or file system failed a read or write
    FILE_LOST = "file_lost"  # the file at the configured path is not the one open

    @property
    def advice_key(self) -> str:
        """What organizers can do about it (told with the label when it starts)."""
        return f"storage.advice.{self.value}"


# What members are told for each kind (the busy kind: try again; the others: not now).
_MEMBER_KEYS = {Trouble.BUSY: "storage.member.busy"}
_CLEARS_ON_WRITE = frozenset({Trouble.BUSY, Trouble.READ_ONLY, Trouble.DISK_FULL, Trouble.IO})


class StorageError(UserError):
    """The database could not do what was asked; nothing was changed."""

    def __init__(self, trouble: Trouble, detail: str = "") -> None:
        super().__init__(_MEMBER_KEYS.get(trouble, "storage.member.unavailable"))
        self.trouble = trouble
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.trouble.value}: {self.detail}" if self.detail else self.trouble.value


class UnstorableText(UserError):
    """Text holding characters SQLite cannot store (a lone UTF-16 surrogate)."""

    def __init__(self) -> None:
        super().__init__("storage.member.unstorable_text")


# SQLite's primary result codes (the low byte of an extended code).
_BY_CODE = {
    5: Trouble.BUSY,  # SQLITE_BUSY
    6: Trouble.BUSY,  # SQLITE_LOCKED
    8: Trouble.READ_ONLY,  # SQLITE_READONLY
    10: Trouble.IO,  # SQLITE_IOERR
    11: Trouble.CORRUPT,  # SQLITE_CORRUPT
    13: Trouble.DISK_FULL,  # SQLITE_FULL
    14: Trouble.IO,  # SQLITE_CANTOPEN
    26: Trouble.CORRUPT,  # SQLITE_NOTADB
}


def classify(error: BaseException) -> Trouble | None:
    """The kind of storage trouble an exception shows, or None (a bug, a constraint…)."""
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _BY_CODE.get(code & 0xFF)
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return Trouble.BUSY
    if "readonly" in text or "read-only" in text:
        return Trouble.READ_ONLY
    if "disk is full" in text or "database or disk is full" in text:
        return Trouble.DISK_FULL
    if "malformed" in text or "not a database" in text:
        return Trouble.CORRUPT
    return None


@dataclass(frozen=True, slots=True)
class Notice:
    """A change organizers should hear about: ``trouble`` started (``cleared`` False) or ended."""

    trouble: Trouble
    cleared: bool
    detail: str = ""


Listener = Callable[[Notice], Awaitable[None]]


class StorageHealth:
    """Which storage troubles are going on; tells listeners when one starts or clears."""

    def __init__(
        self,
        *,
        repeat_after: float = REPEAT_AFTER,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.repeat_after = repeat_after
        self._monotonic = monotonic
        self._active: dict[Trouble, str] = {}
        self._told: dict[Trouble, float] = {}  # when listeners last heard it start
        self._announced: set[Trouble] = set()  # active and told: its end will be told too
        self._listeners: list[Callable[[], Listener | None]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def active(self) -> frozenset[Trouble]:
        return frozenset(self._active)

    def listen(self, listener: Listener) -> None:
        """Call ``listener`` with each notice; a bound method is held weakly (no cycle
        between the database and the bot that listens, so neither outlives its use)."""
        if inspect.ismethod(listener):
            self._listeners.append(weakref.WeakMethod(listener))
        else:
            self._listeners.append(lambda: listener)

    def trouble(self, trouble: Trouble, detail: str = "") -> None:
        """``trouble`` happened (again); listeners hear it if it is new and not told lately."""
        if trouble in self._active:
            return
        self._active[trouble] = detail
        now = self._monotonic()
        told = self._told.get(trouble)
        if told is not None and now - told < self.repeat_after:
            log.warning("storage trouble again (%s): %s", trouble.value, detail)
            return
        self._told[trouble] = now
        self._announced.add(trouble)
        log.error("storage trouble (%s): %s", trouble.value, detail)
        self._emit(Notice(trouble, cleared=False, detail=detail))

    def write_succeeded(self) -> None:
        """A write went through: the troubles a write would have met are over."""
        for trouble in [t for t in self._active if t in _CLEARS_ON_WRITE]:
            self.clear(trouble)

    def clear(self, trouble: Trouble) -> None:
        if self._active.pop(trouble, None) is None:
            return
        log.warning("storage trouble cleared (%s)", trouble.value)
        if trouble in self._announced:
            self._announced.discard(trouble)
            self._emit(Notice(trouble, cleared=True))

    def _emit(self, notice: Notice) -> None:
        if not self._listeners:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for ref in self._listeners:
            listener = ref()
            if listener is None:
                continue
            task = loop.create_task(self._tell(listener, notice))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _tell(self, listener: Listener, notice: Notice) -> None:
        try:
            await listener(notice)
        except Exception:
            log.exception("could not tell organizers about storage trouble %s", notice.trouble)

    async def drain(self) -> None:
        """Wait until every listener has heard what was emitted so far (for shutdown, tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


class StorageGuard:
    """One database's troubles: SQLite's errors made into refusals, and a lost file noticed.

    It knows which file was opened (:attr:`identity`); once the path names no file, or
    another one, :attr:`lost` says so and every later write is refused up front.
    """

    def __init__(self, path: object) -> None:
        self.path = path
        self.health = StorageHealth()
        self.identity: FileIdentity | None = None
        self.lost: str | None = None

    def reset(self) -> None:
        self.identity = None
        self.lost = None

    def storage_error(self, exc: Exception) -> Exception:
        """What to raise for ``exc``: a member's refusal, a reported trouble, or ``exc``."""
        if isinstance(exc, UnicodeEncodeError):  # a lone surrogate in a bound text
            return UnstorableText()
        if isinstance(exc, StorageError):
            self.report(exc.trouble, exc.detail)
            return exc
        trouble = classify(exc)
        if trouble is None:
            return exc
        detail = str(exc)
        if trouble is not Trouble.BUSY and (problem := self.file_problem()):
            trouble, detail = Trouble.FILE_LOST, problem  # SQLite saw it first
        self.report(trouble, detail)
        return StorageError(trouble, detail)

    def file_problem(self) -> str | None:
        """``"<path> was deleted"`` (or replaced) when the path no longer names our file."""
        problem = self.identity.problem() if self.identity is not None else None
        return f"{self.path} was {problem}" if problem else None

    def confirm(self) -> None:
        """Just before a commit: refuse it if the file at the path is not ours any more."""
        if problem := self.file_problem():
            raise StorageError(Trouble.FILE_LOST, problem)

    def look_for_loss(self) -> None:
        if not self.lost and (problem := self.file_problem()):
            self.report(Trouble.FILE_LOST, problem)

    def refuse_if_lost(self) -> None:
        if self.lost:
            raise StorageError(Trouble.FILE_LOST, self.lost)

    def report(self, trouble: Trouble, detail: str) -> None:
        if trouble is Trouble.FILE_LOST:
            self.lost = self.lost or detail or f"{self.path} was lost"
        self.health.trouble(trouble, detail)
