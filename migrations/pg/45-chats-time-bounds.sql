-- Step 45 (SQLite's migrations/45-chats-time-bounds.sql says why): each chat keeps the
-- times of its oldest and newest messages, set in the update the ready pages' trigger
-- already makes for every new or changed message.
ALTER TABLE chats ADD COLUMN first_message_at TEXT;
ALTER TABLE chats ADD COLUMN last_message_at TEXT;
UPDATE chats c SET first_message_at = b.first_at, last_message_at = b.last_at
  FROM (SELECT chat_id, min(created_at) AS first_at, max(created_at) AS last_at
          FROM messages GROUP BY chat_id) b
 WHERE b.chat_id = c.id;
CREATE OR REPLACE FUNCTION natter_chat_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'messages' AND TG_OP <> 'DELETE' THEN
        -- A new message, or one changed: its chat's version moves and its bounds widen
        -- to its time, in one update.
        UPDATE chats SET page_version = page_version + 1,
               first_message_at = LEAST(coalesce(first_message_at, NEW.created_at), NEW.created_at),
               last_message_at = GREATEST(coalesce(last_message_at, NEW.created_at), NEW.created_at)
         WHERE id = NEW.chat_id;
        IF TG_OP = 'UPDATE' AND NEW.chat_id <> OLD.chat_id THEN
            UPDATE chats SET page_version = page_version + 1 WHERE id = OLD.chat_id;
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE chats SET page_version = page_version + 1 WHERE id = OLD.chat_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.chat_id <> OLD.chat_id) THEN
        UPDATE chats SET page_version = page_version + 1 WHERE id = NEW.chat_id;
    END IF;
    RETURN NULL;
END $$;
