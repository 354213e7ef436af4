-- Step 16: which sign-in made each Web Push subscription: the stored hash of the
-- session or DRF key it was made with (NULL when made with an access JWT, which is
-- stored nowhere). Ending that session or key removes the subscriptions it made, so a
-- browser signed out of stops showing new messages.
ALTER TABLE push_subscriptions ADD COLUMN made_with BYTEA;
CREATE INDEX push_subscriptions_by_sign_in ON push_subscriptions(made_with)
    WHERE made_with IS NOT NULL;
