-- Step 37: link previews. A message's previews, as the chats surface shows them (a JSON
-- list written by natter, NULL for none), live on its row, so a history page reads them
-- with the message and the row's update moves its chat's `page_version` (step 34's
-- trigger). `link_previews` is what a URL showed when last fetched, shared by every chat
-- until `expires_at` (unix ms); `found` 0 keeps a failed fetch from being tried again
-- before then. The picture is natter's small copy, served under `image_key`.
-- `link_previews_owed` is the work a send leaves: one row per message with links,
-- claimed for a lease by a node's worker, as the bots' and Web Push outboxes are.
ALTER TABLE messages ADD COLUMN previews TEXT;
CREATE TABLE link_previews (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    url          TEXT NOT NULL UNIQUE,
    fetched_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    found        INTEGER NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    site_name    TEXT NOT NULL,
    image_key    TEXT NOT NULL UNIQUE,
    image_type   TEXT,
    image_width  INTEGER,
    image_height INTEGER,
    image        BLOB
);
CREATE TABLE link_previews_owed (
    message_id    INTEGER PRIMARY KEY,
    due_at        INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_by    TEXT,
    claimed_until INTEGER
);
