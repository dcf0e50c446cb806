-- Malformed optional fields of members of Congress (issue 9 §1): the stored copy keeps the
-- rest of the file and records how many fields were dropped, and which (a short JSON list
-- of [bioguide, name, field], the first few only), so /reps status can say so.
ALTER TABLE legislators_status ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0
    CHECK (dropped >= 0);
ALTER TABLE legislators_status ADD COLUMN dropped_fields TEXT;
