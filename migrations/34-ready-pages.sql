-- Step 34: what a ready page (a history page or chat list kept in memory as its bytes)
-- is checked against on every request. Each chat carries `page_version`, moved by every
-- write that changes what a page of that chat shows: a message sent, edited, deleted or
-- removed (reactions, attachments and thread summaries change the message's row through
-- their own triggers), a member added, removed or moving their read marker, the chat's
-- own shown columns. People's names, pictures and standing, and files, show on every
-- chat's pages: a change to one moves `page_counters.epoch`. Triggers, not the code that
-- writes, so that a write by another process on the same file (`natter import`,
-- `natter users`) is noticed like natter's own. Each is one statement: a send fires two
-- of them, and six cost REST sends 16 % (`bench/scripts/compare.sh ... send`).
ALTER TABLE chats ADD COLUMN page_version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE page_counters (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    epoch INTEGER NOT NULL
);
INSERT INTO page_counters (id, epoch) VALUES (1, 0);

-- A new chat starts at a random version, so a chat that takes the id of one deleted
-- before never meets that chat's pages (a quarter of the range: room to count up).
CREATE TRIGGER pages_chat_made AFTER INSERT ON chats BEGIN
    UPDATE chats SET page_version = random() / 4 WHERE id = NEW.id;
END;
CREATE TRIGGER pages_message_added AFTER INSERT ON messages BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.chat_id;
END;
CREATE TRIGGER pages_message_changed AFTER UPDATE ON messages BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id IN (OLD.chat_id, NEW.chat_id);
END;
CREATE TRIGGER pages_message_gone AFTER DELETE ON messages BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = OLD.chat_id;
END;
CREATE TRIGGER pages_member_added AFTER INSERT ON chat_members BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.chat_id;
END;
CREATE TRIGGER pages_member_changed AFTER UPDATE ON chat_members BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id IN (OLD.chat_id, NEW.chat_id);
END;
CREATE TRIGGER pages_member_gone AFTER DELETE ON chat_members BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = OLD.chat_id;
END;
-- The chat's own shown columns; its counts and last message move with a message's row.
CREATE TRIGGER pages_chat_changed
 AFTER UPDATE OF id, title, name, description, max_participants, is_private, created_by,
                 archived_at, removed_at, created_at ON chats BEGIN
    UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.id;
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
