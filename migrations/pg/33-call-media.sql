-- Step 33: what each person in a call says of their microphone and camera, so the others
-- (and whoever joins later, on any node) see a crossed one on their tile. 1 on, 0 off,
-- as every flag in the store; on until the person says otherwise. Kept per socket row
-- like the rest of `call_sockets`, every row of one person in one call alike. Only adds,
-- with defaults, so a node of the previous version runs on it unchanged.
ALTER TABLE call_sockets
    ADD COLUMN microphone_on BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN camera_on BIGINT NOT NULL DEFAULT 1;
