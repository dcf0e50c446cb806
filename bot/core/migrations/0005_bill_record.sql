-- Bill Status (issue 9): the last good copy of the official record of each tracked bill.
-- Not server-owned: a bill's record is global public data (the Government Publishing
-- Office's Bill Status file), one copy for the whole bot, as with legislators. Which bills
-- a server tracks stays in bill_versions (with its guild_id). A copy is replaced whole, in
-- one transaction, and only by a file that parsed and named the right bill.

CREATE TABLE bill_records (
    congress           INTEGER NOT NULL CHECK (congress > 0),
    bill_type          TEXT NOT NULL CHECK (bill_type IN
                       ('hr', 's', 'hres', 'sres', 'hjres', 'sjres', 'hconres', 'sconres')),
    number             INTEGER NOT NULL CHECK (number > 0),
    title              TEXT NOT NULL,     -- the display title
    introduced         TEXT,              -- ISO date
    sponsor_bioguide   TEXT,
    sponsor_name       TEXT,
    sponsor_party      TEXT,
    sponsor_state      TEXT,
    sponsor_district   INTEGER,
    action_date        TEXT,              -- the latest action: ISO date and text
    action_text        TEXT,
    updated            TEXT,              -- the record's own <updateDate>
    format_version     TEXT NOT NULL,
    source             TEXT NOT NULL,     -- the URL or file it came from
    sha256             TEXT NOT NULL,
    fetched_at         TEXT NOT NULL,     -- when this copy was downloaded or imported
    confirmed_at       TEXT NOT NULL,     -- last time the source said it is still current
    etag               TEXT,              -- validators for the next conditional request
    last_modified      TEXT,
    PRIMARY KEY (congress, bill_type, number)
);

CREATE TABLE bill_record_titles (
    congress   INTEGER NOT NULL,
    bill_type  TEXT NOT NULL,
    number     INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    title_type TEXT NOT NULL,
    title      TEXT NOT NULL,
    PRIMARY KEY (congress, bill_type, number, position),
    FOREIGN KEY (congress, bill_type, number)
        REFERENCES bill_records (congress, bill_type, number) ON DELETE CASCADE
);

-- One row per entry of <cosponsors>: a member who withdrew and cosponsored again has two.
CREATE TABLE bill_record_cosponsors (
    congress   INTEGER NOT NULL,
    bill_type  TEXT NOT NULL,
    number     INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    bioguide   TEXT NOT NULL,
    name       TEXT,
    party      TEXT,
    state      TEXT,
    district   INTEGER,
    since      TEXT,                      -- sponsorshipDate
    original   INTEGER CHECK (original IS NULL OR original IN (0, 1)),
    withdrawn  TEXT,                      -- sponsorshipWithdrawnDate
    PRIMARY KEY (congress, bill_type, number, position),
    FOREIGN KEY (congress, bill_type, number)
        REFERENCES bill_records (congress, bill_type, number) ON DELETE CASCADE
);
-- "Does this senator cosponsor this bill?" is one seek.
CREATE INDEX bill_record_cosponsors_member
    ON bill_record_cosponsors (congress, bill_type, number, bioguide);

CREATE TABLE bill_record_committees (
    congress     INTEGER NOT NULL,
    bill_type    TEXT NOT NULL,
    number       INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    chamber      TEXT,
    system_code  TEXT,
    kind         TEXT,
    activity     TEXT,                    -- its newest activity ("Referred to") and when
    activity_at  TEXT,
    PRIMARY KEY (congress, bill_type, number, position),
    FOREIGN KEY (congress, bill_type, number)
        REFERENCES bill_records (congress, bill_type, number) ON DELETE CASCADE
);

-- The last download attempt per bill, kept even when no good copy exists (a number the
-- record doesn't have is 'not_found'); a failure never touches bill_records.
CREATE TABLE bill_record_checks (
    congress    INTEGER NOT NULL,
    bill_type   TEXT NOT NULL,
    number      INTEGER NOT NULL,
    checked_at  TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('updated', 'unchanged', 'not_found', 'failed')),
    error       TEXT,
    PRIMARY KEY (congress, bill_type, number)
);
