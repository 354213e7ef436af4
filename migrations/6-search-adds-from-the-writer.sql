-- Step 6: a new message's text reaches the search index from the writer, not from a
-- trigger. The writer keeps the texts of the messages its group inserted and indexes them
-- just before COMMIT (`store::search::apply_pending`), in the same transaction as the
-- messages, as it already did with what the triggers noted. The trigger and the queue
-- table's insert and delete cost each send about a third of what the index costs it
-- (docs/benchmarks.md, thirteenth session). Edits, soft deletes and deleted chats still go
-- through the triggers of step 4 and `messages_fts_pending`.
DROP TRIGGER IF EXISTS messages_fts_added;
