-- Step 2: every message counts its attachments and reactions, kept exact by triggers,
-- so a page of history looks for attachments and reactions only on messages that have
-- some (probing 50 ids in two indexes was a quarter of a page's work).
ALTER TABLE messages ADD COLUMN file_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN reaction_count INTEGER NOT NULL DEFAULT 0;

UPDATE messages SET file_count = (SELECT count(*) FROM message_files WHERE message_id = messages.id)
 WHERE id IN (SELECT message_id FROM message_files);
UPDATE messages SET reaction_count = (SELECT count(*) FROM reactions WHERE message_id = messages.id)
 WHERE id IN (SELECT message_id FROM reactions);

CREATE TRIGGER message_files_counted AFTER INSERT ON message_files BEGIN
    UPDATE messages SET file_count = file_count + 1 WHERE id = NEW.message_id;
END;
CREATE TRIGGER message_files_uncounted AFTER DELETE ON message_files BEGIN
    UPDATE messages SET file_count = file_count - 1 WHERE id = OLD.message_id;
END;
CREATE TRIGGER reactions_counted AFTER INSERT ON reactions BEGIN
    UPDATE messages SET reaction_count = reaction_count + 1 WHERE id = NEW.message_id;
END;
CREATE TRIGGER reactions_uncounted AFTER DELETE ON reactions BEGIN
    UPDATE messages SET reaction_count = reaction_count - 1 WHERE id = OLD.message_id;
END;
