-- Step 18: indexes for storage quotas and unattached uploads; see
-- migrations/18-files-by-owner-and-content.sql.
CREATE INDEX files_owner ON files(owner_id);
CREATE INDEX files_sha256 ON files(sha256);
