-- Step 36: what an uploaded image looks like, its thumbnails, and the server's custom
-- emoji. An image file gets one `file_images` row once it has been looked at: its size
-- as shown (EXIF orientation applied), or 0 x 0 when it could not be read within the
-- bounds (a decompression bomb, a broken file). Its thumbnails are re-encoded copies
-- without metadata, kept here rather than in the media folder: a few tens of KB each,
-- gone with their file by the cascade, and the same on every node.
CREATE TABLE file_images (
    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    width   INTEGER NOT NULL,
    height  INTEGER NOT NULL
);
CREATE TABLE file_thumbnails (
    file_id      INTEGER NOT NULL REFERENCES file_images(file_id) ON DELETE CASCADE,
    side         INTEGER NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    content      BLOB NOT NULL,
    PRIMARY KEY (file_id, side)
);
-- A page shows an attachment's size and thumbnails: the chats that hold the file move
-- (an image is usually looked at before it is sent, when no chat holds it yet).
CREATE TRIGGER pages_file_image_made AFTER INSERT ON file_images BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id IN (
        SELECT m.chat_id FROM message_files mf JOIN messages m ON m.id = mf.message_id
        WHERE mf.file_id = NEW.file_id);
END;

-- Custom emoji, used as `:name:`: the image as stored (resized, animation kept), who
-- added it and when. Messages and reactions hold only the name, so removing one leaves
-- `:name:` readable as text.
CREATE TABLE custom_emoji (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    content      BLOB NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL
);
