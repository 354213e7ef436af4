-- Step 22: the rooms every newcomer starts in; see migrations/22-default-rooms.sql.
CREATE TABLE default_rooms (
    chat_id   BIGINT PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    marked_by BIGINT REFERENCES users(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    marked_at TEXT NOT NULL
);
