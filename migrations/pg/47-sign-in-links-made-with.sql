-- Step 47 (as SQLite's): which sign-in linked each provider account from the account
-- page (`made_with`, the session's stored hash; NULL for a binding a provider sign-in
-- made with or joined to its account; empty for a link stored before this step, made by
-- a sign-in no longer known), and the session a link under way was started by.
ALTER TABLE sign_in_identities ADD COLUMN made_with BYTEA;
UPDATE sign_in_identities SET made_with = '\x'::bytea
 WHERE created_at <> (SELECT u.created_at FROM users u WHERE u.id = sign_in_identities.user_id);
ALTER TABLE sign_in_attempts ADD COLUMN link_made_with BYTEA;
