//! Ready pages: the bytes of a history page or a chat list kept in memory after it was
//! built, with the versions of the chats it was built from, so that the next request for
//! the same page at the same versions is answered without reading or rendering a row.
//!
//! A ready page never decides who may read it. Every request checks its caller and
//! reads the live versions from the database first (the chats' `page_version`, moved by
//! triggers on every write that changes what a page shows, by natter or by any other
//! process on the same database; `store::pages`), and a page is answered from here only
//! when the versions it was built at are exactly those. So nothing here is ever
//! invalidated by hand: a page whose chats moved on is simply not equal any more, and is
//! dropped when next asked for or when memory runs short.
//!
//! Memory is bounded (`--ready-pages-mib`): the least recently used pages give way, and a
//! page larger than a sixteenth of the bound is not kept. The brotli and gzip forms of a
//! page are made the first time a client asks for them and kept beside it.

mod lru;
mod page;

pub use lru::ReadyPages;
pub use page::{PageVersion, ReadyPage};
