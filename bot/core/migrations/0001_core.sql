-- Core: per-server settings, group location corrections, bot metadata.

CREATE TABLE guild_settings (
    guild_id          INTEGER PRIMARY KEY,
    organizer_role_id INTEGER,
    timezone          TEXT,
    log_channel_id    INTEGER,
    updated_at        TEXT NOT NULL
);

-- Each row is one organizer's correction of a signatory's location for one server.
-- The newest row for (guild_id, position) is in force; undo deletes it, so the previous
-- one (or the location the group's name states) comes back.
CREATE TABLE group_location_edits (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id   INTEGER NOT NULL,
    position   INTEGER NOT NULL CHECK (position BETWEEN 1 AND 24),
    city       TEXT,
    state      TEXT,
    metro      TEXT,
    set_by     INTEGER NOT NULL,
    set_at     TEXT NOT NULL
);
CREATE INDEX group_location_edits_lookup ON group_location_edits (guild_id, position, id);

CREATE TABLE bot_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
