"""Background workers' pause after storage trouble: 5 s, doubling to 60 s, told once a kind.

A worker (the reminder dispatcher, the DM fan-out) that meets a
:class:`~bot.core.storage_health.StorageError` asks :meth:`StorageBackoff.failed` how long to
wait before trying again, and says :meth:`StorageBackoff.succeeded` once its work goes
through. The log hears one line (no traceback) when a kind of trouble starts holding the
worker back and one when it resumes, not a line at every retry.
"""

from __future__ import annotations

import logging

from bot.core.storage_health import StorageError, Trouble

log = logging.getLogger(__name__)

FIRST_PAUSE = 5.0
MOST_PAUSE = 60.0


class StorageBackoff:
    """The pause before a worker's next try; see the module docstring."""

    def __init__(self, what: str, *, first: float = FIRST_PAUSE, most: float = MOST_PAUSE):
        self.what = what
        self.first = first
        self.most = most
        self.pause = 0.0  # the last pause given; 0 while all is well
        self._told: set[Trouble] = set()

    def failed(self, error: StorageError) -> float:
        """The seconds to wait before trying again after ``error``."""
        self.pause = self.first if self.pause == 0 else min(self.pause * 2, self.most)
        if error.trouble not in self._told:
            self._told.add(error.trouble)
            log.warning(
                "%s waits for the database (%s); trying again in %.0f s, then less often "
                "(up to every %.0f s)",
                self.what,
                error,
                self.pause,
                self.most,
            )
        return self.pause

    def succeeded(self) -> None:
        if self.pause == 0:
            return
        self.pause = 0.0
        self._told.clear()
        log.warning("%s resumed: the database answers again", self.what)
