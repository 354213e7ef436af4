-- Step 30: when each person who joined a call left it (`left_at`, NULL while they are in
-- it): by `leave_call`, their last socket closing, their node stopping, or losing the
-- chat (removed, left, the chat deleted). Joining again clears it; the call's end fills
-- it for anyone still without one.
ALTER TABLE call_answers ADD COLUMN left_at TEXT;
