-- Step 27: the missed-message mail's marker per person and chat, and a person's own
-- delay; see migrations/27-missed-mail-per-chat.sql.
CREATE TABLE missed_mail_chats (
    user_id         BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    chat_id         BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    last_message_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, chat_id)
);

ALTER TABLE users ADD COLUMN missed_mail_delay BIGINT;
