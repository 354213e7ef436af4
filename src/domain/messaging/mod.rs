//! Messages and threads: the chats they live in and who may be there (`chats`), sending,
//! editing and reacting (`messages`), reading history (`history`), threads and the quote
//! line of a reply (`threads`, `replies`), mentions, search (its operators' syntax `search_syntax`), each person's notification
//! level per chat (`notify_levels`), who is watching a chat now (`presence`, which pushes and mails skip), and the views every surface renders (`views`); the server's own emoji (`custom_emoji`); a
//! chat's topic (`topics`) and what a room's own admins do besides (`room_admin`: archiving,
//! the rooms browser).

pub mod chats;
pub mod custom_emoji;
pub mod history;
pub mod mentions;
pub mod messages;
pub mod notify_levels;
pub mod pins;
pub mod presence;
pub mod replies;
pub mod room_admin;
pub mod search;
pub mod search_syntax;
pub mod threads;
pub mod topics;
pub mod views;
