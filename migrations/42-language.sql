-- Step 42: the language a person chose for natter (a BCP 47 tag: en, de, es, pt-BR, ja,
-- ar), or NULL while their browser's languages decide. Mail is written in it, and every
-- device the person signs in on shows it. Not shown in any history page or chat list, so
-- no ready-page trigger moves for it (pages_person_changed names its columns).
ALTER TABLE users ADD COLUMN language TEXT;
