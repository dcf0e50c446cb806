-- Issue 15 for reminders: subscriptions and the DM outbox name a member by their pseudonym
-- (a BLOB, Vault.pseudonym), never by the Discord id. The DM sender reads the id back from
-- the member directory (sealed there) at send time. Rows written before this still hold the
-- id (an INTEGER); the sealing step at the next start turns each into the pseudonym and
-- makes its directory row (bot/privacy/sealing.py, from bot/privacy/inventory.py).
ALTER TABLE reminder_subscriptions RENAME COLUMN user_id TO member;
ALTER TABLE reminder_dm_outbox RENAME COLUMN user_id TO member;

-- A pseudonym differs per server: an index across servers by member finds nothing.
DROP INDEX IF EXISTS reminder_subscriptions_by_user;
