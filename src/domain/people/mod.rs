//! People: accounts and sign-in. Registration and password sign-in (`accounts`), sign-in
//! through an OpenID Connect provider (`sign_in`), the second factor (`two_factor`), asking
//! again who is there before a provider is linked (`reauth`), each
//! person's own account (`own_account`) and their own data as a zip (`export`), who acts
//! on the administrators' rules (`actor`: an administrator or the operator), the first
//! administrator of an invitation-only server (`first_admin`), a newcomer's first day
//! (`first_day`: the rooms every newcomer starts in, `general`), profiles, posts and
//! friends (`social`), user groups mentioned as one (`user_groups`), and the benchmark helper that signs many people up at once
//! (`seed_people`). The credentials themselves (hashes, keys, JWTs, sessions) are `auth`,
//! beside this folder, because mail's links use them too.

pub mod accounts;
pub mod actor;
pub mod export;
pub mod first_admin;
pub mod first_day;
pub mod language;
pub mod own_account;
pub mod reauth;
pub mod seed_people;
pub mod sign_in;
pub mod social;
pub mod two_factor;
pub mod user_groups;
