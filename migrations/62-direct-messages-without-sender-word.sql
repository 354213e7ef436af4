-- Step 62: a message in a direct chat is indexed without its sender's word. The full-text
-- index's `chat` column of such a message holds two words, the chat's id and the sender
-- joined to it (`12 12s7`), where step 43 gave every message three (`12 s7 12s7`): one
-- term fewer for the writer to hash, write and merge at each send, and the inbox's sends
-- are all direct (docs/benchmarks.md). `from:` reads the sender's newest messages in
-- chats of more than two through `s7`, as before, and the searcher's direct chats one by
-- one through `12s7`, one short list each.
--
-- A chat's kind never changes, so the triggers read it from the chat to write the text
-- FTS5's 'delete' needs exactly. A chat's messages leave the index as the chat is
-- deleted, while its row is there to read: the foreign key's cascade deletes them after
-- the row is gone, and the trigger of a message deleted then passes over it.
--
-- The index is written again from the messages, newest first as step 43 did: 1.5 s for
-- 1,022,001 messages of four words each.
DROP TRIGGER IF EXISTS messages_fts_changed;
DROP TRIGGER IF EXISTS messages_fts_removed;
DROP VIEW IF EXISTS messages_fts_source;

CREATE VIEW messages_fts_source AS
    SELECT -m.id AS nid, m.content,
           m.chat_id || coalesce(CASE WHEN c.kind = 'direct' THEN '' ELSE ' s' || m.sender_id END
                                 || ' ' || m.chat_id || 's' || m.sender_id, '') AS chat
      FROM messages m LEFT JOIN chats c ON c.id = m.chat_id
     WHERE m.deleted_at IS NULL;

INSERT INTO messages_fts (messages_fts) VALUES ('delete-all');
INSERT INTO messages_fts (rowid, content, chat)
SELECT nid, content, chat FROM messages_fts_source ORDER BY nid;

CREATE TRIGGER messages_fts_changed
AFTER UPDATE OF content, deleted_at, sender_id, chat_id ON messages BEGIN
    INSERT INTO messages_fts_pending (op, id, chat, content)
        SELECT 'delete', OLD.id,
               OLD.chat_id || coalesce(CASE (SELECT kind FROM chats WHERE id = OLD.chat_id)
                   WHEN 'direct' THEN '' ELSE ' s' || OLD.sender_id END
               || ' ' || OLD.chat_id || 's' || OLD.sender_id, ''),
               OLD.content
         WHERE OLD.deleted_at IS NULL;
    INSERT INTO messages_fts_pending (op, id, chat, content)
        SELECT 'add', NEW.id,
               NEW.chat_id || coalesce(CASE (SELECT kind FROM chats WHERE id = NEW.chat_id)
                   WHEN 'direct' THEN '' ELSE ' s' || NEW.sender_id END
               || ' ' || NEW.chat_id || 's' || NEW.sender_id, ''),
               NEW.content
         WHERE NEW.deleted_at IS NULL;
END;
CREATE TRIGGER messages_fts_removed AFTER DELETE ON messages
WHEN OLD.deleted_at IS NULL AND EXISTS (SELECT 1 FROM chats WHERE id = OLD.chat_id) BEGIN
    INSERT INTO messages_fts_pending (op, id, chat, content)
        VALUES ('delete', OLD.id,
               OLD.chat_id || coalesce(CASE (SELECT kind FROM chats WHERE id = OLD.chat_id)
                   WHEN 'direct' THEN '' ELSE ' s' || OLD.sender_id END
               || ' ' || OLD.chat_id || 's' || OLD.sender_id, ''),
               OLD.content);
END;
DROP TRIGGER IF EXISTS chats_removed_from_index;
CREATE TRIGGER chats_removed_from_index BEFORE DELETE ON chats BEGIN
    INSERT INTO messages_fts_pending (op, id, chat, content)
        SELECT 'delete', id,
               chat_id || coalesce(CASE OLD.kind WHEN 'direct' THEN '' ELSE ' s' || sender_id END
                                   || ' ' || chat_id || 's' || sender_id, ''),
               content
          FROM messages WHERE chat_id = OLD.id AND deleted_at IS NULL ORDER BY id;
END;
