-- Step 36 (SQLite's migrations/36-thumbnails-and-emoji.sql says why): images' sizes and
-- thumbnails, and custom emoji.
CREATE TABLE file_images (
    file_id BIGINT PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    width   BIGINT NOT NULL,
    height  BIGINT NOT NULL
);
CREATE TABLE file_thumbnails (
    file_id      BIGINT NOT NULL REFERENCES file_images(file_id) ON DELETE CASCADE,
    side         BIGINT NOT NULL,
    width        BIGINT NOT NULL,
    height       BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    content      BYTEA NOT NULL,
    PRIMARY KEY (file_id, side)
);
CREATE FUNCTION natter_file_image_made() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id IN (
        SELECT m.chat_id FROM message_files mf JOIN messages m ON m.id = mf.message_id
        WHERE mf.file_id = NEW.file_id);
    RETURN NULL;
END $$;
CREATE TRIGGER pages_file_image_made AFTER INSERT ON file_images
    FOR EACH ROW EXECUTE FUNCTION natter_file_image_made();

CREATE TABLE custom_emoji (
    name         TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    content      BYTEA NOT NULL,
    width        BIGINT NOT NULL,
    height       BIGINT NOT NULL,
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL
);
