-- Step 5 is PostgreSQL's alone (migrations/pg/5-cluster-state.sql: the shared state of
-- several nodes, which a SQLite database never has). On SQLite it changes nothing, so
-- that one step number means one schema on both stores.
SELECT 1;
