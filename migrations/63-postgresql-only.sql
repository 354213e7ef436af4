-- Step 63 is PostgreSQL's alone (migrations/pg/63-call-sfu.sql: whether each call
-- participant sends their media through the SFU, in `call_sockets`, the call registry
-- several nodes share). A single SQLite node keeps who is in which call, and this with
-- it, in memory; this step changes nothing and keeps one step number meaning one schema
-- on both stores.
SELECT 1;
