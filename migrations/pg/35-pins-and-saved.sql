-- Step 35: pinned messages and saved messages; see migrations/35-pins-and-saved.sql.
CREATE TABLE pins (
    message_id BIGINT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    chat_id    BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pinned_by  BIGINT REFERENCES users(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    pinned_at  TEXT NOT NULL
);
CREATE INDEX pins_by_chat ON pins(chat_id, pinned_at);
ALTER TABLE chats ADD COLUMN pins_by TEXT NOT NULL DEFAULT 'members';
CREATE TABLE saved_messages (
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    message_id  BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    saved_at    TEXT NOT NULL,
    remind_at   BIGINT,
    reminded_at TEXT,
    PRIMARY KEY (user_id, message_id)
);
CREATE INDEX saved_messages_by_user ON saved_messages(user_id, saved_at);
CREATE INDEX saved_messages_due ON saved_messages(remind_at)
    WHERE remind_at IS NOT NULL AND reminded_at IS NULL;
