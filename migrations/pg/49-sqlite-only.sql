-- Step 49 is SQLite's alone (migrations/49-pages-triggers-without-in-lists.sql: the ready
-- pages' triggers without a list SQLite builds a table for; PostgreSQL's triggers are
-- functions of their own). This step changes nothing and keeps one step number meaning
-- one schema on both stores.
SELECT 1;
