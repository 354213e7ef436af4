-- Step 9 (issue 34): search whose cost is bounded by the caller, not by the server.
--
-- The index gains a second column, `chat`: each message's chat id, indexed as a word.
-- A search then asks FTS5 for `content:(words) AND chat:(the caller's chats)`, which
-- FTS5 answers by stepping the two lists against each other, so it costs in proportion
-- to the caller's messages or the word's, whichever is fewer, never to everyone's
-- (store::search). The external content is a view of the live messages with their chat
-- id, so FTS5 reads text for snippets, and `rebuild` reads exactly what is indexed.
--
-- `search_words` is the index's vocabulary: a search's last word is also a prefix, and
-- is searched as the whole words it stands for (store::search_words), because neither
-- FTS5 nor GIN walks a prefix lazily. It starts as the words already indexed.
--
-- Rebuilding the index reads every live message once: about 15 s for a million.
DROP TRIGGER IF EXISTS messages_fts_changed;
DROP TRIGGER IF EXISTS messages_fts_removed;
DROP TABLE IF EXISTS messages_fts;
DROP TABLE IF EXISTS messages_fts_pending;
DROP VIEW IF EXISTS messages_fts_source;

-- Each entry's rowid is its message's id negated, so newest first is the index's
-- ascending order: FTS5 seeks forward through a word's list by its skip index, but
-- backward it reads pages one by one (a walk of 16 common words newest first from the
-- middle of a million messages: 14.4 ms backward, 1.1 ms forward, docs/benchmarks.md).
-- The view's `nid` and the index on `-id` let FTS5 read a message's text by that rowid.
-- `columnsize = 0`: no row of token counts per message (only ranking reads them, and
-- natter orders by time), one insert fewer per send; a snippet counts its row's tokens.
DROP INDEX IF EXISTS messages_newest_first;
CREATE INDEX messages_newest_first ON messages(-id);
CREATE VIEW messages_fts_source AS
    SELECT -id AS nid, content, chat_id AS chat FROM messages WHERE deleted_at IS NULL;

CREATE VIRTUAL TABLE messages_fts USING fts5(
    content,
    chat,
    content = 'messages_fts_source',
    content_rowid = 'nid',
    columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts (rowid, content, chat)
SELECT -id, content, chat_id FROM messages WHERE deleted_at IS NULL ORDER BY id DESC;

-- As in step 4, with the chat id, which the index's 'delete' needs as much as the text.
CREATE TABLE messages_fts_pending (
    seq     INTEGER PRIMARY KEY,
    op      TEXT NOT NULL CHECK (op IN ('add', 'delete')),
    id      INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    content TEXT NOT NULL
);
CREATE TRIGGER messages_fts_changed AFTER UPDATE OF content, deleted_at ON messages BEGIN
    INSERT INTO messages_fts_pending (op, id, chat_id, content)
        SELECT 'delete', OLD.id, OLD.chat_id, OLD.content WHERE OLD.deleted_at IS NULL;
    INSERT INTO messages_fts_pending (op, id, chat_id, content)
        SELECT 'add', NEW.id, NEW.chat_id, NEW.content WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER messages_fts_removed AFTER DELETE ON messages WHEN OLD.deleted_at IS NULL BEGIN
    INSERT INTO messages_fts_pending (op, id, chat_id, content)
        VALUES ('delete', OLD.id, OLD.chat_id, OLD.content);
END;

CREATE TABLE IF NOT EXISTS search_words (
    key  TEXT NOT NULL,
    word TEXT NOT NULL,
    PRIMARY KEY (key, word)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.messages_fts_terms USING fts5vocab(main, messages_fts, col);
INSERT OR IGNORE INTO search_words (key, word)
SELECT term, term FROM temp.messages_fts_terms WHERE col = 'content';
DROP TABLE temp.messages_fts_terms;
