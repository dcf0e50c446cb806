"""``create_bot(settings)``: the bot the real run, the demo and the tests all use."""

from __future__ import annotations

import hashlib
import json
import logging
import pkgutil
from pathlib import Path

import discord
from discord.ext import commands

import cogs
from bot.campaigns.record.fetch import BillStatusFetcher, billstatus_base
from bot.campaigns.record.refresh import auto_fetch_enabled
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import Content, load_content
from bot.core.database import Database
from bot.core.i18n import LOCALES_DIR
from bot.core.storage_health import Notice, Trouble
from bot.ops.lifecycle import drain, pending_after_stop
from bot.ops.logs import with_guild_context
from bot.ops.recovered import recovered_name
from bot.privacy.binding import is_bound
from bot.privacy.retention import RetentionJob
from bot.privacy.unlock import unlock
from bot.reminders.delivery import Deliverer
from bot.reminders.dispatcher import Dispatcher
from cogs import AdvocacyClient, BotTree, CatalogTranslator, remember_language, tell_organizers

log = logging.getLogger(__name__)


def discover_cogs() -> list[str]:
    """Every extension under ``cogs/`` (a module or package that defines ``setup``)."""
    return sorted(
        f"cogs.{info.name}"
        for info in pkgutil.iter_modules(cogs.__path__)
        if not info.name.startswith("_")
    )


LOOKUP_TIMEOUT_SECONDS = 15.0  # an organizer waits for /bill-tracking add-version's look-up


def bill_fetcher(settings: Settings) -> BillStatusFetcher | None:
    """The fetcher /bill-tracking add-version looks numbers up with; None when this run doesn't
    download (no token: the demo and tests; or ``BILLSTATUS_URL=off``)."""
    base = billstatus_base(settings)
    if base is None or not auto_fetch_enabled(settings):
        return None
    return BillStatusFetcher(base, timeout=LOOKUP_TIMEOUT_SECONDS)


class AdvocacyBot(AdvocacyClient):
    """The bot: settings, database, content and clock, shared by every cog.

    ``bill_fetcher`` looks bill numbers up in the official record (None: no downloads in
    this run); tests put one pointed at a local server there.
    """

    def __init__(self, settings: Settings, *, content: Content, clock: Clock, db: Database) -> None:
        intents = discord.Intents.default()
        intents.message_content = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=BotTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.settings = settings
        self.content = content
        self.clock = clock
        self.db = db
        self.retention = RetentionJob(db, clock, settings.retention_days)
        self.bill_fetcher = bill_fetcher(settings)
        # A deleted or replaced database file: save what is open, tell organizers, stop.
        self.stop_when_database_lost = True
        self.lost_database_copy: Path | None = None
        db.health.listen(self.on_storage_notice)
        # Log lines caused by an interaction carry its server id (bot.ops.logs).
        parsers = self._connection.parsers
        parsers["INTERACTION_CREATE"] = with_guild_context(parsers["INTERACTION_CREATE"])

    async def setup_hook(self) -> None:
        if not self.db.is_open:  # bot.runner opens it before logging in, to fail fast
            await self.db.open()
        if not is_bound(self.db):
            # Refuses a missing or wrong DATA_KEY before anything reads or writes member data.
            today = self.clock.now().date().isoformat()
            await unlock(self.db, self.settings.data_key, today=today)
        self.retention.start()
        await self.tree.set_translator(CatalogTranslator())
        self.add_listener(remember_language, "on_interaction")
        for name in discover_cogs():
            if name not in self.extensions:  # a restart of the same bot object keeps them
                await self.load_extension(name)
        await self.sync_commands_if_changed()

    async def close(self) -> None:
        try:
            await self.retention.stop()
            await super().close()
        finally:
            if self.bill_fetcher is not None:
                await self.bill_fetcher.close()
            await self.db.close()

    async def on_storage_notice(self, notice: Notice) -> None:
        """Storage trouble started or ended (told once in a while): organizers hear of it.

        If the database file was deleted or replaced, writes have already stopped: the open
        database is copied beside the file and the bot stops, so nothing more is confirmed
        to members and lost on the next start.
        """
        if notice.trouble is Trouble.FILE_LOST and not notice.cleared:
            await self._save_lost_database()
        await tell_organizers(self, notice)
        if notice.trouble is Trouble.FILE_LOST and self.stop_when_database_lost:
            log.critical("stopping: %s", self.db.lost)
            await self.close()

    async def _save_lost_database(self) -> None:
        path = self.db.path
        if not isinstance(path, Path):
            return
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%SZ")
        copy = recovered_name(path, stamp)
        try:
            await self.db.save_copy(copy)
        except Exception:
            log.exception("could not save a copy of the open database to %s", copy)
            return
        self.lost_database_copy = copy
        log.critical("%s; the open database is saved to %s", self.db.lost, copy)

    async def shutdown(self, grace: float) -> None:
        """Stop cleanly: reminder dispatchers take no new work and let deliveries being sent
        finish (``grace`` seconds at most), then the bot and its database close."""
        workers = [
            worker
            for cog in self.cogs.values()
            for worker in (getattr(cog, "dispatcher", None), getattr(cog, "deliverer", None))
            if isinstance(worker, Dispatcher | Deliverer)
        ]
        try:
            await drain(workers, grace)
            interrupted, due = await pending_after_stop(self.db, int(self.clock.timestamp()))
            if interrupted or due:
                log.info(
                    "left for after the restart: %d reminder posts interrupted (retried with "
                    "the same nonce), %d reminders due",
                    interrupted,
                    due,
                )
        finally:
            await self.close()

    def _command_fingerprint(self, guild: discord.Object | None) -> str:
        payload = [c.to_dict(self.tree) for c in self.tree.get_commands(guild=guild)]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode())
        for path in sorted(Path(LOCALES_DIR).glob("*/*.toml")):
            digest.update(path.read_bytes())
        return digest.hexdigest()

    async def sync_commands_if_changed(self) -> bool:
        """Sync to DEV_GUILD_ID instantly when set, globally otherwise; skip if unchanged."""
        guild = discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        key = f"command_sync:{guild.id if guild else 'global'}"
        fingerprint = self._command_fingerprint(guild)
        stored = await self.db.fetchval("SELECT value FROM bot_meta WHERE key=?", (key,))
        if stored == fingerprint:
            log.info("application commands unchanged; not syncing")
            return False
        synced = await self.tree.sync(guild=guild)
        await self.db.execute(
            "INSERT INTO bot_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, fingerprint),
        )
        log.info("synced %d application commands (%s)", len(synced), key)
        return True


def create_bot(
    settings: Settings,
    *,
    content: Content | None = None,
    clock: Clock | None = None,
) -> AdvocacyBot:
    """Build the bot; the database opens and cogs load in ``setup_hook``."""
    return AdvocacyBot(
        settings,
        content=content or load_content(),
        clock=clock or Clock(discord.utils.utcnow),
        db=Database(settings.database_path),
    )
