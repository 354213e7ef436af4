-- Step 10 (issue 35): a team's own server. Who may join (invitations), who looks after
-- it (an audit list of administrators' actions), each person's own account (reset links,
-- sessions that can be listed), rooms removed as moderation (kept, marked removed) and
-- changes made by the command line, which the running server picks up.

-- Bumped whenever every credential of the person must end (password change, reset,
-- deactivation): a JWT carries the number it was minted under and is refused once it
-- moved on. Keys and sessions are deleted instead.
ALTER TABLE users ADD COLUMN credentials_epoch INTEGER NOT NULL DEFAULT 0;

-- When a session began (NULL for sessions older than this step), for the list of one's
-- own sessions.
ALTER TABLE sessions ADD COLUMN created_at TEXT;

-- A group or room removed by an administrator: kept with its messages, invisible to
-- everyone. Its members are moved to `removed_chat_members`, so every list that goes
-- through memberships forgets it without a filter.
ALTER TABLE chats ADD COLUMN removed_at TEXT;
CREATE TABLE removed_chat_members (
    chat_id   INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    last_read_message_id INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
);

-- A join link's code. `uses` counts registrations; one with `max_uses` NULL never runs
-- out, one with `expires_at` NULL never expires. Revoked ones are kept for the audit.
CREATE TABLE invitations (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    max_uses   INTEGER,
    uses       INTEGER NOT NULL DEFAULT 0,
    revoked_at TEXT
);

-- A one-time password reset link, stored as the sha256 of its token.
CREATE TABLE password_resets (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- What administrators (and the operator's command line: actor NULL) did.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    target     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '{}'
);

-- People whose sockets must close, written by whoever locked them out (an administrator
-- on any node, or the command line in another process). Every server reads the rows
-- newer than the last it saw, about twice a second, and closes their sockets.
CREATE TABLE lockouts (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    keep    BLOB,
    at      TEXT NOT NULL
);
