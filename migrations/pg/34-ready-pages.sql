-- Step 34 (SQLite's migrations/34-ready-pages.sql says why): each chat's `page_version`,
-- moved by every write that changes what its pages show, and the epoch that people's
-- and files' changes move. A new chat starts at a random version, so a chat that takes
-- a deleted one's id never meets its pages; a chat's writes already hold its row's lock,
-- so counting up there makes no writer wait on another chat. The chat's own shown
-- columns move it in a BEFORE trigger, in the row version the update writes anyway.
ALTER TABLE chats ADD COLUMN page_version BIGINT NOT NULL DEFAULT (random() * 1e15)::bigint;
CREATE TABLE page_counters (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    epoch BIGINT NOT NULL
);
INSERT INTO page_counters (id, epoch) VALUES (1, 0);

CREATE FUNCTION natter_chat_page_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.page_version := OLD.page_version + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER pages_chat_changed
    BEFORE UPDATE OF id, title, name, description, max_participants, is_private, created_by,
                     archived_at, removed_at, created_at ON chats
    FOR EACH ROW EXECUTE FUNCTION natter_chat_page_changed();

CREATE FUNCTION natter_chat_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE chats SET page_version = page_version + 1 WHERE id = OLD.chat_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.chat_id <> OLD.chat_id) THEN
        UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.chat_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER pages_message_changed AFTER INSERT OR UPDATE OR DELETE ON messages
    FOR EACH ROW EXECUTE FUNCTION natter_chat_rows_changed();
CREATE TRIGGER pages_member_changed AFTER INSERT OR UPDATE OR DELETE ON chat_members
    FOR EACH ROW EXECUTE FUNCTION natter_chat_rows_changed();

CREATE FUNCTION natter_pages_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE page_counters SET epoch = epoch + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER pages_person_changed
    AFTER UPDATE OF id, username, email, display_name, bio, image, is_active, is_admin
    ON users FOR EACH ROW EXECUTE FUNCTION natter_pages_epoch();
-- An imported newcomer arriving shows their read marker in `read_by` (SQLite's step 34).
CREATE TRIGGER pages_person_arrived AFTER UPDATE OF password_hash, last_seen_at ON users
    FOR EACH ROW WHEN ((OLD.password_hash <> '' OR OLD.last_seen_at IS NOT NULL)
        IS DISTINCT FROM (NEW.password_hash <> '' OR NEW.last_seen_at IS NOT NULL))
    EXECUTE FUNCTION natter_pages_epoch();
CREATE TRIGGER pages_person_gone AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION natter_pages_epoch();
CREATE TRIGGER pages_file_changed AFTER UPDATE OR DELETE ON files
    FOR EACH ROW EXECUTE FUNCTION natter_pages_epoch();
