-- Private read receipts (SQLite's step 59): how far the other members see a member read
-- when a private receipt moved the read marker further; NULL means the marker itself.
ALTER TABLE chat_members ADD COLUMN IF NOT EXISTS shown_read_message_id BIGINT;
