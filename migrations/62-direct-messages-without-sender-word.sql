-- Step 62: a message in a direct chat is indexed without its sender's word. The full-text
-- index's `chat` column of such a message holds two words, the chat's id and the sender
-- joined to it (`12 12s7`), where step 43 gave every message three (`12 s7 12s7`): one
-- term fewer for the writer to hash, write and merge at each send, and the inbox's sends
-- are all direct (docs/benchmarks.md). `from:` reads the sender's newest messages in
-- chats of more than two through `s7`, as before, and the searcher's direct chats one by
-- one through `12s7`, one short list each.
--
-- The triggers of step 43 stay as they are: they note every change in the three-word
-- form, and the writer drops the sender's word of a direct chat's message as it applies
-- them (`index_pending::apply_pending`): an add by the chat's kind, which never changes,
-- a delete by whether the index holds the sender's word for that message, which holds
-- for a chat deleted meanwhile too. Reading the kind in the triggers made the schema
-- every connection holds larger: idle memory grew by about 50 KiB.
--
-- The index is written again from the messages, newest first as step 43 did: 1.5 s for
-- 1,022,001 messages of four words each.
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
