-- Step 14 (issue 39): bots and their webhooks. A bot is a `users` row (so it is a
-- member and a sender like a person on every surface) with a `bots` row beside it; its
-- password hash is unusable, so it never signs in.
--
-- The key is shown once. `key_hash` (sha256) finds and checks it; `key_sealed` is the
-- key under the server's sealing key ('bot_sealing_key' in `settings`, AES-256-GCM),
-- because the key also signs the outgoing webhook and derives the chats' hook URLs.
CREATE TABLE bots (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    owner_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    key_hash    BLOB NOT NULL,
    key_sealed  BLOB NOT NULL,
    webhook_url TEXT,
    created_at  TEXT NOT NULL
);

-- One call of a bot's outgoing webhook for one message (it was mentioned, or written to
-- in a direct chat): written with the message, claimed by a node for a while
-- (`claimed_until`, unix ms), deleted once the bot's server answered or was given up.
CREATE TABLE bot_deliveries (
    id            INTEGER PRIMARY KEY,
    bot_id        INTEGER NOT NULL REFERENCES bots(user_id) ON DELETE CASCADE,
    message_id    INTEGER NOT NULL,
    chat_id       INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    due_at        INTEGER NOT NULL,
    claimed_by    TEXT,
    claimed_until INTEGER,
    UNIQUE (bot_id, message_id)
);
CREATE INDEX bot_deliveries_due ON bot_deliveries(due_at);
