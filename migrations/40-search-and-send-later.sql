-- Step 40: search's `from:` operator and messages sent later.
-- `from:` alone walks each of the searcher's chats newest first through the sender's own
-- messages there: (sender_id, chat_id, id) reads only that sender's rows, where the
-- chat's index would read every message of the chat to find the sender's.
CREATE INDEX messages_by_sender ON messages(sender_id, chat_id, id);
-- `has:file`, `has:reaction`, `has:link` and `is:thread` alone walk each chat newest first
-- through an index of only the messages that have one, so a chat where none has costs
-- one probe, not a read of every message (the conditions are written exactly as
-- `store::messaging::search_filters` asks them, which is how SQLite picks these indexes).
CREATE INDEX messages_with_files ON messages(chat_id, id) WHERE file_count > 0;
CREATE INDEX messages_with_reactions ON messages(chat_id, id) WHERE reaction_count > 0;
CREATE INDEX messages_with_links ON messages(chat_id, id)
    WHERE content LIKE '%http://%' OR content LIKE '%https://%';
CREATE INDEX messages_in_threads ON messages(chat_id, id)
    WHERE thread_id IS NOT NULL OR reply_count > 0;
-- A message its sender scheduled: sent by the sending loop at `send_at` (unix
-- milliseconds, UTC) as the sender, with their rights at that moment. `state` is
-- 'scheduled' until then; the loop's write job sets it to 'sent' (with `message_id`) in
-- the same transaction as the send, only where it is still 'scheduled', so no row is
-- sent twice by two nodes or after a restart; 'failed' (with `failure`) when the send
-- was refused (the sender left the chat); 'cancelled' by the sender. `reply_to_id` and
-- `thread_id` place it as a reply, as a send would. Not shown in history pages.
CREATE TABLE scheduled_messages (
    id          INTEGER PRIMARY KEY,
    sender_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    content     TEXT NOT NULL,
    reply_to_id INTEGER,
    thread_id   INTEGER,
    send_at     INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (state IN ('scheduled', 'sent', 'failed', 'cancelled')),
    message_id  INTEGER,
    failure     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX scheduled_messages_due ON scheduled_messages(send_at) WHERE state = 'scheduled';
CREATE INDEX scheduled_messages_by_sender ON scheduled_messages(sender_id, send_at);
