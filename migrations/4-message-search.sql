-- Step 4: full-text search over message text (issue 24). An FTS5 index with external
-- content: it stores only the index, and reads text back from `messages` (by its unique
-- `id`) for snippets. The tokenizer folds case and diacritics, so `cafe` finds `Café`.
-- Triggers keep it in step with the table inside the writing transaction: a live message
-- is indexed; an edit swaps its old text for the new; a soft delete, or a chat deleted
-- with its messages, takes it out. Deleted messages are never in the index.
-- Written to run again over a database that already had it (one whose schema version
-- was set back by hand): the index is emptied and filled from the live messages.
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(
    content,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO messages_fts (messages_fts) VALUES ('delete-all');
INSERT INTO messages_fts (rowid, content)
SELECT id, content FROM messages WHERE deleted_at IS NULL;

DROP TRIGGER IF EXISTS messages_fts_added;
DROP TRIGGER IF EXISTS messages_fts_changed;
DROP TRIGGER IF EXISTS messages_fts_removed;

CREATE TRIGGER messages_fts_added AFTER INSERT ON messages WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (NEW.id, NEW.content);
END;
CREATE TRIGGER messages_fts_changed AFTER UPDATE OF content, deleted_at ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content)
        SELECT 'delete', OLD.id, OLD.content WHERE OLD.deleted_at IS NULL;
    INSERT INTO messages_fts (rowid, content)
        SELECT NEW.id, NEW.content WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER messages_fts_removed AFTER DELETE ON messages WHEN OLD.deleted_at IS NULL BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', OLD.id, OLD.content);
END;
