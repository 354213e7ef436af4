//! Running the server: what administrators and the operator do to people and
//! invitations (`admin`), moderation of chats (`moderation`), and where people reach this
//! server (`site`).

pub mod admin;
pub mod moderation;
pub mod site;
