-- Step 46 (SQLite's migrations/46-reminders-held-in-quiet-time.sql says why): a reminder
-- due in its person's quiet time is held on its saved message until `held_until` (unix
-- milliseconds), and its push and mail are written only then.
ALTER TABLE saved_messages ADD COLUMN held_until BIGINT;
CREATE INDEX saved_messages_held ON saved_messages(held_until)
    WHERE held_until IS NOT NULL;
