//! The live versions a ready page is checked against on every request
//! (migrations/34-ready-pages.sql): each chat's `page_version`, which triggers move on
//! every write that changes what its pages show, whoever writes, and the epoch that
//! people's and files' changes move. Read before the page itself, in the same job, so a
//! page built after them is never older than they say.

use crate::store::{Conn, StoreResult};

/// The epoch and the versions of the chats a page shows, `(chat id, page_version)`.
pub type Versions = (i64, Vec<(i64, i64)>);

/// The versions of `chat_id`'s pages if `user_id` is one of its members; `None` when
/// the chat is missing or they are not in it (the page then answers as it always did).
pub fn of_chat_for_member(c: &Conn, chat_id: i64, user_id: i64) -> StoreResult<Option<Versions>> {
    c.opt(
        "SELECT c.page_version, (SELECT epoch FROM page_counters WHERE id = 1)
         FROM chats c JOIN chat_members m ON m.chat_id = c.id AND m.user_id = ?2
         WHERE c.id = ?1",
        &[&chat_id, &user_id],
        |r| Ok((r.get::<i64>(1)?, vec![(chat_id, r.get::<i64>(0)?)])),
    )
}

/// The versions of every chat `user_id` is a member of (`direct_only`: of their direct
/// chats alone), by chat id: what a list across their chats was built from.
pub fn of_members_chats(c: &Conn, user_id: i64, direct_only: bool) -> StoreResult<Versions> {
    let epoch = c.one("SELECT epoch FROM page_counters WHERE id = 1", &[], |r| {
        r.get::<i64>(0)
    })?;
    let chats = c.all(
        "SELECT c.id, c.page_version FROM chat_members m JOIN chats c ON c.id = m.chat_id
         WHERE m.user_id = ?1 AND (CAST(?2 AS BIGINT) = 0 OR c.kind = 'direct') ORDER BY c.id",
        &[&user_id, &i64::from(direct_only)],
        |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?)),
    )?;
    Ok((epoch, chats))
}
