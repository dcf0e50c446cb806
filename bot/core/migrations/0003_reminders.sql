-- Reminders (issue 4): scheduled call-to-action posts, their deliveries, and members'
-- subscriptions to a campaign's reminders by direct message. Times are UTC epoch seconds.

CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL,
    campaign      TEXT NOT NULL,
    channel_id    INTEGER NOT NULL,
    role_id       INTEGER,
    note          TEXT,
    timezone      TEXT NOT NULL,
    anchor_local  TEXT NOT NULL,  -- first intended occurrence, naive local ISO time
    repeat        TEXT NOT NULL DEFAULT 'none'
                  CHECK (repeat IN ('none', 'daily', 'weekdays', 'weekly', 'biweekly', 'monthly')),
    until_local   TEXT,           -- last local day (ISO date) a repeating reminder runs
    grace_seconds INTEGER NOT NULL DEFAULT 3600,
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'paused', 'done', 'cancelled')),
    next_due      INTEGER,        -- the next occurrence (UTC epoch seconds); NULL when done
    event_id      INTEGER,        -- the Discord scheduled event kept in step, if any
    created_by    INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
-- The dispatcher's only question, "what is due next", is one seek in this partial index.
CREATE INDEX reminders_due ON reminders (next_due) WHERE status = 'active';
CREATE INDEX reminders_by_guild ON reminders (guild_id, status, next_due);

-- One row per occurrence, written as 'sending' before the post and settled after it, so a
-- crash between the two is retried with the same nonce and never posts twice.
CREATE TABLE reminder_deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL,
    reminder_id  INTEGER NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    occurrence   INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'missed')),
    late         INTEGER NOT NULL DEFAULT 0,
    nonce        TEXT NOT NULL,
    message_id   INTEGER,
    dms_sent     INTEGER NOT NULL DEFAULT 0,
    dms_failed   INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL,
    UNIQUE (reminder_id, occurrence)
);
CREATE INDEX reminder_deliveries_by_guild ON reminder_deliveries (guild_id, id);

CREATE TABLE reminder_subscriptions (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    campaign   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, campaign, user_id)
);
CREATE INDEX reminder_subscriptions_by_member ON reminder_subscriptions (guild_id, user_id);

-- Direct messages of one occurrence already made, so a retry after a crash skips those
-- members. Kept only while the occurrence is 'sending': settling it deletes its rows.
CREATE TABLE reminder_dm_deliveries (
    reminder_id INTEGER NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    occurrence  INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    guild_id    INTEGER NOT NULL,
    sent        INTEGER NOT NULL CHECK (sent IN (0, 1)),
    PRIMARY KEY (reminder_id, occurrence, user_id)
);
