-- Step 4: full-text search over message text (issue 24). An FTS5 index with external
-- content: it stores only the index, and reads text back from `messages` (by its unique
-- `id`) for snippets. The tokenizer folds case and diacritics, so `cafe` finds `Café`.
--
-- The index is kept in step inside the writing transaction, in two halves. Triggers on
-- `messages` note each change in `messages_fts_pending` (a live message added, an old
-- text to take out on an edit, a soft delete or a chat deleted with its messages), and
-- the writer applies the notes to the index once per group, just before COMMIT
-- (`store::search::apply_pending`). FTS5 writes a new segment of its index at every
-- savepoint release, and the writer releases one per job: indexing in the trigger itself
-- cost a quarter of the send throughput (docs/benchmarks.md, eleventh session).
-- Deleted messages are never in the index.
--
-- Written to run again over a database that already had it (one whose schema version
-- was set back by hand): the index is emptied and filled from the live messages.
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(
    content,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS messages_fts_pending (
    seq     INTEGER PRIMARY KEY,
    -- 'add' a live message's text, or 'delete' the text it was indexed with.
    op      TEXT NOT NULL CHECK (op IN ('add', 'delete')),
    id      INTEGER NOT NULL,
    content TEXT NOT NULL
);
DELETE FROM messages_fts_pending;

INSERT INTO messages_fts (messages_fts) VALUES ('delete-all');
INSERT INTO messages_fts (rowid, content)
SELECT id, content FROM messages WHERE deleted_at IS NULL;

DROP TRIGGER IF EXISTS messages_fts_added;
DROP TRIGGER IF EXISTS messages_fts_changed;
DROP TRIGGER IF EXISTS messages_fts_removed;

CREATE TRIGGER messages_fts_added AFTER INSERT ON messages WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO messages_fts_pending (op, id, content) VALUES ('add', NEW.id, NEW.content);
END;
CREATE TRIGGER messages_fts_changed AFTER UPDATE OF content, deleted_at ON messages BEGIN
    INSERT INTO messages_fts_pending (op, id, content)
        SELECT 'delete', OLD.id, OLD.content WHERE OLD.deleted_at IS NULL;
    INSERT INTO messages_fts_pending (op, id, content)
        SELECT 'add', NEW.id, NEW.content WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER messages_fts_removed AFTER DELETE ON messages WHEN OLD.deleted_at IS NULL BEGIN
    INSERT INTO messages_fts_pending (op, id, content) VALUES ('delete', OLD.id, OLD.content);
END;
