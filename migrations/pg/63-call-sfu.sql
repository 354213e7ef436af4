-- Step 63: whether each person in a call sends and receives their media through the SFU
-- (`--sfu`) or over the mesh, as they said when they joined, so the others (on any node)
-- know whom to connect to directly. 1 through the SFU, 0 the mesh, as every flag in the
-- store. Only adds, with a default, so a node of the previous version runs on it
-- unchanged (its joiners are on the mesh, as they are).
ALTER TABLE call_sockets ADD COLUMN IF NOT EXISTS sfu BIGINT NOT NULL DEFAULT 0;
