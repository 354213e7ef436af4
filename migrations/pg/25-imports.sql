-- Step 25: what an import brought in; see migrations/25-imports.sql.
CREATE TABLE import_keys (
    source    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    natter_id BIGINT NOT NULL,
    PRIMARY KEY (source, kind, key)
);
