-- Members of Congress (the last good copy of legislators-current.json) and where members
-- of a server say they live, so the bot can show them their own offices.

-- Not server-owned: one copy for the whole bot, replaced in one transaction by an import.
CREATE TABLE legislators (
    bioguide     TEXT PRIMARY KEY,
    chamber      TEXT NOT NULL CHECK (chamber IN ('senate', 'house')),
    state        TEXT NOT NULL,
    district     INTEGER CHECK (district IS NULL OR district >= 0),  -- NULL for senators
    name         TEXT NOT NULL,
    party        TEXT,
    phone        TEXT,
    url          TEXT,
    contact_form TEXT,
    state_rank   TEXT,
    term_end     TEXT
);
CREATE INDEX legislators_seat ON legislators (state, chamber, district);

-- One row: where the stored copy came from and when; the last download attempt.
CREATE TABLE legislators_status (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    source       TEXT,
    sha256       TEXT,
    members      INTEGER NOT NULL DEFAULT 0,
    imported_at  TEXT,
    checked_at   TEXT,
    check_error  TEXT
);

CREATE TABLE member_locations (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    state      TEXT NOT NULL,
    district   INTEGER CHECK (district IS NULL OR district >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
