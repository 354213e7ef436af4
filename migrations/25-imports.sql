-- Step 25: what an import brought in. Each row names one thing of a source (a Slack
-- export's user, channel or message; a Django app's row) and what natter made of it, so
-- running an import again adds nothing twice and picks up where a stopped run ended.
-- `source` names the export or database imported (`slack:T0123`, `django:001:...`),
-- `kind` the sort of thing (`user`, `chat`, `message`, `file`, `reaction`), `key` its id
-- there.
CREATE TABLE import_keys (
    source    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    natter_id INTEGER NOT NULL,
    PRIMARY KEY (source, kind, key)
);
