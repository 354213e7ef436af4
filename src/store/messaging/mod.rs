//! Chats and their messages: `chats` and their members (with the kinds and roles stored
//! as text, `kinds`), the administrators' list of them (`admin_chats`), the rooms every
//! newcomer starts in (`default_rooms`), messages and reactions (`messages`, the row both
//! they and the search read, `message_row`), threads, mentions, uploaded files' rows
//! (`files`) and their images' thumbnails (`thumbnails`), pinned messages (`pins`), the rooms browser's list (`room_browser`), each
//! person's saved messages and their reminders (`saved`), messages sent later (`scheduled`), the versions ready pages are checked against (`page_versions`), and full-text search (`search`, its vocabulary `search_words`, its
//! snippets `snippet`, its operators `search_filters`).

pub mod admin_chats;
pub mod chats;
pub mod default_rooms;
pub mod files;
mod found;
mod kinds;
pub mod mentions;
mod message_row;
pub mod messages;
pub mod page_versions;
pub mod pins;
pub mod room_browser;
pub mod saved;
pub mod scheduled;
pub mod search;
pub mod search_filters;
pub mod search_words;
mod snippet;
pub mod threads;
pub mod thumbnails;
