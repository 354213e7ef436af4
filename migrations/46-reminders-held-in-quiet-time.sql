-- Step 46: a reminder that falls due while its person is quiet is held as a mark on its
-- saved message, not as a push and a mail written at that time: `held_until` (unix
-- milliseconds) is when the quiet time ends. Then the reminder loop reads the message
-- again and pushes and mails it only if the person may still read it (not deleted, not
-- removed, still in the chat), with its text as it is then.
ALTER TABLE saved_messages ADD COLUMN held_until INTEGER;
CREATE INDEX saved_messages_held ON saved_messages(held_until)
    WHERE held_until IS NOT NULL;
