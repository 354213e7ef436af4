-- Step 5, PostgreSQL only (issue 26, SCALE-OUT.md 5.4): what the nodes of one deployment
-- share besides the data. SQLite serves one node and keeps all of it in memory.
--
-- UNLOGGED: these rows are rewritten every few seconds and worth nothing after a crash
-- of PostgreSQL (which empties unlogged tables), so they skip the write-ahead log. Only
-- adds, so a node of the previous version runs on it unchanged (rolling upgrades).

-- Each node's heartbeat, on the database's clock (so nodes' clocks need not agree).
CREATE UNLOGGED TABLE nodes (
    node_id TEXT PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL
);

-- Who is in which room's call, one row per socket that joined; `socket_id` is unique
-- within its node only.
CREATE UNLOGGED TABLE call_sockets (
    room_id   BIGINT NOT NULL,
    user_id   BIGINT NOT NULL,
    username  TEXT NOT NULL,
    node_id   TEXT NOT NULL,
    socket_id BIGINT NOT NULL,
    joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id, node_id, socket_id)
);
CREATE INDEX call_sockets_node ON call_sockets(node_id);

-- Fixed one-minute windows of the limits that must hold across nodes (logins).
CREATE UNLOGGED TABLE rate_windows (
    key          TEXT PRIMARY KEY,
    window_start TIMESTAMPTZ NOT NULL,
    count        BIGINT NOT NULL
);
