-- Step 26: chats an import brought in or added to, for the running servers to announce.
-- `natter import` runs in a process of its own, with no sockets and no bus: it leaves a
-- row here per chat in the transaction that wrote it, and every server reads the rows
-- newer than the last it saw (as it reads `lockouts`), telling the chat's members' open
-- sockets that the chat changed, so imported chats appear without a reload. Rows older
-- than a day are pruned by the next import.
CREATE TABLE import_notices (
    id      INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    at      TEXT NOT NULL
);
