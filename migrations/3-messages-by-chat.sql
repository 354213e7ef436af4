-- Step 3: messages are stored in chat order (a WITHOUT ROWID table keyed by chat and
-- id) instead of in id order with an index on (chat_id, id). A page of history is then
-- one contiguous run of the table: before, each of its 50 rows cost an index step plus a
-- seek into the table (server CPU per page 178 -> 150 us on a 1,000,000-message chat,
-- docs/benchmarks.md). `id` stays unique, and natter assigns it as before (one more
-- than the largest), so message ids, and every reference to them, are unchanged.
-- Runs with foreign keys off (schema::migrate), so dropping the old table does not
-- cascade to reactions and attachments. The count triggers of step 2 name `messages`,
-- so they are dropped first and made again once the new table has that name.
DROP TRIGGER message_files_counted;
DROP TRIGGER message_files_uncounted;
DROP TRIGGER reactions_counted;
DROP TRIGGER reactions_uncounted;

CREATE TABLE messages_by_chat (
    chat_id        INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    id             INTEGER NOT NULL UNIQUE,
    sender_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    content        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    edited_at      TEXT,
    deleted_at     TEXT,
    file_count     INTEGER NOT NULL DEFAULT 0,
    reaction_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, id)
) WITHOUT ROWID;

INSERT INTO messages_by_chat
       (chat_id, id, sender_id, content, created_at, edited_at, deleted_at, file_count, reaction_count)
SELECT chat_id, id, sender_id, content, created_at, edited_at, deleted_at, file_count, reaction_count
  FROM messages;

DROP TABLE messages;
ALTER TABLE messages_by_chat RENAME TO messages;

CREATE TRIGGER message_files_counted AFTER INSERT ON message_files BEGIN
    UPDATE messages SET file_count = file_count + 1 WHERE id = NEW.message_id;
END;
CREATE TRIGGER message_files_uncounted AFTER DELETE ON message_files BEGIN
    UPDATE messages SET file_count = file_count - 1 WHERE id = OLD.message_id;
END;
CREATE TRIGGER reactions_counted AFTER INSERT ON reactions BEGIN
    UPDATE messages SET reaction_count = reaction_count + 1 WHERE id = NEW.message_id;
END;
CREATE TRIGGER reactions_uncounted AFTER DELETE ON reactions BEGIN
    UPDATE messages SET reaction_count = reaction_count - 1 WHERE id = OLD.message_id;
END;
