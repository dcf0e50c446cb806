"""Delivery: post due reminders exactly once, DM subscribers, handle late and missed ones.

For each due occurrence :class:`Deliverer`:

1. decides: within the reminder's grace window (late or not) it is sent; older ones are
   recorded 'missed' and the reminder jumps past them (never a burst of old posts);
2. records the occurrence as 'sending' with a nonce derived from (reminder, occurrence),
   in a transaction that also checks the reminder still waits on it;
3. posts through a :class:`Transport` with that nonce (discord.py sets ``enforce_nonce``
   whenever a nonce is given, so Discord drops a repeat it saw in the last minutes);
4. settles the row as 'sent' or 'failed' and moves the reminder to its next occurrence,
   in one transaction.

A crash between 2 and 4 leaves a 'sending' row; the next run retries it with the same
nonce, and first looks in the channel for a post of ours that no delivery recorded (after
downtime longer than Discord's nonce window, the nonce alone would not stop a repeat).
Failures (deleted channel, lost permission, HTTP error) are recorded, reported to the
server's log channel, and never stop the dispatcher.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import discord

from bot.core.clock import Clock
from bot.core.database import Database
from bot.core.guild_settings import get_guild_settings
from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.reminders import storage as store
from bot.reminders.planning import LATE_AFTER, bill_numbers, dm_text, post_text, rule_of
from bot.reminders.recurrence import next_after
from bot.reminders.storage import Reminder
from bot.reminders.timeparse import discord_time
from bot.reps.lookup import own_office_lines

log = logging.getLogger(__name__)

BATCH = 100
MISSED_RECORDED = 50  # at most this many missed rows per reminder per catch-up
DM_CONCURRENCY = 10
EARLIER_POST_SCAN = 50  # messages read on a retry to find a post made before a crash
POST_CONCURRENCY = 8
STALE_PREPARED = 5.0  # seconds after which claims made ahead are checked again


class DeliveryFailed(Exception):
    """A post could not be made; ``reason`` is a key under ``reminders.failure``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def code(self) -> str:
        return f"{self.reason}:{self.detail}" if self.detail else self.reason


@dataclass(frozen=True, slots=True)
class Occurrence:
    reminder: Reminder
    due: datetime
    late: bool
    nonce: str
    retry: bool = False  # an earlier attempt may have posted before the process died


class Transport(Protocol):
    """Where posts go: Discord in the bot, a recorder in the benchmark."""

    async def post(self, occ: Occurrence) -> int:
        """Post in the reminder's channel; the message id. Raises :class:`DeliveryFailed`."""
        ...

    async def direct_messages(self, occ: Occurrence) -> tuple[int, int]:
        """DM the campaign's subscribers; (sent, failed)."""
        ...

    async def report(self, reminder: Reminder, key: str, **values: Any) -> None:
        """Tell the server's organizers (log channel) about a failed or missed delivery."""
        ...

    async def moved_on(self, reminder: Reminder, next_due: int | None) -> None:
        """The reminder now waits on ``next_due`` (keep its scheduled event in step)."""
        ...


def make_nonce(reminder_id: int, occurrence: int, user_id: int = 0) -> str:
    """A stable nonce for one post (or one DM): 25 characters, Discord's maximum."""
    digest = hashlib.sha256(f"{reminder_id}:{occurrence}:{user_id}".encode()).hexdigest()
    return "r" + digest[:24]


@dataclass(slots=True)
class Outcome:
    """What happened to one claimed occurrence, to settle in the batch's transaction."""

    occ: Occurrence
    state: str
    next_due: int | None
    message_id: int | None = None
    error: str | None = None
    dms_sent: int = 0
    dms_failed: int = 0


class Deliverer:
    """Runs what is due: the dispatcher's ``prepare`` and ``run_due``.

    A batch of due reminders is claimed in one transaction, posted concurrently (bounded),
    then settled in one transaction; a crash in between leaves 'sending' rows that the
    next run posts again with the same nonces.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        transport: Transport,
        *,
        concurrency: int = POST_CONCURRENCY,
    ) -> None:
        self.db = db
        self.clock = clock
        self.transport = transport
        self._limit = asyncio.Semaphore(concurrency)
        self._prepared: list[tuple[Occurrence, store.Delivery]] = []
        self._prepared_for: float = 0.0

    async def next_due(self) -> int | None:
        return await store.next_due_time(self.db)

    async def prepare(self, due: int) -> None:
        """Claim what is due at ``due`` ahead of time, so posting needs no database work."""
        batch = await store.due_reminders(self.db, int(due), BATCH)
        occs = [o for o in (self._occurrence(r, self.clock.now()) for r in batch) if o]
        self._prepared += await self._claim(occs)
        self._prepared_for = self.clock.timestamp()  # when claimed: staleness is from now

    async def run_due(self, now: datetime) -> None:
        """Deliver everything due at ``now`` (prepared first), in batches, until nothing is."""
        prepared, self._prepared = self._prepared, []
        if prepared and now.timestamp() - self._prepared_for < STALE_PREPARED:
            await self._send(prepared)
        # Claims prepared long ago (the dispatcher was stopped meanwhile) are dropped: their
        # rows stay 'sending', and the reminders still due are claimed again below, checked.
        while True:
            batch = await store.due_reminders(self.db, int(now.timestamp()), BATCH)
            if not batch:
                return
            occs = []
            for reminder in batch:
                occ = self._occurrence(reminder, now)
                if occ is None:
                    await self._record_missed(reminder, now)
                else:
                    occs.append(occ)
            await self._send(await self._claim(occs))
            now = self.clock.now()

    async def deliver(self, reminder: Reminder) -> None:
        """Deliver one due reminder now (what :meth:`run_due` does for each)."""
        now = self.clock.now()
        occ = self._occurrence(reminder, now)
        if occ is None:
            await self._record_missed(reminder, now)
            return
        await self._send(await self._claim([occ]))

    def _occurrence(self, reminder: Reminder, now: datetime) -> Occurrence | None:
        """The occurrence to send, or None when it is past the grace window (missed)."""
        assert reminder.next_due is not None
        due = datetime.fromtimestamp(reminder.next_due, UTC)
        lateness = (now - due).total_seconds()
        if lateness > reminder.grace_seconds:
            return None
        nonce = make_nonce(reminder.id, reminder.next_due)
        return Occurrence(reminder, due, lateness > LATE_AFTER, nonce)

    async def _claim(self, occs: list[Occurrence]) -> list[tuple[Occurrence, store.Delivery]]:
        if not occs:
            return []
        rows = await store.claim_deliveries(
            self.db,
            [(o.reminder, int(o.due.timestamp()), o.nonce, o.late) for o in occs],
            self.clock.now().isoformat(),
        )
        # None: edited, paused or cancelled meanwhile; the dispatcher re-reads the store.
        return [(o, row) for o, row in zip(occs, rows, strict=True) if row is not None]

    async def _send(self, claimed: list[tuple[Occurrence, store.Delivery]]) -> None:
        """Post the claimed occurrences concurrently, then settle them in one transaction."""
        outcomes = await asyncio.gather(*(self._post(occ, row) for occ, row in claimed))
        now = self.clock.now()
        await store.finish_deliveries(
            self.db,
            [
                store.Finish(
                    o.occ.reminder,
                    int(o.occ.due.timestamp()),
                    o.state,
                    o.next_due,
                    o.message_id,
                    o.error,
                    o.dms_sent,
                    o.dms_failed,
                )
                for o in outcomes
            ],
            now.isoformat(),
        )
        for o in outcomes:
            reminder = o.occ.reminder
            if o.state == "failed":
                await self.transport.report(
                    reminder,
                    "reminders.log.failed",
                    id=reminder.id,
                    due=discord_time(o.occ.due, "f"),
                    reason=failure_text(o.error),
                )
            await self._event_follows(reminder, o.next_due)

    async def _event_follows(self, reminder: Reminder, next_due: int | None) -> None:
        """Move the reminder's scheduled event on, unless an edit or cancel got there first."""
        if reminder.event_id is None:
            return
        current = await store.get_reminder(self.db, reminder.guild_id, reminder.id)
        if (
            current is not None
            and current.status in ("active", "done")
            and current.next_due == next_due
            and current.event_id == reminder.event_id
        ):
            await self.transport.moved_on(current, next_due)

    async def _post(self, occ: Occurrence, row: store.Delivery) -> Outcome:
        reminder = occ.reminder
        if row.state != "sending":  # settled before a crash; only the move on was lost
            return Outcome(
                occ,
                row.state,
                self._following(reminder, occ.due, self.clock.now()),
                row.message_id,
                row.error,
                row.dms_sent,
                row.dms_failed,
            )
        if row.attempts > 1:
            occ = replace(occ, retry=True)
        async with self._limit:
            try:
                message_id = await self.transport.post(occ)
            except DeliveryFailed as failure:
                following = self._following(reminder, occ.due, self.clock.now())
                return Outcome(occ, "failed", following, error=failure.code)
            except Exception as exc:
                log.exception("reminder %s failed unexpectedly", reminder.id)
                following = self._following(reminder, occ.due, self.clock.now())
                return Outcome(occ, "failed", following, error=f"internal:{type(exc).__name__}")
        try:
            sent, failed = await self.transport.direct_messages(occ)
        except Exception:
            log.exception("direct messages of reminder %s failed", reminder.id)
            sent, failed = 0, 0
        following = self._following(reminder, occ.due, self.clock.now())
        return Outcome(occ, "sent", following, message_id, None, sent, failed)

    def _following(self, reminder: Reminder, due: datetime, now: datetime) -> int | None:
        """The next occurrence after ``due``; if that is already past too, the next after now."""
        if reminder.repeat == "none":
            return None
        rule = rule_of(reminder)
        nxt = next_after(rule, due)
        if nxt is not None and nxt <= now:
            nxt = next_after(rule, now)
        return int(nxt.timestamp()) if nxt else None

    async def _record_missed(self, reminder: Reminder, now: datetime) -> None:
        """Record occurrences older than the grace window; move to the first one not too late."""
        assert reminder.next_due is not None
        rule = rule_of(reminder)
        grace = timedelta(seconds=reminder.grace_seconds)
        missed: list[int] = []
        at: datetime | None = datetime.fromtimestamp(reminder.next_due, UTC)
        while at is not None and now - at > grace and len(missed) < MISSED_RECORDED:
            missed.append(int(at.timestamp()))
            at = next_after(rule, at) if reminder.repeat != "none" else None
        if at is not None and now - at > grace:
            at = next_after(rule, now - grace)
        await store.record_missed(
            self.db,
            reminder,
            missed,
            [make_nonce(reminder.id, m) for m in missed],
            next_due=int(at.timestamp()) if at else None,
            now_iso=now.isoformat(),
        )
        await self._event_follows(reminder, int(at.timestamp()) if at else None)
        await self.transport.report(
            reminder,
            "reminders.log.missed",
            id=reminder.id,
            due=discord_time(datetime.fromtimestamp(missed[0], UTC), "f"),
            count=len(missed),
        )


def failure_text(code: str | None, locale: discord.Locale | None = None) -> str:
    """A stored failure code ('forbidden', 'http:500'...) in words."""
    if not code:
        return ""
    reason, _, detail = code.partition(":")
    key = f"reminders.failure.{reason}"
    try:
        return t(key, locale, detail=detail)
    except KeyError:
        return code


class DiscordTransport:
    """Posts through the bot: the channel post with the call buttons, then DMs."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self._dm_limit = asyncio.Semaphore(DM_CONCURRENCY)

    async def _campaign(self, reminder: Reminder) -> Any:
        from bot.calls.flow import campaign_in

        return await campaign_in(self.bot, reminder.guild_id, reminder.campaign)

    @staticmethod
    def _names(campaign: Any, slug: str) -> tuple[str, str]:
        if campaign is None:
            return slug, ""
        return campaign.short_name, bill_numbers(campaign)

    async def post(self, occ: Occurrence) -> int:
        reminder = occ.reminder
        guild = self.bot.get_guild(reminder.guild_id)
        channel = guild.get_channel_or_thread(reminder.channel_id) if guild else None
        if guild is None or channel is None:
            raise DeliveryFailed("channel_missing")
        perms = channel.permissions_for(guild.me)
        if not (perms.view_channel and perms.send_messages):
            raise DeliveryFailed("forbidden")
        role = guild.get_role(reminder.role_id) if reminder.role_id else None
        if role is not None and role.is_default():
            role = None  # never @everyone
        campaign = await self._campaign(reminder)
        name, numbers = self._names(campaign, reminder.campaign)
        mention = f"{role.mention} " if role else ""
        on_time = post_text(mention, name, numbers, reminder.note, occ.due, None)
        text = (
            post_text(mention, name, numbers, reminder.note, occ.due, occ.due)
            if occ.late
            else on_time
        )
        if occ.retry:
            earlier = await self._earlier_post(channel, occ, on_time)
            if earlier is not None:
                return earlier
        kwargs: dict[str, Any] = {}
        if campaign is not None:
            from cogs.calls.buttons import call_action_view

            kwargs["view"] = call_action_view(campaign.slug)
        try:
            message = await channel.send(
                text,
                nonce=occ.nonce,
                allowed_mentions=discord.AllowedMentions(
                    everyone=False, users=False, roles=[role] if role else False
                ),
                **kwargs,
            )
        except discord.NotFound as exc:
            raise DeliveryFailed("channel_missing", str(exc.code)) from exc
        except discord.Forbidden as exc:
            raise DeliveryFailed("forbidden", str(exc.code)) from exc
        except discord.HTTPException as exc:
            raise DeliveryFailed("http", str(exc.status)) from exc
        return message.id

    async def _earlier_post(self, channel: Any, occ: Occurrence, base: str) -> int | None:
        """On a retry: the post an earlier attempt made before the process died, if any.

        Discord drops a repeated nonce only for a few minutes, so after longer downtime the
        channel itself is checked: a message of ours since the due time that starts with
        this post's text (``base``: without a "late" line), whose id no delivery recorded.
        """
        me = channel.guild.me
        try:
            async for message in channel.history(
                limit=EARLIER_POST_SCAN, after=occ.due - timedelta(seconds=1)
            ):
                if message.author.id == me.id and message.content.startswith(base):
                    recorded = await store.message_recorded(
                        self.bot.db, occ.reminder.guild_id, message.id
                    )
                    if not recorded:
                        return message.id
        except discord.HTTPException:
            log.info("could not read #%s to check for an earlier post", channel)
        return None

    async def direct_messages(self, occ: Occurrence) -> tuple[int, int]:
        """DM every subscriber not yet reached for this occurrence (a retry skips them)."""
        reminder = occ.reminder
        occurrence = int(occ.due.timestamp())
        users = await store.subscribers(self.bot.db, reminder.guild_id, reminder.campaign)
        if not users:
            return 0, 0
        done = await store.dms_done(self.bot.db, reminder, occurrence)
        guild = self.bot.get_guild(reminder.guild_id)
        campaign = await self._campaign(reminder)
        name, numbers = self._names(campaign, reminder.campaign)

        async def text_for(user_id: int) -> str:
            return dm_text(
                guild.name if guild else "",
                name,
                numbers,
                reminder.note,
                occ.due,
                occ.due if occ.late else None,
                offices=await self._own_offices(reminder.guild_id, user_id, campaign),
            )

        results = await asyncio.gather(
            *(
                self._dm(user_id, text_for, occ, campaign)
                for user_id in users
                if user_id not in done
            )
        )
        sent = sum(results) + sum(done.values())
        return sent, len(results) + len(done) - sent

    async def _own_offices(self, guild_id: int, user_id: int, campaign: Any) -> list[str]:
        """The member's own offices for the campaign's current versions (none if unsaved)."""
        if campaign is None:
            return []
        lines: list[str] = []
        for version in campaign.current_versions:
            lines += await own_office_lines(self.bot.db, guild_id, user_id, version.chamber)
        return lines

    async def _dm(
        self,
        user_id: int,
        text_for: Callable[[int], Awaitable[str]],
        occ: Occurrence,
        campaign: Any,
    ) -> bool:
        async with self._dm_limit:
            try:
                text = await text_for(user_id)
                # No user lookup: the DM channel opens from the id alone (one request, cached).
                channel = await self.bot.create_dm(discord.Object(id=user_id))
                kwargs: dict[str, Any] = {}
                if campaign is not None:
                    from cogs.calls.buttons import call_action_view

                    kwargs["view"] = call_action_view(campaign.slug, guild_id=occ.reminder.guild_id)
                await channel.send(
                    text,
                    nonce=make_nonce(occ.reminder.id, int(occ.due.timestamp()), user_id),
                    allowed_mentions=discord.AllowedMentions.none(),
                    **kwargs,
                )
                sent = True
            except discord.HTTPException:
                log.info("could not DM member %s for reminder %s", user_id, occ.reminder.id)
                sent = False
        await store.record_dm(self.bot.db, occ.reminder, int(occ.due.timestamp()), user_id, sent)
        return sent

    async def moved_on(self, reminder: Reminder, next_due: int | None) -> None:
        """A repeating reminder with an event: give its next occurrence an event of its own."""
        from cogs.reminders.events import create_event

        guild = self.bot.get_guild(reminder.guild_id)
        if guild is None or reminder.event_id is None:
            return
        new_id: int | None = None
        if next_due is not None:
            campaign = await self._campaign(reminder)
            name, _ = self._names(campaign, reminder.campaign)
            channel = guild.get_channel_or_thread(reminder.channel_id)
            try:
                event = await create_event(
                    guild,
                    name,
                    datetime.fromtimestamp(next_due, UTC),
                    channel.name if channel else "",
                )
                new_id = event.id
            except discord.HTTPException:
                log.info("could not create the next event of reminder %s", reminder.id)
        await store.update_reminder(
            self.bot.db,
            reminder.guild_id,
            reminder.id,
            self.bot.clock.now().isoformat(),
            event_id=new_id,
        )

    async def report(self, reminder: Reminder, key: str, **values: Any) -> None:
        settings = await get_guild_settings(self.bot.db, reminder.guild_id)
        if settings.log_channel_id is None:
            return
        guild = self.bot.get_guild(reminder.guild_id)
        channel = guild.get_channel(settings.log_channel_id) if guild else None
        if channel is None:
            return
        try:
            await channel.send(
                clip(t(key, **values), MESSAGE_CONTENT),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            log.warning("could not post to the log channel of server %s", reminder.guild_id)


async def probe_dm(user: discord.abc.User, text: str) -> bool:
    """Try a DM (on subscribe); False when the member's DMs are closed to the bot."""
    try:
        await user.send(text, allowed_mentions=discord.AllowedMentions.none())
        return True
    except discord.HTTPException:
        return False


def describe_delivery(delivery: store.Delivery, locale: discord.Locale | None) -> str:
    """One line of /remind history."""
    due = datetime.fromtimestamp(delivery.occurrence, UTC)
    values: dict[str, Any] = {
        "id": delivery.reminder_id,
        "due": discord_time(due, "f"),
        "dms": delivery.dms_sent,
        "dms_failed": delivery.dms_failed,
        "reason": failure_text(delivery.error, locale),
    }
    line = t(f"reminders.history.{delivery.state}", locale, **values)
    if delivery.late and delivery.state == "sent":
        line += t("reminders.history.late_mark", locale)
    return line


def history_lines(deliveries: Sequence[store.Delivery], locale: discord.Locale | None) -> str:
    return "\n".join(describe_delivery(d, locale) for d in deliveries)
