-- The event a Matrix device's transaction made when it is not a message of its own (a
-- reaction, an edit, a deletion): `$r...`, `$e<message>` for the message's newest
-- edit, `$d<message>`; none for a message. A sync gives each device's own events back
-- with their transaction ids, so the app replaces what it showed while sending.
ALTER TABLE matrix_txns ADD COLUMN event_id TEXT;
CREATE INDEX matrix_txns_by_message ON matrix_txns(token_hash, message_id);
