-- Step 41: the link previews' outbox finds its due rows by an index, as Web Push's and the
-- bots' do (push_outbox_due, bot_deliveries_due). Without it each claim, run in a write,
-- scanned and sorted every owed row: on a server sending messages with links faster than
-- previews were made, the writer spent longer on each claim as the rows piled up, and the
-- sends waited behind it.
CREATE INDEX link_previews_owed_due ON link_previews_owed(due_at);
