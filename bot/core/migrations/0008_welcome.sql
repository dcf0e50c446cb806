-- The first-day welcome (issue 13): the bot posts it once per server, when it joins.
-- A row is the claim to post it; if the post fails the row is deleted, so it isn't lost.
CREATE TABLE guild_welcome (
    guild_id   INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL,
    posted_at  TEXT NOT NULL
);
