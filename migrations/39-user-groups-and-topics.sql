-- Step 39: user groups and room topics. A user group is a named set of people that a
-- message mentions with `@handle` (`@design`); `handle_key` is the handle's name key
-- (NFKC and case folding, as `users.name_key`), unique, so `@Design` and `@design` are
-- one group. A Slack import notes which group each Slack group became in `import_keys`.
-- A chat's `topic` is what its header shows under its name (a change is also a message
-- in the chat); it is shown in chat lists, so its change moves `page_version` like the
-- chat's other shown columns (step 34).
CREATE TABLE user_groups (
    id          INTEGER PRIMARY KEY,
    handle      TEXT NOT NULL,
    handle_key  TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE user_group_members (
    group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX user_group_members_by_user ON user_group_members(user_id);
ALTER TABLE chats ADD COLUMN topic TEXT NOT NULL DEFAULT '';
CREATE TRIGGER pages_chat_topic_changed AFTER UPDATE OF topic ON chats BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.id;
END;
