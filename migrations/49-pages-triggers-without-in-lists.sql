-- Step 49: the ready pages' triggers that move two chats' versions (a message's or a
-- membership's row changed, which may name another chat) no longer write
-- `WHERE id IN (OLD.chat_id, NEW.chat_id)`: SQLite builds an ephemeral table for such a
-- list each time the trigger runs, and the sender's own read marker, moved by every send,
-- ran it once a send. Two statements on the primary key instead, the second only when the
-- row moved to another chat. Measured with bench/scripts/send-instructions.sh: 385,200
-- instructions per REST send before, 369,700 after (docs/benchmarks.md).
DROP TRIGGER IF EXISTS pages_member_changed;
CREATE TRIGGER pages_member_changed AFTER UPDATE ON chat_members BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.chat_id;
    UPDATE chats SET page_version = page_version + 1
     WHERE id = OLD.chat_id AND OLD.chat_id IS NOT NEW.chat_id;
END;
DROP TRIGGER IF EXISTS pages_message_changed;
CREATE TRIGGER pages_message_changed AFTER UPDATE ON messages BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.chat_id;
    UPDATE chats SET page_version = page_version + 1
     WHERE id = OLD.chat_id AND OLD.chat_id IS NOT NEW.chat_id;
END;
