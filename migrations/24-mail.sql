-- Step 24: outgoing mail. `mail_outbox` holds each mail until the relay accepted it: its
-- `message_id` is chosen when it is queued, so a mail sent again after a crash is the
-- same mail to its recipient; a node claims due rows for a while (`claimed_until`, unix
-- ms) and deletes a row once the relay took it or refused it for good. A person's
-- mails about missed messages can be turned off (`users.missed_mail`); `missed_mail`
-- keeps, per person, the newest message such a mail told of and when it was sent.
CREATE TABLE mail_outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id    TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    recipient     TEXT NOT NULL,
    subject       TEXT NOT NULL,
    text_body     TEXT NOT NULL,
    html_body     TEXT NOT NULL,
    unsubscribe   TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    due_at        INTEGER NOT NULL,
    claimed_by    TEXT,
    claimed_until INTEGER,
    created_at    TEXT NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox(due_at);

ALTER TABLE users ADD COLUMN missed_mail INTEGER NOT NULL DEFAULT 1;

CREATE TABLE missed_mail (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    last_message_id INTEGER NOT NULL DEFAULT 0,
    last_sent_at    INTEGER NOT NULL DEFAULT 0
);
