-- Step 22: the rooms every newcomer starts in, marked by an administrator (the first
-- person to arrive through natter's own ways makes `general`, the first of them).
CREATE TABLE default_rooms (
    chat_id   INTEGER PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
    marked_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    marked_at TEXT NOT NULL
);
