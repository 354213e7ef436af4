-- Step 34: what a ready page (a history page or chat list kept in memory as its bytes)
-- is checked against on every request. Each chat carries `page_version`, set anew from
-- `page_counters.seq` by every write that changes what a page of that chat shows: a
-- message sent, edited, deleted or removed (reactions, attachments and thread summaries
-- change the message's row through their own triggers), a member added, removed or
-- moving their read marker, the chat's own row. People's names, pictures and activity,
-- and files, show on every chat's pages: a change to one moves `page_counters.epoch`.
-- Triggers, not the code that writes, so that a write by another process on the same
-- file (`natter import`, `natter users`) is noticed like natter's own.
ALTER TABLE chats ADD COLUMN page_version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE page_counters (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    epoch INTEGER NOT NULL
);
INSERT INTO page_counters (id, seq, epoch) VALUES (1, 0, 0);

CREATE TRIGGER pages_message_added AFTER INSERT ON messages BEGIN
    UPDATE page_counters SET seq = seq + 1;
    UPDATE chats SET page_version = (SELECT seq FROM page_counters) WHERE id = NEW.chat_id;
END;
CREATE TRIGGER pages_message_changed AFTER UPDATE ON messages BEGIN
    UPDATE page_counters SET seq = seq + 1;
    UPDATE chats SET page_version = (SELECT seq FROM page_counters)
     WHERE id IN (OLD.chat_id, NEW.chat_id);
END;
CREATE TRIGGER pages_message_gone AFTER DELETE ON messages BEGIN
    UPDATE page_counters SET seq = seq + 1;
    UPDATE chats SET page_version = (SELECT seq FROM page_counters) WHERE id = OLD.chat_id;
END;
CREATE TRIGGER pages_member_added AFTER INSERT ON chat_members BEGIN
    UPDATE page_counters SET seq = seq + 1;
    UPDATE chats SET page_version = (SELECT seq FROM page_counters) WHERE id = NEW.chat_id;
END;
CREATE TRIGGER pages_member_changed AFTER UPDATE ON chat_members BEGIN
    UPDATE page_counters SET seq = seq + 1;
    UPDATE chats SET page_version = (SELECT seq FROM page_counters)
     WHERE id IN (OLD.chat_id, NEW.chat_id);
END;
CREATE TRIGGER pages_member_gone AFTER DELETE ON chat_members BEGIN
    UPDATE page_counters SET seq = seq + 1;
    UPDATE chats SET page_version = (SELECT seq FROM page_counters) WHERE id = OLD.chat_id;
END;
-- The chat's own row (title, archive, counts): the triggers above set `page_version`
-- themselves, so only an update that left it alone takes a new one.
CREATE TRIGGER pages_chat_changed AFTER UPDATE ON chats
 WHEN NEW.page_version = OLD.page_version BEGIN
    UPDATE page_counters SET seq = seq + 1;
    UPDATE chats SET page_version = (SELECT seq FROM page_counters) WHERE id = NEW.id;
END;
CREATE TRIGGER pages_person_changed
 AFTER UPDATE OF id, username, email, display_name, bio, image, is_active, is_admin ON users BEGIN
    UPDATE page_counters SET epoch = epoch + 1;
END;
-- Whether a person ever used their account (a password of their own, or seen signing in)
-- decides whether their read marker shows in `read_by`: an imported newcomer arriving
-- changes pages, while an ordinary sign-in moving `last_seen_at` does not.
CREATE TRIGGER pages_person_arrived AFTER UPDATE OF password_hash, last_seen_at ON users
 WHEN (OLD.password_hash <> '' OR OLD.last_seen_at IS NOT NULL)
   IS NOT (NEW.password_hash <> '' OR NEW.last_seen_at IS NOT NULL) BEGIN
    UPDATE page_counters SET epoch = epoch + 1;
END;
CREATE TRIGGER pages_person_gone AFTER DELETE ON users BEGIN
    UPDATE page_counters SET epoch = epoch + 1;
END;
CREATE TRIGGER pages_file_changed AFTER UPDATE ON files BEGIN
    UPDATE page_counters SET epoch = epoch + 1;
END;
CREATE TRIGGER pages_file_gone AFTER DELETE ON files BEGIN
    UPDATE page_counters SET epoch = epoch + 1;
END;
