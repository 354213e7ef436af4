-- Step 43: `from:` finds a sender's messages through the full-text index, whose writes
-- the writer batches once per group, instead of through `messages_by_sender`, which every
-- send wrote at its sender's place: with many senders a group's commit dirtied a page of
-- it per sender, and sends ran at 0.83 (REST) and 0.75 (rooms socket) of the build before
-- (docs/benchmarks.md).
--
-- The index's `chat` column now holds three words: the chat's id, as before, `s` with the
-- sender's id, and the two joined (`12 s7 12s7`), or the chat's id alone for a message
-- without a sender. A search asks `chat:("12" OR "14")` as before; `from:` reads the
-- sender's newest messages anywhere (`chat:"s7"`), and when those are mostly in other
-- people's chats, the sender's messages in each chat of the searcher's (`chat:"12s7"`,
-- one list, where asking FTS5 for both words seeks the sender's list chat by chat, up to
-- 2 ms a chat at 1,000,000 messages). The pending
-- changes the triggers note carry that column as indexed, which FTS5's 'delete' needs
-- exactly; a change of a message's sender (a person removed sets it to NULL) is noted
-- like an edit.
--
-- Rebuilding the index reads every live message once: about 15 s for a million.
DROP INDEX IF EXISTS messages_by_sender;
DROP TRIGGER IF EXISTS messages_fts_changed;
DROP TRIGGER IF EXISTS messages_fts_removed;
DROP TABLE IF EXISTS messages_fts;
DROP TABLE IF EXISTS messages_fts_pending;
DROP VIEW IF EXISTS messages_fts_source;

CREATE VIEW messages_fts_source AS
    SELECT -id AS nid, content, chat_id || coalesce(' s' || sender_id || ' ' || chat_id || 's' || sender_id, '') AS chat
      FROM messages WHERE deleted_at IS NULL;

CREATE VIRTUAL TABLE messages_fts USING fts5(
    content,
    chat,
    content = 'messages_fts_source',
    content_rowid = 'nid',
    columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts (rowid, content, chat)
SELECT -id, content, chat_id || coalesce(' s' || sender_id || ' ' || chat_id || 's' || sender_id, '')
  FROM messages WHERE deleted_at IS NULL ORDER BY id DESC;

CREATE TABLE messages_fts_pending (
    seq     INTEGER PRIMARY KEY,
    op      TEXT NOT NULL CHECK (op IN ('add', 'delete')),
    id      INTEGER NOT NULL,
    chat    TEXT NOT NULL,
    content TEXT NOT NULL
);
CREATE TRIGGER messages_fts_changed
AFTER UPDATE OF content, deleted_at, sender_id, chat_id ON messages BEGIN
    INSERT INTO messages_fts_pending (op, id, chat, content)
        SELECT 'delete', OLD.id, OLD.chat_id || coalesce(' s' || OLD.sender_id || ' ' || OLD.chat_id || 's' || OLD.sender_id, ''), OLD.content
         WHERE OLD.deleted_at IS NULL;
    INSERT INTO messages_fts_pending (op, id, chat, content)
        SELECT 'add', NEW.id, NEW.chat_id || coalesce(' s' || NEW.sender_id || ' ' || NEW.chat_id || 's' || NEW.sender_id, ''), NEW.content
         WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER messages_fts_removed AFTER DELETE ON messages WHEN OLD.deleted_at IS NULL BEGIN
    INSERT INTO messages_fts_pending (op, id, chat, content)
        VALUES ('delete', OLD.id, OLD.chat_id || coalesce(' s' || OLD.sender_id || ' ' || OLD.chat_id || 's' || OLD.sender_id, ''), OLD.content);
END;
