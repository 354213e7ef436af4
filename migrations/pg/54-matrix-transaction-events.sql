-- The event a Matrix device's transaction made when it is not a message of its own
-- (SQLite's step 54).
ALTER TABLE matrix_txns ADD COLUMN IF NOT EXISTS event_id TEXT;
CREATE INDEX IF NOT EXISTS matrix_txns_by_message ON matrix_txns(token_hash, message_id);
