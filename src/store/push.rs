//! Web Push's tables (schema step 13): browsers' subscriptions, the
//! chats whose new messages may owe pushes (`push_chats`), and the pushes waiting to be
//! sent (`push_outbox`), plus, on PostgreSQL, which node holds whose sockets
//! (`socket_presence`). Times in `due_at` and `claimed_until` are unix milliseconds.

use super::{Conn, StoreResult, Tx};

/// A browser's subscription as the sender needs it.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: i64,
    pub user_id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub created_at: String,
    /// A Matrix app's pusher as the app gave it (JSON), when this is one: sent to its
    /// push gateway instead of a browser's push service.
    pub matrix_pusher: Option<String>,
}

const SUBSCRIPTION_COLUMNS: &str = "id, user_id, endpoint, p256dh, auth, created_at, matrix_pusher";

fn subscription(r: &super::engine::sql::Row<'_>) -> StoreResult<Subscription> {
    subscription_from(r, 0)
}

/// A subscription read from [`SUBSCRIPTION_COLUMNS`] starting at column `at`.
fn subscription_from(r: &super::engine::sql::Row<'_>, at: usize) -> StoreResult<Subscription> {
    Ok(Subscription {
        id: r.get(at)?,
        user_id: r.get(at + 1)?,
        endpoint: r.get(at + 2)?,
        p256dh: r.get(at + 3)?,
        auth: r.get(at + 4)?,
        created_at: r.get(at + 5)?,
        matrix_pusher: r.get(at + 6)?,
    })
}

/// A browser's subscription to store.
pub struct NewSubscription<'a> {
    pub user_id: i64,
    pub endpoint: &'a str,
    pub p256dh: &'a str,
    pub auth: &'a str,
    /// The stored hash of the session or key it was made with (`None`: an access JWT).
    pub made_with: Option<Vec<u8>>,
    /// A Matrix app's pusher as given (JSON); `None` for a browser.
    pub matrix_pusher: Option<&'a str>,
}

/// Stores a subscription (a browser subscribing again, as anyone, moves its row and
/// takes new keys and the sign-in that made it now); the row as it now is.
pub fn subscribe(c: &Conn, s: &NewSubscription<'_>, now: &str) -> StoreResult<Subscription> {
    c.one(
        &format!(
            "INSERT INTO push_subscriptions
                 (user_id, endpoint, p256dh, auth, created_at, made_with, matrix_pusher)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id,
                 p256dh = excluded.p256dh, auth = excluded.auth,
                 created_at = excluded.created_at, made_with = excluded.made_with,
                 matrix_pusher = excluded.matrix_pusher
             RETURNING {SUBSCRIPTION_COLUMNS}"
        ),
        &[
            &s.user_id,
            &s.endpoint,
            &s.p256dh,
            &s.auth,
            &now,
            &s.made_with.clone(),
            &s.matrix_pusher,
        ],
        subscription,
    )
}

/// Removes every subscription of `user_id` (and what waits for them) but those made
/// with the sign-in whose hash is `keep`; how many went.
pub fn drop_all_of_user(c: &Conn, user_id: i64, keep: Option<&[u8]>) -> StoreResult<usize> {
    match keep {
        Some(keep) => c.exec(
            "DELETE FROM push_subscriptions
             WHERE user_id = ?1 AND (made_with IS NULL OR made_with <> ?2)",
            &[&user_id, &keep],
        ),
        None => c.exec(
            "DELETE FROM push_subscriptions WHERE user_id = ?1",
            &[&user_id],
        ),
    }
}

/// Removes the subscriptions made with the sign-in (session or key) whose stored hash
/// is `made_with`: it ended, and so do they.
pub fn drop_made_with(c: &Conn, made_with: &[u8]) -> StoreResult<usize> {
    c.exec(
        "DELETE FROM push_subscriptions WHERE made_with = ?1",
        &[&made_with],
    )
}

/// Removes `user_id`'s subscription at `endpoint` (a Matrix pusher's); whether there
/// was one.
pub fn drop_endpoint(c: &Conn, user_id: i64, endpoint: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "DELETE FROM push_subscriptions WHERE user_id = ?1 AND endpoint = ?2",
        &[&user_id, &endpoint],
    )? > 0)
}

/// Who sent message `id`: their id and username (`None` for a message gone, or one
/// without a person, such as a bot's hook).
pub fn sender_of(c: &Conn, id: i64) -> StoreResult<Option<(i64, String)>> {
    c.opt(
        "SELECT u.id, CAST(u.username AS TEXT) FROM messages m JOIN users u ON u.id = m.sender_id
         WHERE m.id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Whether anyone has a subscription.
pub fn any_subscription(c: &Conn) -> StoreResult<bool> {
    Ok(
        c.opt("SELECT 1 FROM push_subscriptions LIMIT 1", &[], |_| Ok(()))?
            .is_some(),
    )
}

/// `user_id`'s subscriptions, oldest first.
pub fn of_user(c: &Conn, user_id: i64) -> StoreResult<Vec<Subscription>> {
    c.all(
        &format!(
            "SELECT {SUBSCRIPTION_COLUMNS} FROM push_subscriptions WHERE user_id = ?1 ORDER BY id"
        ),
        &[&user_id],
        subscription,
    )
}

/// Removes `user_id`'s subscription `id` (and what waits for it); whether there was one.
pub fn unsubscribe(c: &Conn, user_id: i64, id: i64) -> StoreResult<bool> {
    Ok(c.exec(
        "DELETE FROM push_subscriptions WHERE id = ?1 AND user_id = ?2",
        &[&id, &user_id],
    )? > 0)
}

/// Removes subscription `id`, whoever's: its push service said it is gone (404, 410).
pub fn drop_subscription(c: &Conn, id: i64) -> StoreResult<()> {
    c.exec("DELETE FROM push_subscriptions WHERE id = ?1", &[&id])?;
    Ok(())
}

/// Notes that `message_id`, new in `chat_id`, may owe pushes: only when a member other
/// than `sender` has a subscription (one indexed probe per subscribed person otherwise).
/// A chat already waiting keeps its `due_at`, so a burst collapses into one push.
pub fn note_message(
    c: &Tx,
    chat_id: i64,
    message_id: i64,
    sender: i64,
    due_at: i64,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO push_chats (chat_id, first_message_id, last_message_id, due_at)
         SELECT ?1, ?2, ?2, ?4 WHERE EXISTS (
             SELECT 1 FROM push_subscriptions s
             JOIN chat_members m ON m.chat_id = ?1 AND m.user_id = s.user_id
             JOIN users u ON u.id = s.user_id AND u.is_active = 1
             WHERE s.user_id <> ?3)
         ON CONFLICT (chat_id) DO UPDATE SET last_message_id = excluded.last_message_id",
        &[&chat_id, &message_id, &sender, &due_at],
    )?;
    Ok(())
}

/// Up to `limit` chats whose pushes are due at `now`, soonest first.
pub fn due_chats(c: &Conn, now: i64, limit: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT chat_id FROM push_chats WHERE due_at <= ?1 ORDER BY due_at LIMIT ?2",
        &[&now, &limit],
        |r| r.get(0),
    )
}

/// Takes `chat_id`'s waiting range of message ids if it is due: the row is deleted in
/// the caller's transaction, so of several nodes exactly one plans it.
pub fn take_due_chat(c: &Tx, chat_id: i64, now: i64) -> StoreResult<Option<(i64, i64)>> {
    c.opt(
        "DELETE FROM push_chats WHERE chat_id = ?1 AND due_at <= ?2
         RETURNING first_message_id, last_message_id",
        &[&chat_id, &now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A message a push may be about.
#[derive(Debug, Clone)]
pub struct PushedMessage {
    pub id: i64,
    pub sender_id: Option<i64>,
    /// The sender's display name, else username; empty for a deleted account.
    pub sender_name: String,
    pub content: String,
    /// For a reply kept in its thread (not in the channel): the thread's root, whose
    /// followers alone hear of it at level `all`.
    pub thread_only: Option<i64>,
}

/// The messages of `chat_id` from `first` to `last` not deleted, by id.
pub fn messages_between(
    c: &Conn,
    chat_id: i64,
    first: i64,
    last: i64,
) -> StoreResult<Vec<PushedMessage>> {
    c.all(
        "SELECT m.id, m.sender_id, coalesce(nullif(u.display_name, ''), u.username, ''),
                m.content, CASE WHEN m.in_channel = 0 THEN m.thread_id END
         FROM messages m LEFT JOIN users u ON u.id = m.sender_id
         WHERE m.chat_id = ?1 AND m.id BETWEEN ?2 AND ?3 AND m.deleted_at IS NULL
         ORDER BY m.id",
        &[&chat_id, &first, &last],
        |r| {
            Ok(PushedMessage {
                id: r.get(0)?,
                sender_id: r.get(1)?,
                sender_name: r.get(2)?,
                content: r.get(3)?,
                thread_only: r.get(4)?,
            })
        },
    )
}

/// `(user_id, root_id)` of everyone following the threads of `chat_id` that have replies
/// with ids from `first` to `last`.
pub fn thread_followers_between(
    c: &Conn,
    chat_id: i64,
    first: i64,
    last: i64,
) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        "SELECT DISTINCT f.user_id, f.root_id FROM messages m
         JOIN thread_follows f ON f.root_id = m.thread_id AND f.following = 1
         WHERE m.chat_id = ?1 AND m.id BETWEEN ?2 AND ?3 AND m.thread_id IS NOT NULL",
        &[&chat_id, &first, &last],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A member of a chat with a subscription: who might be pushed.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub subscription_id: i64,
    pub user_id: i64,
    /// Their own level for the chat, if they chose one.
    pub level: Option<String>,
}

/// Every subscription of every active member of `chat_id`, by person: a deactivated
/// person's devices hear nothing more.
pub fn recipients(c: &Conn, chat_id: i64) -> StoreResult<Vec<Recipient>> {
    c.all(
        "SELECT s.id, s.user_id, m.notify_level
         FROM push_subscriptions s
         JOIN chat_members m ON m.chat_id = ?1 AND m.user_id = s.user_id
         JOIN users u ON u.id = s.user_id AND u.is_active = 1
         ORDER BY s.user_id, s.id",
        &[&chat_id],
        |r| {
            Ok(Recipient {
                subscription_id: r.get(0)?,
                user_id: r.get(1)?,
                level: r.get(2)?,
            })
        },
    )
}

/// `(user_id, message_id)` of the mentions in `chat_id` from `first` to `last`.
pub fn mentions_between(
    c: &Conn,
    chat_id: i64,
    first: i64,
    last: i64,
) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        "SELECT user_id, message_id FROM mentions
         WHERE chat_id = ?1 AND message_id BETWEEN ?2 AND ?3",
        &[&chat_id, &first, &last],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// How many members `chat_id` has (its default level depends on it).
pub fn member_count(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM chat_members WHERE chat_id = ?1",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// One push waiting for a subscription.
#[derive(Debug, Clone)]
pub struct Queued {
    pub subscription_id: i64,
    pub chat_id: i64,
    /// The saved message a reminder is about, 0 for a push of a chat's new messages: a
    /// reminder waits in a slot of its own, never joined to a message push (step 44).
    pub reminder_of: i64,
    pub message_id: i64,
    pub count: i64,
    pub title: String,
    pub body: String,
}

/// Queues `push`, due at `due_at`; one already waiting for the same subscription, chat
/// and reminder (or none) takes the newer message and adds to its count (and is let go
/// by whoever had claimed it, so the newer text is what is sent).
pub fn enqueue(c: &Tx, push: &Queued, due_at: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO push_outbox (subscription_id, chat_id, message_id, count, title, body, due_at,
                                  reminder_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (subscription_id, chat_id, reminder_of) DO UPDATE SET
             message_id = excluded.message_id, count = push_outbox.count + excluded.count,
             title = excluded.title, body = excluded.body, attempts = 0,
             due_at = excluded.due_at, claimed_by = NULL, claimed_until = NULL,
             version = push_outbox.version + 1",
        &[
            &push.subscription_id,
            &push.chat_id,
            &push.message_id,
            &push.count,
            &push.title,
            &push.body,
            &due_at,
            &push.reminder_of,
        ],
    )?;
    Ok(())
}

/// Whether any push is due at `now` and unclaimed: the sender's idle check, a read.
pub fn any_due(c: &Conn, now: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM push_outbox
         WHERE due_at <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1) LIMIT 1",
        &[&now],
        |_| Ok(()),
    )?
    .is_some())
}

/// A push claimed for sending, with where it goes.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub version: i64,
    pub attempts: i64,
    pub push: Queued,
    pub subscription: Subscription,
}

/// Claims up to `limit` pushes due at `now` for `node` until `until`. The outer
/// condition is checked again on the row as PostgreSQL locked it, so two nodes never
/// both claim one push.
pub fn claim(c: &Tx, node: &str, now: i64, until: i64, limit: i64) -> StoreResult<Vec<Claimed>> {
    let ids: Vec<(i64, i64)> = c.all(
        "UPDATE push_outbox SET claimed_by = ?1, claimed_until = ?3
         WHERE id IN (SELECT id FROM push_outbox
                      WHERE due_at <= ?2 AND (claimed_until IS NULL OR claimed_until < ?2)
                      ORDER BY due_at LIMIT ?4)
           AND due_at <= ?2 AND (claimed_until IS NULL OR claimed_until < ?2)
         RETURNING id, version",
        &[&node, &now, &until, &limit],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for (id, version) in ids {
        let row = c.opt(
            "SELECT o.attempts, o.subscription_id, o.chat_id, o.message_id, o.count, o.title,
                    o.body, s.id, s.user_id, s.endpoint, s.p256dh, s.auth, s.created_at,
                    s.matrix_pusher, o.reminder_of
             FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id
             WHERE o.id = ?1",
            &[&id],
            |r| {
                Ok(Claimed {
                    id,
                    version,
                    attempts: r.get(0)?,
                    push: Queued {
                        subscription_id: r.get(1)?,
                        chat_id: r.get(2)?,
                        reminder_of: r.get(14)?,
                        message_id: r.get(3)?,
                        count: r.get(4)?,
                        title: r.get(5)?,
                        body: r.get(6)?,
                    },
                    subscription: subscription_from(r, 7)?,
                })
            },
        )?;
        out.extend(row);
    }
    Ok(out)
}

/// The push `id` was sent (or will never be): removed, unless it changed meanwhile.
pub fn sent(c: &Conn, id: i64, version: i64) -> StoreResult<()> {
    c.exec(
        "DELETE FROM push_outbox WHERE id = ?1 AND version = ?2",
        &[&id, &version],
    )?;
    Ok(())
}

/// The push `id` failed and is tried again at `due_at`, unless it changed meanwhile.
pub fn retry_at(c: &Conn, id: i64, version: i64, due_at: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE push_outbox SET attempts = attempts + 1, due_at = ?3, claimed_by = NULL,
             claimed_until = NULL
         WHERE id = ?1 AND version = ?2",
        &[&id, &version, &due_at],
    )?;
    Ok(())
}

/// How many pushes wait (claimed or not): the queue's depth, for the metrics and tests.
pub fn waiting(c: &Conn) -> StoreResult<i64> {
    c.one("SELECT count(*) FROM push_outbox", &[], |r| r.get(0))
}

/// Notes (PostgreSQL) that `node`'s socket `socket_id` of `user_id` receives `chat_id`
/// (0: every chat of theirs).
pub fn socket_opened(
    c: &Conn,
    node: &str,
    socket_id: i64,
    user_id: i64,
    chat_id: i64,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO socket_presence (node_id, socket_id, user_id, chat_id)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        &[&node, &socket_id, &user_id, &chat_id],
    )?;
    Ok(())
}

/// Forgets `node`'s socket `socket_id`.
pub fn socket_closed(c: &Conn, node: &str, socket_id: i64) -> StoreResult<()> {
    c.exec(
        "DELETE FROM socket_presence WHERE node_id = ?1 AND socket_id = ?2",
        &[&node, &socket_id],
    )?;
    Ok(())
}

/// Forgets every socket of `node` (it is starting, or stopping) and of nodes unseen for
/// `bound_ms`.
pub fn forget_sockets(c: &Conn, node: &str, bound_ms: i64) -> StoreResult<()> {
    c.exec(
        "DELETE FROM socket_presence WHERE node_id = ?1 OR node_id NOT IN (
             SELECT node_id FROM nodes
             WHERE seen_at >= now() - ?2::bigint * interval '1 millisecond')",
        &[&node, &bound_ms],
    )?;
    Ok(())
}

/// Which of `users` has a socket receiving `chat_id` on a live node other than `node`.
pub fn watching_elsewhere(
    c: &Conn,
    node: &str,
    chat_id: i64,
    users: &[i64],
    bound_ms: i64,
) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT DISTINCT p.user_id FROM socket_presence p
         JOIN nodes n ON n.node_id = p.node_id
         WHERE p.node_id <> ?1 AND p.chat_id IN (0, ?2) AND p.user_id IN rarray(?3)
           AND n.seen_at >= now() - ?4::bigint * interval '1 millisecond'",
        &[
            &node,
            &chat_id,
            &super::engine::sql::IdList::new(users),
            &bound_ms,
        ],
        |r| r.get(0),
    )
}
