-- Step 23: threads and replies that name their parent. A reply keeps its quote line in
-- its text (what the five seed APIs show); these columns say what it replies to
-- (`reply_to_id`), which thread it is in (`thread_id`, the root's id) and whether it is
-- also shown in the channel (`in_channel`, 0 only for a reply kept in its thread). A
-- root keeps its thread's summary (`reply_count`, `last_reply_at`, `reply_users`: the
-- ids of its newest repliers, comma-separated), so a page of history reads it with the
-- row. Who follows a thread, and how far each follower has read it, is `thread_follows`.
ALTER TABLE messages ADD COLUMN reply_to_id INTEGER;
ALTER TABLE messages ADD COLUMN thread_id INTEGER;
ALTER TABLE messages ADD COLUMN in_channel INTEGER NOT NULL DEFAULT 1;
ALTER TABLE messages ADD COLUMN reply_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN last_reply_at TEXT;
ALTER TABLE messages ADD COLUMN reply_users TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_thread ON messages(thread_id, id) WHERE thread_id IS NOT NULL;

CREATE TABLE thread_follows (
    root_id      INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    following    INTEGER NOT NULL DEFAULT 1,
    last_read_id INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (root_id, user_id)
);
CREATE INDEX thread_follows_by_user ON thread_follows(user_id, root_id) WHERE following = 1;
