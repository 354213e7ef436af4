-- End-to-end encryption from Matrix apps, kept and relayed, never read. Every key and
-- message is stored as the JSON the app sent.

-- A device's identity keys (`/keys/upload`'s `device_keys`), signatures others added
-- kept apart in matrix_key_signatures.
CREATE TABLE matrix_device_keys (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    keys      TEXT NOT NULL,
    PRIMARY KEY (user_id, device_id)
) WITHOUT ROWID;

-- One-time keys, each claimed once, and fallback keys (`fallback` 1), handed out when a
-- device has no one-time key left and kept until replaced (`used` once handed out).
CREATE TABLE matrix_one_time_keys (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    fallback  INTEGER NOT NULL,
    key_id    TEXT NOT NULL,
    key       TEXT NOT NULL,
    used      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, device_id, fallback, key_id)
) WITHOUT ROWID;

-- A person's cross-signing keys: `master`, `self_signing`, `user_signing`.
CREATE TABLE matrix_cross_signing (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    key     TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;

-- Signatures uploaded for a device's keys (`target_key` its device id) or a
-- cross-signing key (`target_key` its public key), merged into them when queried.
CREATE TABLE matrix_key_signatures (
    target_user INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    target_key  TEXT NOT NULL,
    signer      TEXT NOT NULL,
    signer_key  TEXT NOT NULL,
    signature   TEXT NOT NULL,
    PRIMARY KEY (target_user, target_key, signer, signer_key)
) WITHOUT ROWID;

-- Messages from one device to others (`/sendToDevice`), waiting for the recipient's next
-- sync: `pos` is the position in matrix_log at which it was sent; a sync past it
-- removes it.
CREATE TABLE matrix_to_device (
    id        INTEGER PRIMARY KEY,
    pos       INTEGER NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    sender    TEXT NOT NULL,
    type      TEXT NOT NULL,
    content   TEXT NOT NULL
);
CREATE INDEX matrix_to_device_recipient ON matrix_to_device (user_id, device_id, pos);

-- A device's `/sendToDevice` transaction ids: a retried request is sent once.
CREATE TABLE matrix_to_device_txns (
    token_hash BLOB NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    txn_id     TEXT NOT NULL,
    PRIMARY KEY (token_hash, txn_id)
) WITHOUT ROWID;

-- Server-side key backup: a person's backup versions (the newest not deleted is
-- current) and the room keys stored in each, encrypted by the app.
CREATE TABLE matrix_key_backups (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    algorithm TEXT NOT NULL,
    auth_data TEXT NOT NULL,
    etag      INTEGER NOT NULL DEFAULT 0,
    deleted   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, version)
) WITHOUT ROWID;
CREATE TABLE matrix_backup_keys (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    room_id    TEXT NOT NULL,
    session_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    PRIMARY KEY (user_id, version, room_id, session_id)
) WITHOUT ROWID;

-- An encrypted message: natter's text for it says only that it is encrypted; `sealed`
-- holds the `m.room.encrypted` content as the app sent it, which only Matrix apps get.
ALTER TABLE messages ADD COLUMN sealed TEXT;
-- Who sent encrypted messages, and when: an upload of theirs made before one is kept
-- (the sweep of unattached uploads cannot read which files the message holds).
CREATE INDEX messages_sealed ON messages (sender_id, created_at) WHERE sealed IS NOT NULL;

-- A chat's `m.room.encryption` content as a Matrix app set it ('' unencrypted).
ALTER TABLE chats ADD COLUMN encryption TEXT NOT NULL DEFAULT '';
