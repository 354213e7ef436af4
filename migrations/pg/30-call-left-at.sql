-- Step 30: when each person who joined a call left it; see migrations/30-call-left-at.sql.
ALTER TABLE call_answers ADD COLUMN left_at TEXT;
