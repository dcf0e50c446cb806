"""Pacing the reminders' requests to Discord: the global limit kept ahead of time, posts first.

Discord allows a bot 50 requests per second in all (the global limit), and each route its
own bucket. discord.py's HTTP client (``discord/http.py``, 2.7) handles the buckets and the
429s:

- per-route buckets: it learns each route's bucket from the ``X-RateLimit-*`` headers and,
  when a bucket has no request left, makes the next one wait until it resets, before
  sending (a route's own limit is kept ahead of time; a bucket not yet seen lets one
  request through at a time until its headers come back);
- a 429: it waits the ``retry_after`` of the answer and tries again (up to 5 tries, or
  raises ``RateLimited`` past ``max_ratelimit_timeout`` if one is set); a global 429 also
  holds every new request until that time is over; 500/502/504/524 are retried too.

It does not keep the global 50 per second ahead of time: it only reacts to the 429 once the
limit was passed, and the requests already in flight each get their own 429. That part is
ours. The :class:`Pacer` lets at most ``limit`` requests (48 by default, a margin under 50)
start in any ``window`` of one second, and keeps ``reserve`` of them (2) for posts: DMs
take at most 46 in any second, so a post that falls due during the largest fan-out finds
a slot at once, and a waiting post goes before DMs (:class:`Lane`). A transport that sees a
429 all the same (the benchmark's stand-in; discord.py retries its own) can
:meth:`Pacer.hold` every slot for its ``retry_after``. Fairness across servers is the
outbox's order (:mod:`bot.reminders.fanout`), not the pacer's. The bot's other requests
are not paced here (interaction answers, most of them, are exempt from the global limit).

Time comes from the bot's clock, so SimCord's simulated clock and the tests' virtual clock
drive it as they drive the dispatcher.
"""

from __future__ import annotations

from collections import deque
from enum import IntEnum

from bot.core.clock import Clock

LIMIT = 48  # requests in any window (Discord's global limit is 50 per second)
WINDOW = 1.0
RESERVE = 2  # of those, kept for posts: DMs take at most LIMIT - RESERVE


class Lane(IntEnum):
    """Who waits for a slot; a lower value goes first."""

    POST = 0  # a due post, and what decides it (looking for an earlier post)
    DM = 1  # the outbox's DMs and their checks


class Pacer:
    """Hands out request slots: see the module docstring.

    A request that finds no free slot sleeps (on the clock) until the earliest moment one
    frees up, then looks again; a DM also steps aside while a post waits. No queue of
    futures: only the few requests in flight wait here (posts and DMs each go out from a
    handful of lanes), and a sleep is all they wait on.
    """

    def __init__(
        self, clock: Clock, *, limit: int = LIMIT, window: float = WINDOW, reserve: int = RESERVE
    ) -> None:
        self._clock = clock
        self._limit = limit
        self._window = window
        self._reserve = reserve
        self._grants: deque[float] = deque()  # when the last ``limit`` slots were handed out
        self._posts_waiting = 0
        self._held_until = 0.0
        self.granted = {Lane.POST: 0, Lane.DM: 0}

    async def acquire(self, lane: Lane) -> None:
        """Wait for a slot to make one request in ``lane``."""
        waiting = False
        try:
            while True:
                now = self._clock.timestamp()
                wait = self._wait(lane, now)
                if wait <= 0:
                    self._grants.append(now)
                    self.granted[lane] += 1
                    return
                if lane is Lane.POST and not waiting:
                    waiting = True
                    self._posts_waiting += 1
                await self._clock.sleep(wait)
        finally:
            if waiting:
                self._posts_waiting -= 1

    def hold(self, seconds: float) -> None:
        """Discord answered 429 all the same: hand out nothing for ``seconds``."""
        self._held_until = max(self._held_until, self._clock.timestamp() + seconds)

    def _wait(self, lane: Lane, now: float) -> float:
        """Seconds until ``lane`` may have a slot (0 when now)."""
        grants = self._grants
        if grants and now < grants[-1]:
            grants.clear()  # the wall clock went back: start the window afresh
        while grants and grants[0] <= now - self._window:
            grants.popleft()
        wait = max(0.0, self._held_until - now)
        room = self._limit if lane is Lane.POST else self._limit - self._reserve
        if len(grants) >= room:
            wait = max(wait, grants[len(grants) - room] + self._window - now)
        if lane is Lane.DM and self._posts_waiting:
            wait = max(wait, self._window / self._limit)  # let the post go first
        return wait
