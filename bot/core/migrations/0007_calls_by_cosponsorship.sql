-- Calls that know whether an office cosponsors (issue 9 §3, §5).
--
-- bill_versions.title_confirmed: the official record's title an organizer saw and confirmed
-- when it did not name the act (NULL: nothing to confirm, or not checked yet). A later
-- record whose title differs asks again (/setup show lists it).
ALTER TABLE bill_versions ADD COLUMN title_confirmed TEXT;

-- A server's own call script for offices that cosponsor (or sponsor) the current version,
-- and for offices that don't (or withdrew). The single script of call_scripts stays the one
-- shown when an office's cosponsorship isn't known.
CREATE TABLE call_script_variants (
    guild_id  INTEGER NOT NULL,
    campaign  TEXT NOT NULL,
    variant   TEXT NOT NULL CHECK (variant IN ('cosponsor', 'not_cosponsor')),
    template  TEXT NOT NULL,
    set_by    INTEGER NOT NULL,
    set_at    TEXT NOT NULL,
    PRIMARY KEY (guild_id, campaign, variant)
);

-- Where the called office stood on the current version when the call was reported, so
-- organizers can count calls to cosponsors and to the others. NULL: a call not tied to an
-- office (or reported before this column existed).
ALTER TABLE calls ADD COLUMN office_status TEXT CHECK (office_status IN
    ('sponsor', 'cosponsor', 'withdrawn', 'not_cosponsor', 'unknown'));
