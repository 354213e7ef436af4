-- Step 18: storage quotas sum each person's files on every upload, and removing an
-- unattached upload asks whether any other row still names its content.
CREATE INDEX files_owner ON files(owner_id);
CREATE INDEX files_sha256 ON files(sha256);
