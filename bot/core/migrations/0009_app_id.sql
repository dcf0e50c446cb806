-- Issue 10: mark the file as this bot's database ("HKAB" in SQLite's header), so a file at
-- the database path that is not ours is recognised and refused before anything writes to it.
PRAGMA application_id = 1212891458;
