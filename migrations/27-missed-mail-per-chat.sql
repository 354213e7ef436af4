-- Step 27: the mail about missed messages keeps, per person and chat, the newest message
-- it told of (`missed_mail_chats`), so a chat left out of one mail (a tab showed it) is
-- still mailed later; `missed_mail.last_message_id` is no longer moved and stays the
-- floor of what mails before this step told of. `users.missed_mail_delay` is a person's
-- own delay in seconds (NULL: the server's `--missed-mail-delay`).
CREATE TABLE missed_mail_chats (
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    last_message_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, chat_id)
);

ALTER TABLE users ADD COLUMN missed_mail_delay INTEGER;
