-- Private read receipts (Matrix's `m.read.private`, Element's "send read receipts: off"):
-- a member's read marker moves for their own unread counts, while what the others are
-- shown stays behind. `shown_read_message_id` is how far the others see them read; NULL
-- (every row before a private receipt) means as far as `last_read_message_id`.
ALTER TABLE chat_members ADD COLUMN shown_read_message_id INTEGER;
