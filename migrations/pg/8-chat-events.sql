-- Step 8 (issue 33, "Several nodes that lose nothing"), PostgreSQL only.
--
-- `chats.event_seq` numbers each chat's events (messages, edits, deletes, reactions,
-- member and settings changes) without gaps, in commit order: it is taken under the
-- chat's row lock, which is held to COMMIT, so a later number is always a later commit.
-- A node that sees number 7 before 6 holds 7 until 6 arrives or is read from here.
--
-- `chat_events` is the outbox: each event's bus JSON, written in the transaction of its
-- change, so an event whose node died between COMMIT and its NATS publish, or that
-- NATS dropped, is still delivered, by the other nodes reading it here. Rows are only
-- needed for seconds; every node prunes those older than ten minutes. Logged (not
-- UNLOGGED): after a crash of PostgreSQL the committed events must still be there.
--
-- Only adds: a node of the previous version writes no events and numbers nothing, and
-- the nodes of this version deliver its events unordered, as before.
ALTER TABLE chats ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;
CREATE TABLE chat_events (
    chat_id    BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (chat_id, seq)
);
CREATE INDEX chat_events_created_at ON chat_events(created_at);
