-- Step 33 is PostgreSQL's alone (migrations/pg/33-call-media.sql: each call participant's
-- microphone and camera in `call_sockets`, the call registry several nodes share). A
-- single SQLite node keeps who is in which call, and this with it, in memory; this step
-- changes nothing and keeps one step number meaning one schema on both stores.
SELECT 1;
