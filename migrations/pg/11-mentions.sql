-- Step 11 (issue 37 point 1): mentions. `@username` in a message's text, of a member of
-- its chat (matched by the name's key, so a look-alike spelling names the same person
-- and never someone else), is stored with the message: each person's mentions, newest
-- first, and whether they have read them.
CREATE TABLE mentions (
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    chat_id    BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    read_at    TEXT,
    PRIMARY KEY (user_id, message_id)
);
CREATE INDEX mentions_of_message ON mentions(message_id);
