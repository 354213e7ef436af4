-- Step 44 (as SQLite's): a saved message's reminder is pushed in a slot of its own,
-- `reminder_of` (the reminded message, 0 for a chat's new messages) joining the queue's
-- key. The old key goes in the same step: kept, it would still join a reminder to a
-- message push. An older node still running during a rolling upgrade then fails to plan
-- its pushes; the chats it could not plan stay owed, and a node of this version plans
-- them (docs/deploy.md, "Rolling upgrade").
ALTER TABLE push_outbox ADD COLUMN reminder_of BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX push_outbox_slot ON push_outbox(subscription_id, chat_id, reminder_of);
ALTER TABLE push_outbox DROP CONSTRAINT push_outbox_subscription_id_chat_id_key;
