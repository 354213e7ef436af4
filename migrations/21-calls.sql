-- Step 21: the record a call leaves. A call starts when the first person joins a chat's
-- call and ends when the last one leaves; `message_id` is the message that rang the
-- chat ("started a call", by the caller), so the call is in the timeline, unread and
-- pushed like any message. At most one call of a chat is in progress (`ended_at` NULL).
CREATE TABLE calls (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    message_id INTEGER,
    started_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    started_at TEXT NOT NULL,
    ended_at   TEXT
);
CREATE INDEX calls_by_chat ON calls(chat_id, id);
CREATE UNIQUE INDEX calls_in_progress ON calls(chat_id) WHERE ended_at IS NULL;

-- Who answered a call: `joined` (at their first join) or `declined`. Members with no row
-- missed it.
CREATE TABLE call_answers (
    call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answer  TEXT NOT NULL,
    at      TEXT NOT NULL,
    PRIMARY KEY (call_id, user_id)
);
