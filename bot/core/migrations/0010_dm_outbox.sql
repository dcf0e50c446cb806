-- Reminders at scale (issue 11): the durable DM outbox, why a reminder is paused, the
-- servers the bot was removed from, and what organizers are still to be told.

-- One row per recipient and occurrence, written with the settling of the occurrence's post
-- (same transaction), so a post's DMs are never lost. A row is 'queued', then 'sending'
-- (recorded before the request: attempts and when), then deleted as it is settled, in the
-- transaction that counts it on the occurrence's delivery. A row still 'sending' after a
-- restart is first looked for in the member's DM channel, then sent with the same nonce.
CREATE TABLE reminder_dm_outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    reminder_id INTEGER NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    occurrence  INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  INTEGER NOT NULL DEFAULT 0,  -- after a passing error: not retried before then
    sending_at  INTEGER,                     -- epoch seconds of the latest attempt
    UNIQUE (reminder_id, occurrence, user_id)
);
-- The worker's question, "the next queued row of the next server in turn", is one seek.
CREATE INDEX reminder_dm_outbox_next ON reminder_dm_outbox (state, guild_id, id);
CREATE INDEX reminder_dm_outbox_by_member ON reminder_dm_outbox (guild_id, user_id);

-- Occurrences claimed and not settled: what a restart retries, found with one seek.
CREATE INDEX reminder_deliveries_unsettled ON reminder_deliveries (id) WHERE state = 'sending';

-- The outbox replaces the per-occurrence DM records (kept only while a post was 'sending').
DROP TABLE reminder_dm_deliveries;

-- A member's subscriptions in every server, for the list they see in a DM with the bot.
CREATE INDEX reminder_subscriptions_by_user ON reminder_subscriptions (user_id);

-- Why a paused reminder is paused: NULL (an organizer paused it), 'bot_removed' or
-- 'channel_missing'. The last two were paused by the bot, which tells the organizers.
ALTER TABLE reminders ADD COLUMN pause_reason TEXT
    CHECK (pause_reason IN ('bot_removed', 'channel_missing'));

-- Servers the bot was removed from: their reminders are paused; 30 days after ``left_at``
-- (epoch seconds) their reminder data is deleted. Back in time, the row goes.
CREATE TABLE reminder_departures (
    guild_id INTEGER PRIMARY KEY,
    left_at  INTEGER NOT NULL
);

-- What the organizers of a server are still to be told (a missed or failed reminder, a
-- reminder paused by the bot) when the server has no log channel or it could not be used:
-- shown once, on an organizer's next /remind command, then deleted.
CREATE TABLE reminder_notices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    key         TEXT NOT NULL,  -- catalog key of the message
    vals        TEXT NOT NULL,  -- its values, JSON
    created_at  TEXT NOT NULL
);
CREATE INDEX reminder_notices_by_guild ON reminder_notices (guild_id, id);
