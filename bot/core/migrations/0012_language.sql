-- Which language the bot writes in where nobody's Discord client tells it: a server's
-- posts (set with /setup language; NULL is English), and DMs to a member whose language
-- the bot knows from their last interaction.

ALTER TABLE guild_settings ADD COLUMN language TEXT;

-- Only the catalog locale the bot would use for the member ("en", "zh-TW"), and only while
-- it differs from the server's language; nothing else, no time. Keyed by (guild_id,
-- user_id) like every other member row, so issue 15's pseudonymous member key replaces
-- user_id here as it does there. /me forget deletes it (bot/privacy/member_language.py).
CREATE TABLE member_languages (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    locale   TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
