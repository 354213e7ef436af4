-- What happened in chats, in commit order, for Matrix apps' /sync: a position per change
-- a member sees (a message edited or deleted, reactions with their emoji, members
-- joining and leaving, the chat's settings, read marks, pins). A message sent is not a
-- row: its id is in commit order already. A since token is a position and a message id,
-- so it survives restarts. The writer adds a group's rows just before its COMMIT.
CREATE TABLE matrix_log (
    pos        INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    message_id INTEGER,
    user_id    INTEGER,
    emoji      TEXT
);

-- A Matrix app's transaction ids: a send retried with the same id (from the same
-- device) answers the message the first one made instead of sending it twice.
CREATE TABLE matrix_txns (
    token_hash BLOB NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    txn_id     TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (token_hash, txn_id)
) WITHOUT ROWID;

-- What Matrix apps keep on the server for a person (`account_data`): their settings,
-- per room or for the account (room_id ''), as the JSON they gave.
CREATE TABLE matrix_account_data (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    type    TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (user_id, room_id, type)
) WITHOUT ROWID;
