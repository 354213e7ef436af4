-- Step 13 (issue 37 point 3): Web Push. The VAPID key lives in `settings`
-- ('vapid_private_key'), so every node of one database signs with the same key.
--
-- A browser's push subscription (RFC 8030 endpoint, RFC 8291 keys), one per endpoint:
-- subscribing the same browser again, as anyone, moves it.
CREATE TABLE push_subscriptions (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX push_subscriptions_by_user ON push_subscriptions(user_id);

-- A chat whose new messages may owe pushes: written with the message (only when some
-- other member has a subscription), turned into `push_outbox` rows once `due_at` (unix
-- ms) has passed, so a burst of messages collapses into one push per person.
CREATE TABLE push_chats (
    chat_id          INTEGER PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
    first_message_id INTEGER NOT NULL,
    last_message_id  INTEGER NOT NULL,
    due_at           INTEGER NOT NULL
);
CREATE INDEX push_chats_due ON push_chats(due_at);

-- One push to send to one subscription (at most one per subscription and chat: a newer
-- message replaces what is still waiting and adds to its count). Claimed by a node for a
-- while (`claimed_until`, unix ms), deleted once the push service took it or refused the
-- subscription; `version` moves on whenever the row changes, so a send that finishes
-- after a newer message arrived leaves the newer one to be sent.
CREATE TABLE push_outbox (
    id              INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,
    message_id      INTEGER NOT NULL,
    count           INTEGER NOT NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    due_at          INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_until   INTEGER,
    version         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (subscription_id, chat_id)
);
CREATE INDEX push_outbox_due ON push_outbox(due_at);
