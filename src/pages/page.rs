//! A ready page and the versions it was built at.

use bytes::Bytes;
use std::sync::atomic::AtomicUsize;
use std::sync::OnceLock;

/// What a page was built from: the epoch of people's and files' changes and, for each
/// chat it shows, `(chat id, page_version)` in the order the store lists them. Two
/// versions are equal only when every chat and the epoch are the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageVersion {
    pub epoch: i64,
    pub chats: Box<[(i64, i64)]>,
}

impl PageVersion {
    /// Bytes it takes in memory, counted against the bound.
    pub(super) fn size(&self) -> usize {
        std::mem::size_of::<Self>() + self.chats.len() * 16
    }
}

/// A page's JSON body, and its compressed forms once a client has asked for them.
pub struct ReadyPage {
    pub(super) version: PageVersion,
    /// The JSON as built.
    pub plain: Bytes,
    /// The brotli form (`Accept-Encoding: br`).
    pub brotli: OnceLock<Bytes>,
    /// The gzip form.
    pub gzip: OnceLock<Bytes>,
    /// Bytes the store counts for it while it is kept (0 once it is not), changed only
    /// under the store's lock: a form made after the page left adds nothing.
    pub(super) counted: AtomicUsize,
}

impl ReadyPage {
    /// Bytes it takes in memory when put, before any compressed form.
    pub(super) fn size(&self) -> usize {
        std::mem::size_of::<Self>() + self.version.size() + self.plain.len()
    }
}
