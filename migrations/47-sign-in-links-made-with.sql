-- Step 47: which sign-in linked each provider account from the account page: the stored
-- hash of that browser session (`made_with`, as push subscriptions keep theirs). A
-- password change ends the links made by every other sign-in, a reset ends them all. A
-- binding made when a provider sign-in made or joined the account has none (NULL).
-- Bindings stored before this step that were not made with their account are marked
-- with an empty hash: made from an account page by a sign-in no longer known, so the
-- next password change ends them too. A link under way keeps the session that started
-- it until its provider answers (`link_made_with`): it binds only while that session
-- still lives.
ALTER TABLE sign_in_identities ADD COLUMN made_with BLOB;
UPDATE sign_in_identities SET made_with = X''
 WHERE created_at <> (SELECT u.created_at FROM users u WHERE u.id = sign_in_identities.user_id);
ALTER TABLE sign_in_attempts ADD COLUMN link_made_with BLOB;
