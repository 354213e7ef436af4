-- Step 8 is PostgreSQL's alone (migrations/pg/8-chat-events.sql: each chat's event
-- sequence and the outbox that several nodes repair gaps from, issue 33). One SQLite
-- node delivers every event in-process in commit order and has nothing to repair, so
-- the step changes nothing here; it exists so that one step number means one schema.
SELECT 1;
