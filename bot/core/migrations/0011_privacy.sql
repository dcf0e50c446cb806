-- Privacy (issue 15): member-linked rows keep no Discord id, no state or district in the clear.
--
-- This file changes the shape only. The values are sealed by the bot at its next start with
-- DATA_KEY (bot/privacy/sealing.py), in one transaction, before anything else reads or
-- writes them: every Discord id below becomes a keyed pseudonym (a 32-byte BLOB, HMAC-SHA256),
-- every saved location and called office is encrypted (AES-GCM). A column renamed here keeps
-- its old INTEGER declaration (SQLite can't change a type in place) but holds those BLOBs.
-- Organizer columns (set_by, added_by) keep 0 for "a former organizer" (/me forget).

-- One row per member who has data in a server: their pseudonym, their id sealed (what lets
-- the bot name an opted-in caller, re-key with rotate-key, and forget a member who left),
-- and the last day (UTC) they used the bot there; RETENTION_DAYS after it, their data there
-- is deleted.
CREATE TABLE member_directory (
    guild_id  INTEGER NOT NULL,
    member    BLOB NOT NULL,
    sealed_id BLOB NOT NULL,
    seen_on   TEXT NOT NULL,
    PRIMARY KEY (guild_id, member)
);
CREATE INDEX member_directory_seen ON member_directory (seen_on);

-- Every call counts at once in its server's daily counts, which name no one: per campaign,
-- outcome and day, and per campaign, standing and day (where the called office stood on
-- the bill when the call was first reported; '' for a call not tied to an office). Tallies
-- read only these; the calls stored so far are counted here now.
CREATE TABLE call_daily_counts (
    guild_id  INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('reached', 'voicemail', 'no_answer')),
    day       TEXT NOT NULL,
    calls     INTEGER NOT NULL CHECK (calls >= 0),
    PRIMARY KEY (guild_id, campaign, outcome, day)
);
INSERT INTO call_daily_counts (guild_id, campaign, outcome, day, calls)
    SELECT guild_id, campaign, outcome, day, COUNT(*) FROM calls
    GROUP BY guild_id, campaign, outcome, day;

CREATE TABLE call_daily_standings (
    guild_id  INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    standing  TEXT NOT NULL CHECK (standing IN
              ('', 'sponsor', 'cosponsor', 'withdrawn', 'not_cosponsor', 'unknown')),
    day       TEXT NOT NULL,
    calls     INTEGER NOT NULL CHECK (calls > 0),
    PRIMARY KEY (guild_id, campaign, standing, day)
);
INSERT INTO call_daily_standings (guild_id, campaign, standing, day, calls)
    SELECT guild_id, campaign,
           CASE WHEN office = '' THEN '' ELSE COALESCE(office_status, 'unknown') END AS s,
           day, COUNT(*) FROM calls
    GROUP BY guild_id, campaign, s, day;

-- A member's own call rows, kept RETENTION_DAYS: who by pseudonym, the office sealed ('' when
-- not tied to one); no time of day, and no standing (with the public cosponsor lists, the
-- standings of a member's offices would hint where they live).
ALTER TABLE calls RENAME COLUMN user_id TO member;
ALTER TABLE calls DROP COLUMN at;
ALTER TABLE calls DROP COLUMN office_status;
DROP INDEX calls_by_campaign;  -- tallies read the daily counts now
CREATE INDEX calls_by_day ON calls (day);

-- A member's weekly streak, kept as only what it needs: the Monday of the last week with a
-- call, and how many weeks in a row end there.
CREATE TABLE member_streaks (
    guild_id  INTEGER NOT NULL,
    member    BLOB NOT NULL,
    week      TEXT NOT NULL,
    weeks     INTEGER NOT NULL CHECK (weeks > 0),
    PRIMARY KEY (guild_id, member)
);

-- How many of a member's calls were folded, per campaign: what keeps their own all-time
-- count when the calls themselves are gone.
CREATE TABLE member_folded_calls (
    guild_id  INTEGER NOT NULL,
    member    BLOB NOT NULL,
    campaign  TEXT NOT NULL,
    calls     INTEGER NOT NULL CHECK (calls > 0),
    PRIMARY KEY (guild_id, member, campaign)
);

ALTER TABLE member_privacy RENAME COLUMN user_id TO member;
ALTER TABLE member_privacy DROP COLUMN updated_at;

-- Saved locations: state and district in one sealed value ("CA:12", "AK:0", "NY:"). The
-- rows in the clear wait in plain_member_locations until the bot seals and drops them.
ALTER TABLE member_locations RENAME TO plain_member_locations;
CREATE TABLE member_locations (
    guild_id INTEGER NOT NULL,
    member   BLOB NOT NULL,
    place    BLOB NOT NULL,
    PRIMARY KEY (guild_id, member)
);
