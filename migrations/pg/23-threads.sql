-- Step 23: threads and replies that name their parent; see migrations/23-threads.sql.
ALTER TABLE messages ADD COLUMN reply_to_id BIGINT;
ALTER TABLE messages ADD COLUMN thread_id BIGINT;
ALTER TABLE messages ADD COLUMN in_channel BIGINT NOT NULL DEFAULT 1;
ALTER TABLE messages ADD COLUMN reply_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN last_reply_at TEXT;
ALTER TABLE messages ADD COLUMN reply_users TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_thread ON messages(thread_id, id) WHERE thread_id IS NOT NULL;

CREATE TABLE thread_follows (
    root_id      BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    following    BIGINT NOT NULL DEFAULT 1,
    last_read_id BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (root_id, user_id)
);
CREATE INDEX thread_follows_by_user ON thread_follows(user_id, root_id) WHERE following = 1;
