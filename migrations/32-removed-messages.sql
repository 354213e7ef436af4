-- Step 32: when an administrator removed a message (`removed_at`, NULL for every other
-- message). A removed message keeps its place, its sender and its time, with its text,
-- files and reactions gone: natter's own client shows "removed by an administrator"
-- there. A sender's own delete still takes a message away (`deleted_at`).
ALTER TABLE messages ADD COLUMN removed_at TEXT;
