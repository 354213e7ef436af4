-- Step 35: pinned messages and each person's saved messages.
-- A pin belongs to its chat (one row per pinned message; `pinned_by` is who pinned it);
-- `chats.pins_by` says who may pin and unpin there: 'members' (everyone in the chat, as
-- in Slack) or 'admins'. Pins are not shown in history pages or chat lists, so they move
-- no page version: natter's client reads them from their own route.
CREATE TABLE pins (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    pinned_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    pinned_at  TEXT NOT NULL
);
CREATE INDEX pins_by_chat ON pins(chat_id, pinned_at);
ALTER TABLE chats ADD COLUMN pins_by TEXT NOT NULL DEFAULT 'members';
-- A saved message is its person's alone. `remind_at` (unix milliseconds, NULL for none)
-- is when to remind them; `reminded_at` is set in the same write that queues the
-- reminder, which is how exactly one node, once, sends it.
CREATE TABLE saved_messages (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    saved_at    TEXT NOT NULL,
    remind_at   INTEGER,
    reminded_at TEXT,
    PRIMARY KEY (user_id, message_id)
);
CREATE INDEX saved_messages_by_user ON saved_messages(user_id, saved_at);
CREATE INDEX saved_messages_due ON saved_messages(remind_at)
    WHERE remind_at IS NOT NULL AND reminded_at IS NULL;
