-- Step 48, PostgreSQL's alone: the words inside links, addresses, file names, versions
-- and numbers are indexed as well as the whole token.
--
-- PostgreSQL's text search parser reads `https://example.org/plan` as one url token (with
-- its host `example.org` and its path `/plan`), `bob@example.org` as one email,
-- `report.pdf` as one file and `v1.2` as one version, where SQLite's FTS5 (`unicode61`)
-- reads the words `https`, `example`, `org`, `plan`, `bob`, `report`, `pdf`, `v1`, `2`.
-- A search's terms are always such words (store::messaging::search cuts them at every
-- character that is not a letter or digit), so `example` or `pdf` found nothing here.
-- The indexed text is now the message's own parse joined with the parse of the same
-- text with ASCII punctuation written as spaces; a text without punctuation is parsed
-- once. Positions are not read by any search (phrases are tested on the text itself).
--
-- The function keeps its name and its signature, so the generated column `search` and a
-- node of the previous version read it unchanged; the stored vectors are then made
-- again (only for texts with punctuation, whose vector changes), without moving the
-- pages' versions (what a page shows does not change), and the vocabulary learns the
-- new words, so a prefix stands for them.
CREATE OR REPLACE FUNCTION natter_search_text(t TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN translate(t, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '') = t
            THEN to_tsvector('public.natter_search'::regconfig, t)
        ELSE to_tsvector('public.natter_search'::regconfig, t)
            || to_tsvector('public.natter_search'::regconfig,
                           translate(t, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~',
                                        '                                '))
    END;

ALTER TABLE messages DISABLE TRIGGER pages_message_changed;
UPDATE messages SET content = content
 WHERE content <> translate(content, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '');
ALTER TABLE messages ENABLE TRIGGER pages_message_changed;

INSERT INTO search_words (key, word)
SELECT word, word FROM ts_stat('SELECT search FROM messages') ON CONFLICT DO NOTHING;
