-- Step 9 (issue 34), PostgreSQL's half: the index's vocabulary and one function that
-- reads a search.
--
-- `search_words` holds every lexeme ever indexed: a search's last word is also a prefix,
-- and is searched as the whole words it stands for (store::search_words), because GIN
-- unions the posting lists of every lexeme of a prefix before the first match. A node
-- notes a message's lexemes as it writes it, when the text holds a word it has not noted
-- (`store::search_words::note_lexemes`; a trigger per row cost sends 3%); keys compare
-- byte-wise (`COLLATE "C"`), as SQLite's do, so a prefix is a range of the primary key.
--
-- `natter_search_query` turns what `store::search` binds (three lines: the words all
-- required, the prefix word typed, the words it stands for) into a `tsquery`. The words
-- go through `unaccent` first, as the indexed text does (`natter_search_text`), and are
-- quoted after it: `unaccent` turns some letters into quotes (`ʼ` becomes `'`), spaces
-- (`½` becomes ` 1/2`) or nothing. Every word has a space on each side inside its
-- quotes, so one that `unaccent` empties is a blank lexeme, which `to_tsquery` drops.
--
-- Only adds: a node of the previous version still searches with its own `tsquery`.
CREATE TABLE search_words (
    key  TEXT COLLATE "C" NOT NULL,
    word TEXT NOT NULL,
    PRIMARY KEY (key, word)
);
INSERT INTO search_words (key, word)
SELECT word, word FROM ts_stat('SELECT search FROM messages') ON CONFLICT DO NOTHING;


CREATE FUNCTION natter_search_words(t TEXT, joined TEXT) RETURNS tsquery
    LANGUAGE SQL STABLE
    RETURN to_tsquery('simple', ''' ' || replace(replace(replace(
        public.unaccent('public.unaccent'::regdictionary, t),
        E'\\', E'\\\\'), '''', ''''''), ' ', ' '' ' || joined || ' '' ') || ' ''');

CREATE FUNCTION natter_search_query(q TEXT) RETURNS tsquery
    LANGUAGE SQL STABLE
    RETURN public.natter_search_words(split_part(q, E'\n', 1), '&')
        && (public.natter_search_words(split_part(q, E'\n', 2), '&')
            || public.natter_search_words(split_part(q, E'\n', 3), '|'));
