//! People's tables: accounts (`users`), browser sessions, API keys (`tokens`), the second
//! factor, OpenID Connect bindings and attempts (`identities`), password resets,
//! confirmed addresses, invitations, the people directory (`directory`), and profiles'
//! posts and friendships (`social`).

pub mod confirmed_emails;
pub mod directory;
pub mod identities;
pub mod invitations;
pub mod language;
pub mod password_resets;
pub mod sessions;
pub mod social;
pub mod status;
pub mod tokens;
pub mod two_factor;
pub mod users;
