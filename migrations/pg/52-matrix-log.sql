-- What happened in chats, in commit order, for Matrix apps' /sync (SQLite's step 52).
-- Positions come from the one row of matrix_log_head, taken at the end of each write
-- job and held until its commit: a transaction that sees position N sees every
-- position below it, on every node.
CREATE TABLE IF NOT EXISTS matrix_log (
    pos        BIGINT PRIMARY KEY,
    chat_id    BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    message_id BIGINT,
    user_id    BIGINT,
    emoji      TEXT
);
CREATE TABLE IF NOT EXISTS matrix_log_head (
    pos BIGINT NOT NULL
);
INSERT INTO matrix_log_head (pos) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM matrix_log_head);

-- A Matrix app's transaction ids: a send retried with the same id (from the same
-- device) answers the message the first one made instead of sending it twice.
CREATE TABLE IF NOT EXISTS matrix_txns (
    token_hash BYTEA NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    txn_id     TEXT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (token_hash, txn_id)
);

-- What Matrix apps keep on the server for a person (`account_data`): their settings,
-- per room or for the account (room_id ''), as the JSON they gave.
CREATE TABLE IF NOT EXISTS matrix_account_data (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    type    TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (user_id, room_id, type)
);
