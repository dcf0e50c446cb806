-- Campaigns (issue 3): per-server bill versions, current marks, status lines, call scripts,
-- calls with outcomes, and members' privacy choices. The three acts and the versions the
-- statement names live in data/bills.json; these tables hold what a server adds.

-- A version an organizer added to a campaign (an act reintroduced under a new number).
CREATE TABLE bill_versions (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id  INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    congress  INTEGER NOT NULL CHECK (congress > 0),
    chamber   TEXT NOT NULL CHECK (chamber IN ('house', 'senate')),
    number    INTEGER NOT NULL CHECK (number > 0),
    added_by  INTEGER NOT NULL,
    added_at  TEXT NOT NULL,
    UNIQUE (guild_id, congress, chamber, number)
);
CREATE INDEX bill_versions_campaign ON bill_versions (guild_id, campaign);

-- Which version is current, per server, campaign and chamber. No row: the statement's
-- version of that chamber is current.
CREATE TABLE bill_current (
    guild_id  INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    chamber   TEXT NOT NULL CHECK (chamber IN ('house', 'senate')),
    congress  INTEGER NOT NULL,
    number    INTEGER NOT NULL,
    set_by    INTEGER NOT NULL,
    set_at    TEXT NOT NULL,
    PRIMARY KEY (guild_id, campaign, chamber)
);

-- Status lines organizers post; the statement's own status ships in data/bills.json.
CREATE TABLE bill_status (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id  INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    text      TEXT NOT NULL,
    set_by    INTEGER NOT NULL,
    set_at    TEXT NOT NULL
);
CREATE INDEX bill_status_lookup ON bill_status (guild_id, campaign, id);

-- A server's own call script for a campaign (no row: the default script).
CREATE TABLE call_scripts (
    guild_id  INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    template  TEXT NOT NULL,
    set_by    INTEGER NOT NULL,
    set_at    TEXT NOT NULL,
    PRIMARY KEY (guild_id, campaign)
);

-- One row per member, campaign, office and local day: repeated taps update the outcome.
-- office is '' when the call was not tied to one office.
CREATE TABLE calls (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    office    TEXT NOT NULL DEFAULT '',
    day       TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('reached', 'voicemail', 'no_answer')),
    at        TEXT NOT NULL,
    UNIQUE (guild_id, user_id, campaign, office, day)
);
-- Covers the tallies (per campaign and outcome, counted by day) without reading rows.
CREATE INDEX calls_by_campaign ON calls (guild_id, campaign, outcome, day);
CREATE INDEX calls_by_member ON calls (guild_id, user_id, day);

-- A member's choice to be named where the bot shows who called (default: not shown).
CREATE TABLE member_privacy (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    show_name  INTEGER NOT NULL DEFAULT 0 CHECK (show_name IN (0, 1)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
