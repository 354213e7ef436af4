-- Step 44: a saved message's reminder is pushed in a slot of its own. A queued push was
-- one per subscription and chat, so a reminder and a message push of the same chat
-- waiting together became one: whichever came second replaced the other's text.
-- `reminder_of` is the reminded message's id, 0 for the pushes of a chat's new messages,
-- which still gather into one. SQLite cannot change a table's UNIQUE, so the table is
-- made again with what it holds.
CREATE TABLE push_outbox_new (
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
    reminder_of     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (subscription_id, chat_id, reminder_of)
);
INSERT INTO push_outbox_new (id, subscription_id, chat_id, message_id, count, title, body,
                             attempts, due_at, claimed_by, claimed_until, version)
SELECT id, subscription_id, chat_id, message_id, count, title, body,
       attempts, due_at, claimed_by, claimed_until, version
  FROM push_outbox;
DROP TABLE push_outbox;
ALTER TABLE push_outbox_new RENAME TO push_outbox;
CREATE INDEX push_outbox_due ON push_outbox(due_at);
