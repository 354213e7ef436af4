-- Step 50: a send writes its chat's row once. It wrote it three times: its own statement
-- (last message, count, update time), the message's insert through
-- `pages_message_added`, and the sender's read marker, moved to the new message, through
-- `pages_member_changed`. A trigger costs a send even when its WHEN clause turns it
-- away (SQLite allocates and zeroes the trigger program's frame for every statement that
-- fires it), so the two triggers no longer fire on those writes at all; the store's own
-- statements move the version instead, as they already index a new message's text
-- (step 6):
--
-- * A message's insert moves its chat's version and time bounds in the statement that
--   notes it on its chat: the send's one `UPDATE chats` (`chats::note_sent_message`), or,
--   for every other insert (imports, seeding), a statement of its own right after it
--   (`messages::insert`).
-- * A read marker moved by reading moves the version in a statement of its own
--   (`chats::advance_read`); a sender's marker moved to the message they just sent does
--   not, the send having moved it. `pages_member_changed` now watches every other column
--   of a membership, so a role or a notification level still moves it as before.
--
-- Every other trigger of step 34 stays. Measured with bench/scripts/send-instructions.sh
-- (docs/benchmarks.md, "Where a send's instructions go").
DROP TRIGGER IF EXISTS pages_message_added;
DROP TRIGGER IF EXISTS pages_member_changed;
CREATE TRIGGER pages_member_changed
 AFTER UPDATE OF chat_id, user_id, role, joined_at, notify_level ON chat_members BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.chat_id;
    UPDATE chats SET page_version = page_version + 1
     WHERE id = OLD.chat_id AND OLD.chat_id IS NOT NEW.chat_id;
END;
