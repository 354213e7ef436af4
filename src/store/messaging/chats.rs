//! The `chats` and `chat_members` tables.

use crate::store::engine::sql::{Flag, Row};
use crate::store::{ChatKind, Conn, Dialect, MemberRole, StoreError, StoreResult, Tx};

pub use crate::model::{Chat, Member};

pub(in crate::store) const CHAT_COLUMNS: &str =
    "c.id, c.kind, c.title, c.name, c.description, c.max_participants, c.is_private,
    c.created_by, c.last_message_id, c.message_count, c.created_at, c.updated_at, c.archived_at, c.topic,
    c.image, c.encryption";

/// How many columns [`CHAT_COLUMNS`] reads: the index of the first column a query
/// selects after them.
pub(in crate::store) const CHAT_COLUMN_COUNT: usize = 16;

/// Stored text as one of a closed set (`ChatKind`, `MemberRole`), refusing anything else.
fn stored<T>(text: &str, parse: fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(text).ok_or_else(|| StoreError::Internal(format!("database: unknown value {text:?}")))
}

pub(in crate::store) fn chat_from_row(r: &Row<'_>) -> StoreResult<Chat> {
    chat_at(r, 0)
}

/// A chat from the [`CHAT_COLUMNS`] starting at column `at`.
fn chat_at(r: &Row<'_>, at: usize) -> StoreResult<Chat> {
    Ok(Chat {
        id: r.get(at)?,
        kind: stored(r.get(at + 1)?, ChatKind::parse)?,
        title: r.get(at + 2)?,
        name: r.get(at + 3)?,
        description: r.get(at + 4)?,
        max_participants: r.get(at + 5)?,
        is_private: r.get(at + 6)?,
        created_by: r.get(at + 7)?,
        last_message_id: r.get(at + 8)?,
        message_count: r.get(at + 9)?,
        created_at: r.get(at + 10)?,
        updated_at: r.get(at + 11)?,
        archived_at: r.get(at + 12)?,
        topic: r.get(at + 13)?,
        image: r.get(at + 14)?,
        encryption: r.get(at + 15)?,
    })
}

fn member_from_row(r: &Row<'_>) -> StoreResult<Member> {
    member_at(r, 0)
}

/// A member from the five member columns starting at column `at`.
fn member_at(r: &Row<'_>, at: usize) -> StoreResult<Member> {
    Ok(Member {
        chat_id: r.get(at)?,
        user_id: r.get(at + 1)?,
        role: stored(r.get(at + 2)?, MemberRole::parse)?,
        joined_at: r.get(at + 3)?,
        last_read_message_id: r.get(at + 4)?,
    })
}

/// Fields of a new chat.
pub struct NewChat<'a> {
    pub kind: ChatKind,
    pub title: &'a str,
    pub name: Option<&'a str>,
    pub description: &'a str,
    pub max_participants: Option<i64>,
    pub is_private: bool,
    pub created_by: i64,
    /// For direct chats: the two user ids, lower first.
    pub direct_pair: Option<(i64, i64)>,
}

impl<'a> NewChat<'a> {
    /// A direct chat between `pair`, made by `created_by`, with its messenger room
    /// `name` when it is free.
    pub fn direct(created_by: i64, pair: (i64, i64), name: Option<&'a str>) -> Self {
        NewChat {
            kind: ChatKind::Direct,
            title: "",
            name,
            description: "",
            max_participants: Some(2),
            is_private: true,
            created_by,
            direct_pair: Some(pair),
        }
    }
}

/// Inserts a chat and returns its id. For a direct pair that already has a chat (another
/// node created it since the caller looked, on PostgreSQL) it is that chat's id: see
/// [`insert_direct`].
pub fn insert(c: &Conn, n: &NewChat, now: &str) -> StoreResult<i64> {
    if n.direct_pair.is_some() {
        return Ok(insert_direct(c, n, now)?.0);
    }
    c.one(
        "INSERT INTO chats (kind, title, name, description, max_participants, is_private, created_by,
                            direct_low, direct_high, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
        &[
            &n.kind.as_str(),
            &n.title,
            &n.name,
            &n.description,
            &n.max_participants,
            &Flag::new(n.is_private),
            &n.created_by,
            &None::<i64>,
            &None::<i64>,
            &now,
        ],
        |r| r.get(0),
    )
}

/// Inserts the direct chat of `n.direct_pair` unless the pair has one; returns the id of
/// the pair's chat and whether this call created it. Nodes writing at once (PostgreSQL)
/// cannot make two chats of a pair: the partial unique index `chats_direct_pair` lets one
/// insert win, the others wait for it and then read its chat. A name taken in the same
/// race (a unique index too) leaves the new chat unnamed, as a name already taken does.
pub fn insert_direct(c: &Conn, n: &NewChat, now: &str) -> StoreResult<(i64, bool)> {
    let (low, high) = match n.direct_pair {
        Some((a, b)) => (a.min(b), a.max(b)),
        None => {
            return Err(StoreError::Internal(
                "a direct chat without its pair".into(),
            ))
        }
    };
    let mut name = n.name;
    loop {
        // No conflict target: a clash on the pair or on the name is skipped, and told
        // apart below by reading the pair's chat.
        let created: Option<i64> = c.opt(
            "INSERT INTO chats (kind, title, name, description, max_participants, is_private, created_by,
                                direct_low, direct_high, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
             ON CONFLICT DO NOTHING RETURNING id",
            &[
                &n.kind.as_str(),
                &n.title,
                &name,
                &n.description,
                &n.max_participants,
                &Flag::new(n.is_private),
                &n.created_by,
                &low,
                &high,
                &now,
            ],
            |r| r.get(0),
        )?;
        if let Some(id) = created {
            return Ok((id, true));
        }
        let existing: Option<i64> = c.opt(
            "SELECT id FROM chats WHERE kind = 'direct' AND direct_low = ?1 AND direct_high = ?2",
            &[&low, &high],
            |r| r.get(0),
        )?;
        match (existing, name) {
            (Some(id), _) => return Ok((id, false)),
            // Only the name clashed: once more without it.
            (None, Some(_)) => name = None,
            (None, None) => {
                return Err(StoreError::Internal(format!(
                    "direct chat of {low} and {high} neither inserted nor found"
                )))
            }
        }
    }
}

/// The chat with this id (none once an administrator removed it).
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<Chat>> {
    c.opt(&BY_ID_SQL, &[&id], chat_from_row)
}

/// Formatted once: every send reads its chat with it.
static BY_ID_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("SELECT {CHAT_COLUMNS} FROM chats c WHERE c.id = ?1 AND c.removed_at IS NULL")
});

/// Archives a chat (`at` the time) or unarchives it (`None`); whether it changed.
pub fn set_archived(c: &Conn, id: i64, at: Option<&str>) -> StoreResult<bool> {
    let changed = match at {
        Some(at) => c.exec(
            "UPDATE chats SET archived_at = ?2
              WHERE id = ?1 AND removed_at IS NULL AND archived_at IS NULL",
            &[&id, &at],
        )?,
        None => c.exec(
            "UPDATE chats SET archived_at = NULL
              WHERE id = ?1 AND removed_at IS NULL AND archived_at IS NOT NULL",
            &[&id],
        )?,
    };
    Ok(changed > 0)
}

/// The chat with this unique name (messenger room names).
pub fn by_name(c: &Conn, name: &str) -> StoreResult<Option<Chat>> {
    let sql =
        format!("SELECT {CHAT_COLUMNS} FROM chats c WHERE c.name = ?1 AND c.removed_at IS NULL");
    c.opt(&sql, &[&name], chat_from_row)
}

/// The direct chat of a pair of users.
pub fn direct_between(c: &Conn, a: i64, b: i64) -> StoreResult<Option<Chat>> {
    c.opt(&DIRECT_BETWEEN_SQL, &[&a.min(b), &a.max(b)], chat_from_row)
}

/// The account `other` (active or not) with the direct chat between it and `me`, if
/// there is one, in one statement: what a send through the inbox reads first. Two
/// statements (the person, then the chat) cost a send 8,900 more instructions, of about
/// 358,000 (`TRANSPORT=inbox bench/scripts/send-instructions.sh`). `None` when there is
/// no such account.
pub fn person_and_direct_chat(
    c: &Conn,
    me: i64,
    other: i64,
) -> StoreResult<Option<(crate::store::people::users::User, Option<Chat>)>> {
    c.opt(
        &PERSON_AND_DIRECT_SQL,
        &[&other, &me.min(other), &me.max(other)],
        |r| {
            use crate::store::people::users::{from_row, COLUMN_COUNT};
            let person = from_row(r)?;
            let found: Option<i64> = r.get(COLUMN_COUNT)?;
            let chat = match found {
                Some(_) => Some(chat_at(r, COLUMN_COUNT)?),
                None => None,
            };
            Ok((person, chat))
        },
    )
}

static PERSON_AND_DIRECT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {people}, {CHAT_COLUMNS} FROM users u
           LEFT JOIN chats c ON c.kind = 'direct' AND c.direct_low = ?2 AND c.direct_high = ?3
          WHERE u.id = ?1",
        people = crate::store::people::users::COLUMNS_OF_U,
    )
});

/// Formatted once: a bot's and a search's direct chat are read with it.
static DIRECT_BETWEEN_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {CHAT_COLUMNS} FROM chats c
          WHERE c.kind = 'direct' AND c.direct_low = ?1 AND c.direct_high = ?2"
    )
});

/// Locks the chat's row until the write job ends, so that what the job checks of the chat
/// (its member count against `max_participants`) still holds when it adds a member: on
/// PostgreSQL other nodes write at once, and a second joiner waits here for the first
/// one's commit, then counts it. Call it before reading what is checked. On SQLite the one
/// writer already runs write jobs one at a time: nothing to do, no statement.
pub fn lock(c: &Tx, chat_id: i64) -> StoreResult<()> {
    match c.dialect() {
        Dialect::Sqlite => Ok(()),
        Dialect::Postgres => {
            c.opt(
                "SELECT id FROM chats WHERE id = ?1 FOR UPDATE",
                &[&chat_id],
                |_| Ok(()),
            )?;
            Ok(())
        }
    }
}

/// Chats `user_id` belongs to, optionally of some kinds, most recently active first.
pub fn for_user(c: &Conn, user_id: i64, kinds: &[ChatKind]) -> StoreResult<Vec<Chat>> {
    let sql = format!(
        "SELECT {CHAT_COLUMNS} FROM chat_members m JOIN chats c ON c.id = m.chat_id
         WHERE m.user_id = ?1 ORDER BY c.updated_at DESC, c.id DESC"
    );
    let mut out = Vec::new();
    c.each(&sql, &[&user_id], |r| {
        let chat = chat_from_row(r)?;
        if kinds.is_empty() || kinds.contains(&chat.kind) {
            out.push(chat);
        }
        Ok::<_, StoreError>(())
    })?;
    Ok(out)
}

/// How many chats `user_id` belongs to.
pub fn count_for_user(c: &Conn, user_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM chat_members WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )
}

/// One window of `user_id`'s chats, most recently active first (as `for_user` orders
/// them), so a chat list page does not load every chat of the user.
pub fn window_for_user(c: &Conn, user_id: i64, limit: i64, offset: i64) -> StoreResult<Vec<Chat>> {
    let sql = format!(
        "SELECT {CHAT_COLUMNS} FROM chat_members m JOIN chats c ON c.id = m.chat_id
         WHERE m.user_id = ?1 ORDER BY c.updated_at DESC, c.id DESC LIMIT ?2 OFFSET ?3"
    );
    c.all(&sql, &[&user_id, &limit, &offset], chat_from_row)
}

/// Every chat not removed, by id: what an export writes.
pub fn all_live(c: &Conn) -> StoreResult<Vec<Chat>> {
    let sql =
        format!("SELECT {CHAT_COLUMNS} FROM chats c WHERE c.removed_at IS NULL ORDER BY c.id");
    c.all(&sql, &[], chat_from_row)
}

/// Every chat of a kind, newest first (for public room listings).
pub fn all_of_kind(c: &Conn, kind: ChatKind) -> StoreResult<Vec<Chat>> {
    let sql = format!(
        "SELECT {CHAT_COLUMNS} FROM chats c WHERE c.kind = ?1 AND c.removed_at IS NULL ORDER BY c.id DESC"
    );
    c.all(&sql, &[&kind.as_str()], chat_from_row)
}

/// Changes title/description/size/privacy; `None` leaves a field as it is.
pub fn update(
    c: &Conn,
    id: i64,
    title: Option<&str>,
    description: Option<&str>,
    max_participants: Option<Option<i64>>,
    is_private: Option<bool>,
    now: &str,
) -> StoreResult<()> {
    let set_max = Flag::new(max_participants.is_some());
    let max = max_participants.flatten();
    let is_private = is_private.map(i64::from);
    // The flag is cast so that PostgreSQL types it as the bigint it is bound as.
    c.exec(
        "UPDATE chats SET title = coalesce(?2, title), description = coalesce(?3, description),
        max_participants = CASE WHEN CAST(?4 AS BIGINT) = 1 THEN ?5 ELSE max_participants END,
        is_private = coalesce(?6, is_private), updated_at = ?7 WHERE id = ?1",
        &[&id, &title, &description, &set_max, &max, &is_private, &now],
    )?;
    Ok(())
}

/// Sets a chat's `m.room.encryption` content.
pub fn set_encryption(c: &Conn, id: i64, encryption: &str, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE chats SET encryption = ?2, updated_at = ?3 WHERE id = ?1",
        &[&id, &encryption, &now],
    )?;
    Ok(())
}

/// Sets a chat's picture (an upload's download path, empty for none).
pub fn set_image(c: &Conn, id: i64, image: &str, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE chats SET image = ?2, updated_at = ?3 WHERE id = ?1",
        &[&id, &image, &now],
    )?;
    Ok(())
}

/// Sets a chat's topic; whether it changed.
pub fn set_topic(c: &Conn, id: i64, topic: &str, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE chats SET topic = ?2, updated_at = ?3 WHERE id = ?1 AND topic <> ?2",
        &[&id, &topic, &now],
    )? > 0)
}

/// Sets the unique name of a chat.
pub fn set_name(c: &Conn, id: i64, name: &str) -> StoreResult<()> {
    c.exec("UPDATE chats SET name = ?2 WHERE id = ?1", &[&id, &name])?;
    Ok(())
}

/// Whether chat `chat_id` is a direct chat (false for none): its messages' entries in
/// SQLite's full-text index leave out the sender's word (`index_pending::chat_column`).
pub(in crate::store) fn is_direct(c: &Conn, chat_id: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT kind = 'direct' FROM chats WHERE id = ?1",
        &[&chat_id],
        |r| r.get(0),
    )?
    .unwrap_or(false))
}

/// Deletes a chat with everything in it.
pub fn delete(c: &Conn, id: i64) -> StoreResult<()> {
    c.exec("DELETE FROM chats WHERE id = ?1", &[&id])?;
    Ok(())
}

/// Removes a chat as moderation, keeping it: marked removed, its unique name freed, its
/// members moved to `removed_chat_members` (so no list that goes through memberships
/// shows it). Its messages stay. Returns the name it had.
pub fn remove(c: &Conn, id: i64, now: &str) -> StoreResult<Option<String>> {
    let name: Option<String> = c
        .opt("SELECT name FROM chats WHERE id = ?1", &[&id], |r| r.get(0))?
        .flatten();
    c.exec(
        "UPDATE chats SET removed_at = ?2, name = NULL WHERE id = ?1",
        &[&id, &now],
    )?;
    c.exec(
        "INSERT INTO removed_chat_members (chat_id, user_id, role, joined_at, last_read_message_id)
         SELECT chat_id, user_id, role, joined_at, last_read_message_id FROM chat_members
         WHERE chat_id = ?1",
        &[&id],
    )?;
    c.exec("DELETE FROM chat_members WHERE chat_id = ?1", &[&id])?;
    Ok(name)
}

/// Notes on SQLite a message a member's send is about to insert: its chat's last message,
/// count and update time, with the version of its ready pages and its time bounds, which
/// no trigger moves for a message's insert (migrations/50-a-send-writes-its-chat-once.sql).
/// On the writer, held for the group's end while only sends run (`chats_pending`).
pub(in crate::store) fn note_sent_message(
    c: &Conn,
    chat_id: i64,
    message_id: i64,
    now: &str,
) -> StoreResult<()> {
    use crate::store::clock::{lower_bound_of, upper_bound_of};
    use crate::store::engine::chats_pending::{NOTED, NOTE_SQL};
    if NOTED.hold((chat_id, message_id, now.to_string())).is_some() {
        let (first, last) = (lower_bound_of(now), upper_bound_of(now));
        c.exec(
            NOTE_SQL,
            &[&chat_id, &message_id, &1i64, &first, &now, &last],
        )?;
    }
    Ok(())
}

/// Moves on SQLite the version of a chat's ready pages and its time bounds for a message
/// inserted at `at` other than by a send (imports, seeding): what the insert's trigger
/// did before a send noted it in its own statement
/// (migrations/50-a-send-writes-its-chat-once.sql).
pub(in crate::store) fn note_pages_of_new_message(
    c: &Conn,
    chat_id: i64,
    at: &str,
) -> StoreResult<()> {
    let (first, last) = (
        crate::store::clock::lower_bound_of(at),
        crate::store::clock::upper_bound_of(at),
    );
    c.exec(
        "UPDATE chats SET page_version = page_version + 1,
                first_message_us = min(coalesce(first_message_us, ?2), ?2),
                last_message_us = max(coalesce(last_message_us, ?3), ?3)
          WHERE id = ?1",
        &[&chat_id, &first, &last],
    )?;
    Ok(())
}

/// Records `count` imported messages at once in the chat's counters: its last message
/// `last_id`, its count, and its activity time `last_at` (the last one's).
/// An import notes a batch's messages once at its end: on PostgreSQL each update of the
/// chat's row leaves a version that later updates in the same transaction walk.
pub fn note_imported_messages(
    c: &Conn,
    chat_id: i64,
    last_id: i64,
    count: i64,
    last_at: &str,
) -> StoreResult<()> {
    c.exec(
        "UPDATE chats SET last_message_id = ?2, message_count = message_count + ?3, updated_at = ?4
         WHERE id = ?1",
        &[&chat_id, &last_id, &count, &last_at],
    )?;
    Ok(())
}

/// Records `count` bulk-inserted messages ending at `last_id` (benchmark seeding).
pub fn note_messages(c: &Conn, chat_id: i64, last_id: i64, count: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE chats SET last_message_id = ?2, message_count = message_count + ?3 WHERE id = ?1",
        &[&chat_id, &last_id, &count],
    )?;
    Ok(())
}

/// Records a deleted message in the chat's counters.
pub fn note_message_deleted(c: &Conn, chat_id: i64) -> StoreResult<()> {
    // SQLite's two-argument max() is PostgreSQL's greatest().
    let sql = match c.dialect() {
        Dialect::Sqlite => {
            "UPDATE chats SET message_count = max(message_count - 1, 0) WHERE id = ?1"
        }
        Dialect::Postgres => {
            "UPDATE chats SET message_count = greatest(message_count - 1, 0) WHERE id = ?1"
        }
    };
    c.exec(sql, &[&chat_id])?;
    Ok(())
}

/// Adds a member (no-op if present, also when another node adds them at the same time);
/// returns whether it was added.
pub fn add_member(
    c: &Conn,
    chat_id: i64,
    user_id: i64,
    role: MemberRole,
    now: &str,
) -> StoreResult<bool> {
    let n = c.exec(
        "INSERT INTO chat_members (chat_id, user_id, role, joined_at, last_read_message_id)
         SELECT ?1, ?2, ?3, ?4, last_message_id FROM chats WHERE id = ?1
         ON CONFLICT DO NOTHING",
        &[&chat_id, &user_id, &role.as_str(), &now],
    )?;
    Ok(n > 0)
}

/// Removes a member; returns whether they were one.
pub fn remove_member(c: &Conn, chat_id: i64, user_id: i64) -> StoreResult<bool> {
    Ok(c.exec(
        "DELETE FROM chat_members WHERE chat_id = ?1 AND user_id = ?2",
        &[&chat_id, &user_id],
    )? > 0)
}

/// Sets a member's notification level for the chat (`None`: the chat's default); false
/// when they are no member.
pub fn set_notify_level(
    c: &Conn,
    chat_id: i64,
    user_id: i64,
    level: Option<&str>,
) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE chat_members SET notify_level = ?3 WHERE chat_id = ?1 AND user_id = ?2",
        &[&chat_id, &user_id, &level],
    )? > 0)
}

/// One chat of a person, with what decides their notification level for it.
pub struct LevelOfChat {
    pub chat_id: i64,
    pub kind: ChatKind,
    pub members: i64,
    /// Their own level, `None` when they follow the chat's default.
    pub own: Option<String>,
}

/// `user_id`'s chats (all, or only the chat `only`) with their kind, member count and own
/// notification level, by chat id.
pub fn notify_levels(c: &Conn, user_id: i64, only: Option<i64>) -> StoreResult<Vec<LevelOfChat>> {
    c.all(
        "SELECT m.chat_id, c.kind, (SELECT count(*) FROM chat_members o WHERE o.chat_id = m.chat_id),
                m.notify_level
         FROM chat_members m JOIN chats c ON c.id = m.chat_id
         WHERE m.user_id = ?1 AND m.chat_id = coalesce(?2, m.chat_id) ORDER BY m.chat_id",
        &[&user_id, &only],
        |r| {
            let kind: String = r.get(1)?;
            let kind = ChatKind::parse(&kind)
                .ok_or_else(|| StoreError::Internal(format!("unknown chat kind {kind}")))?;
            Ok(LevelOfChat {
                chat_id: r.get(0)?,
                kind,
                members: r.get(2)?,
                own: r.get(3)?,
            })
        },
    )
}

/// Changes a member's role.
pub fn set_role(c: &Conn, chat_id: i64, user_id: i64, role: MemberRole) -> StoreResult<()> {
    c.exec(
        "UPDATE chat_members SET role = ?3 WHERE chat_id = ?1 AND user_id = ?2",
        &[&chat_id, &user_id, &role.as_str()],
    )?;
    Ok(())
}

/// The membership of `user_id` in `chat_id`.
pub fn member(c: &Conn, chat_id: i64, user_id: i64) -> StoreResult<Option<Member>> {
    c.opt(
        "SELECT chat_id, user_id, role, joined_at, last_read_message_id FROM chat_members
         WHERE chat_id = ?1 AND user_id = ?2",
        &[&chat_id, &user_id],
        member_from_row,
    )
}

/// The chat and every member's id (ascending), when `user_id` is one of them: what a
/// send checks and whom its event goes to, as SQLite's send reads them. The membership
/// is looked up in the audience rather than read again (a third statement on the
/// writer for every send), and on the writer a group's sends read a chat once while
/// only sends run (`engine::send_run`). On PostgreSQL the send checks the membership and reads the
/// audience inside its own statement (`store::messaging::messages::insert_sent_by_member`) and
/// does not call this.
pub fn membership_and_audience(
    c: &Conn,
    chat_id: i64,
    user_id: i64,
) -> StoreResult<Option<(Chat, Vec<i64>)>> {
    use crate::store::engine::send_run;
    let (chat, audience) = match send_run::chat(chat_id) {
        Some(kept) => kept,
        None => {
            let Some(chat) = by_id(c, chat_id)? else {
                return Ok(None);
            };
            let audience = member_ids(c, chat_id)?;
            send_run::keep_chat(&chat, &audience);
            (chat, audience)
        }
    };
    if audience.binary_search(&user_id).is_err() {
        return Ok(None);
    }
    Ok(Some((chat, audience)))
}

/// PostgreSQL: every member's id of chat `?1`, comma-separated in one column, read by
/// [`audience_at`].
pub(in crate::store) const AUDIENCE_OF_CHAT_1: &str =
    "(SELECT string_agg(a.user_id::text, ',') FROM chat_members a WHERE a.chat_id = ?1)";

/// The member ids of column `i`, [`AUDIENCE_OF_CHAT_1`], ascending.
pub(in crate::store) fn audience_at(r: &Row<'_>, i: usize) -> StoreResult<Vec<i64>> {
    let ids: String = r.get(i)?;
    let mut audience = ids
        .split(',')
        .map(|id| {
            id.parse::<i64>()
                .map_err(|_| StoreError::Internal(format!("database: member id {id:?}")))
        })
        .collect::<StoreResult<Vec<i64>>>()?;
    audience.sort_unstable();
    Ok(audience)
}

/// All members of a chat, in join order.
pub fn members(c: &Conn, chat_id: i64) -> StoreResult<Vec<Member>> {
    c.all(
        "SELECT chat_id, user_id, role, joined_at, last_read_message_id FROM chat_members
         WHERE chat_id = ?1 ORDER BY joined_at, user_id",
        &[&chat_id],
        member_from_row,
    )
}

/// A chat's members with their accounts (members whose account is gone left out), in
/// join order: one statement, where an account read per member made a 5,000-member
/// chat's state 5,000 statements (a member's chat list took 32-46 ms, `natter-bench
/// storm`).
pub fn members_with_accounts(
    c: &Conn,
    chat_id: i64,
) -> StoreResult<Vec<(crate::store::people::users::User, Member)>> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT {}, m.chat_id, m.user_id, m.role, m.joined_at, m.last_read_message_id
               FROM chat_members m JOIN users u ON u.id = m.user_id
              WHERE m.chat_id = ?1 ORDER BY m.joined_at, m.user_id",
            crate::store::people::users::COLUMNS_OF_U
        )
    });
    // The member's columns follow the account's (`users::from_row` reads 0-11).
    c.all(&SQL, &[&chat_id], |r| {
        Ok((
            crate::store::people::users::from_row(r)?,
            member_at(r, crate::store::people::users::COLUMN_COUNT)?,
        ))
    })
}

/// A member's receipt mark (see [`receipt_marks`]) over `chat_members m` joined to
/// `users u`: the one spelling of "an account its person used" for every statement that
/// names readers.
macro_rules! receipt_mark {
    () => {
        "CASE WHEN u.password_hash <> '' OR u.last_seen_at IS NOT NULL
              THEN coalesce(m.shown_read_message_id, m.last_read_message_id) ELSE 0 END"
    };
}

/// Chat `?1`'s live message count with each member's id and receipt mark (see
/// [`receipt_marks`]), a row per member in join order (one row of NULLs for a chat
/// without members).
pub(in crate::store) const COUNT_AND_READ_MARKERS: &str = concat!(
    "SELECT c.message_count, m.user_id, ",
    receipt_mark!(),
    " FROM chats c LEFT JOIN chat_members m ON m.chat_id = c.id
            LEFT JOIN users u ON u.id = m.user_id
      WHERE c.id = ?1 ORDER BY m.joined_at, m.user_id"
);

/// Each member's `(user_id, receipt mark)`, in join order: how far they have been seen
/// to read, which is what `read_by` names. It is their read marker (or, after a private
/// receipt moved that further, how far they were shown to read), except for an
/// account its person never used (no password of its own, never seen signing in or on
/// a socket: an import's newcomer, a bot's), whose marker an import moved so that they
/// start with nothing unread, and who read nothing: 0.
pub fn receipt_marks(c: &Conn, chat_id: i64) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        concat!(
            "SELECT m.user_id, ",
            receipt_mark!(),
            " FROM chat_members m JOIN users u ON u.id = m.user_id
             WHERE m.chat_id = ?1 ORDER BY m.joined_at, m.user_id"
        ),
        &[&chat_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Member user ids of a chat.
pub fn member_ids(c: &Conn, chat_id: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT user_id FROM chat_members WHERE chat_id = ?1 ORDER BY user_id",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// The names of chat `chat_id`'s first `limit` members in join order, each as people
/// see it (the display name, else the username): what an untitled group is called.
pub fn member_names(c: &Conn, chat_id: i64, limit: i64) -> StoreResult<Vec<String>> {
    c.all(
        "SELECT CASE WHEN u.display_name <> '' THEN u.display_name
                     ELSE CAST(u.username AS TEXT) END
         FROM chat_members m JOIN users u ON u.id = m.user_id
         WHERE m.chat_id = ?1 ORDER BY m.joined_at, m.user_id LIMIT ?2",
        &[&chat_id, &limit],
        |r| r.get(0),
    )
}

/// How many members a chat has.
pub fn member_count(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM chat_members WHERE chat_id = ?1",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// Moves a member's read marker forward to `message_id`, never backward; returns whether
/// it moved (`false` too when `user_id` is not a member). One statement, so on PostgreSQL
/// two nodes moving the same marker at once leave the further of the two.
///
/// A moved marker changes who has read the chat's messages, so on SQLite it moves the
/// version of the chat's ready pages here: no trigger watches the marker
/// (migrations/50-a-send-writes-its-chat-once.sql). PostgreSQL's trigger does.
pub fn advance_read(c: &Conn, chat_id: i64, user_id: i64, message_id: i64) -> StoreResult<bool> {
    // Read in the open: a private receipt's hidden mark, behind, is the marker again.
    let moved = c.exec(
        "UPDATE chat_members SET last_read_message_id = ?3, shown_read_message_id = NULL
         WHERE chat_id = ?1 AND user_id = ?2 AND last_read_message_id < ?3",
        &[&chat_id, &user_id, &message_id],
    )? > 0;
    pages_read_again(c, chat_id, moved)?;
    Ok(moved)
}

/// A moved read mark changes who has read the chat's messages: on SQLite the version of
/// the chat's ready pages moves with it (PostgreSQL's trigger moves it).
fn pages_read_again(c: &Conn, chat_id: i64, moved: bool) -> StoreResult<()> {
    if moved && c.dialect() == Dialect::Sqlite {
        c.exec(
            "UPDATE chats SET page_version = page_version + 1 WHERE id = ?1",
            &[&chat_id],
        )?;
    }
    Ok(())
}

/// Moves a member's read marker forward to `message_id` privately (Matrix's
/// `m.read.private`): their unread counts follow it, while the others are still shown
/// the mark they saw before. Whether it moved. Moves the chat's page version on SQLite
/// as [`advance_read`] does (a page's unread counts are the reader's).
pub fn advance_read_privately(
    c: &Conn,
    chat_id: i64,
    user_id: i64,
    message_id: i64,
) -> StoreResult<bool> {
    let moved = c.exec(
        "UPDATE chat_members
            SET shown_read_message_id = coalesce(shown_read_message_id, last_read_message_id),
                last_read_message_id = ?3
          WHERE chat_id = ?1 AND user_id = ?2 AND last_read_message_id < ?3",
        &[&chat_id, &user_id, &message_id],
    )? > 0;
    pages_read_again(c, chat_id, moved)?;
    Ok(moved)
}

/// Shows the others that a member read up to `message_id`, which their read marker
/// reached already by a private receipt: the shown mark moves forward (and is the
/// marker again once it reaches it). Whether it moved.
pub fn show_read(c: &Conn, chat_id: i64, user_id: i64, message_id: i64) -> StoreResult<bool> {
    let moved = c.exec(
        "UPDATE chat_members
            SET shown_read_message_id = CASE WHEN ?3 >= last_read_message_id THEN NULL
                                             ELSE ?3 END
          WHERE chat_id = ?1 AND user_id = ?2 AND shown_read_message_id < ?3",
        &[&chat_id, &user_id, &message_id],
    )? > 0;
    pages_read_again(c, chat_id, moved)?;
    Ok(moved)
}

/// How far a member is shown to have read (their receipt mark before the rule for
/// accounts never used): `None` for no such member.
pub fn shown_read(c: &Conn, chat_id: i64, user_id: i64) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT coalesce(shown_read_message_id, last_read_message_id) FROM chat_members
          WHERE chat_id = ?1 AND user_id = ?2",
        &[&chat_id, &user_id],
        |r| r.get(0),
    )
}

/// Moves a member's read marker forward to `message_id` and nothing else; whether it
/// moved. A send moves its sender's this way, in its transaction, which moved the chat's
/// page version already ([`note_sent_message`]); [`advance_read`] moves the version too.
pub(in crate::store) fn advance_read_to_own(
    c: &Conn,
    chat_id: i64,
    user_id: i64,
    message_id: i64,
) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE chat_members SET last_read_message_id = ?3
         WHERE chat_id = ?1 AND user_id = ?2 AND last_read_message_id < ?3",
        &[&chat_id, &user_id, &message_id],
    )? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Db;

    fn user(c: &Conn, name: &str) -> StoreResult<i64> {
        crate::store::engine::test_support::person(c, name)
    }

    fn direct(a: i64, b: i64, name: Option<&str>) -> NewChat<'_> {
        NewChat {
            kind: ChatKind::Direct,
            title: "",
            name,
            description: "",
            max_participants: Some(2),
            is_private: true,
            created_by: a,
            direct_pair: Some((a, b)),
        }
    }

    #[tokio::test]
    async fn a_pair_has_one_direct_chat_and_a_taken_name_is_left_off() {
        let db = Db::in_memory(Default::default());
        db.write(|tx| -> StoreResult<()> {
            let (a, b, x) = (user(tx, "a")?, user(tx, "b")?, user(tx, "x")?);
            let (first, created) = insert_direct(tx, &direct(a, b, Some("a_b")), "t")?;
            assert!(created);
            // The same pair, either way round: the chat there is.
            assert_eq!(insert_direct(tx, &direct(b, a, None), "t")?, (first, false));
            assert_eq!(insert(tx, &direct(a, b, Some("a_b")), "t")?, first);
            // Another pair whose name is taken: made, without a name.
            let (other, created) = insert_direct(tx, &direct(a, x, Some("a_b")), "t")?;
            assert!(created && other != first);
            let chat = by_id(tx, other)?.expect("made");
            assert_eq!(
                (chat.kind, chat.name, chat.is_private),
                (ChatKind::Direct, None, true)
            );
            assert_eq!(direct_between(tx, x, a)?.map(|c| c.id), Some(other));
            assert_eq!(by_name(tx, "a_b")?.map(|c| c.id), Some(first));
            // The person and the pair's chat in one read, either way round; the person
            // alone when the pair has none (a note to self included); no one for an
            // unknown id.
            let found = |me, them| -> StoreResult<Option<(i64, Option<i64>)>> {
                Ok(person_and_direct_chat(tx, me, them)?.map(|(u, c)| (u.id, c.map(|c| c.id))))
            };
            assert_eq!(found(x, a)?, Some((a, Some(other))));
            assert_eq!(found(a, x)?, Some((x, Some(other))));
            assert_eq!(found(b, x)?, Some((x, None)));
            assert_eq!(found(a, a)?, Some((a, None)));
            assert_eq!(found(a, 999)?, None);
            let chat = person_and_direct_chat(tx, a, b)?
                .and_then(|(_, c)| c)
                .expect("chat");
            assert_eq!((chat.id, chat.kind), (first, ChatKind::Direct));
            Ok(())
        })
        .await
        .expect("write");
    }

    #[tokio::test]
    async fn members_counters_and_read_markers() {
        let db = Db::in_memory(Default::default());
        db.write(|tx| -> StoreResult<()> {
            let (a, b) = (user(tx, "a")?, user(tx, "b")?);
            let id = insert(tx, &crate::store::engine::test_support::group_by(a), "t0")?;
            lock(tx, id)?;
            note_imported_messages(tx, id, 7, 1, "t1")?;
            assert!(add_member(tx, id, a, MemberRole::Admin, "t1")?);
            assert!(!add_member(tx, id, a, MemberRole::Member, "t1")?);
            assert!(add_member(tx, id, b, MemberRole::Member, "t2")?);
            let m = member(tx, id, b)?.expect("member");
            assert_eq!((m.role, m.last_read_message_id), (MemberRole::Member, 7));
            set_role(tx, id, b, MemberRole::Admin)?;
            assert_eq!(members(tx, id)?[1].role, MemberRole::Admin);
            assert_eq!((member_count(tx, id)?, count_for_user(tx, b)?), (2, 1));

            assert!(advance_read(tx, id, b, 9)?);
            assert!(!advance_read(tx, id, b, 8)?);
            assert!(!advance_read(tx, id, 999, 10)?);
            let mut markers = (0, Vec::new());
            tx.each(COUNT_AND_READ_MARKERS, &[&id], |r| {
                markers.0 = r.get(0)?;
                markers.1.push((r.get::<i64>(1)?, r.get::<i64>(2)?));
                Ok::<_, StoreError>(())
            })?;
            assert_eq!(markers, (1, vec![(a, 7), (b, 9)]));

            note_message_deleted(tx, id)?;
            note_message_deleted(tx, id)?;
            assert_eq!(by_id(tx, id)?.expect("chat").message_count, 0);

            update(tx, id, Some("h"), None, Some(Some(5)), Some(true), "t3")?;
            let chat = by_id(tx, id)?.expect("chat");
            assert_eq!(
                (chat.title.as_str(), chat.max_participants, chat.is_private),
                ("h", Some(5), true)
            );
            update(tx, id, None, Some("d"), None, None, "t4")?;
            let chat = by_id(tx, id)?.expect("chat");
            assert_eq!(
                (chat.description.as_str(), chat.max_participants),
                ("d", Some(5))
            );
            update(tx, id, None, None, Some(None), Some(false), "t5")?;
            let chat = by_id(tx, id)?.expect("chat");
            assert_eq!((chat.max_participants, chat.is_private), (None, false));

            assert_eq!(for_user(tx, b, &[ChatKind::Direct])?.len(), 0);
            assert_eq!(for_user(tx, b, &[ChatKind::Group])?.len(), 1);
            assert_eq!(window_for_user(tx, b, 10, 0)?.len(), 1);
            assert_eq!(all_of_kind(tx, ChatKind::Group)?.len(), 1);
            assert!(remove_member(tx, id, b)?);
            assert!(!remove_member(tx, id, b)?);
            assert_eq!(member_ids(tx, id)?, vec![a]);
            Ok(())
        })
        .await
        .expect("write");
    }
}
