//! `mail_outbox`, the mails waiting for the relay, and `missed_mail`, what each person
//! was last mailed about. Times in `due_at`, `claimed_until` and `last_sent_at` are unix
//! milliseconds.

use super::{Conn, StoreResult, Tx};
use crate::store::engine::sql::Flag;

/// A mail to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail<'a> {
    /// Chosen once, at queueing: the `Message-ID` every attempt sends.
    pub message_id: &'a str,
    /// What the mail is (`password_reset`, `invitation`, `missed`, `test`), for the log.
    pub kind: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: &'a str,
    pub unsubscribe: Option<&'a str>,
}

/// Queues a mail, due at `due_at`.
pub fn queue(c: &Conn, m: &NewMail<'_>, due_at: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO mail_outbox (message_id, kind, recipient, subject, text_body, html_body,
                                  unsubscribe, due_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &[
            &m.message_id,
            &m.kind,
            &m.recipient,
            &m.subject,
            &m.text_body,
            &m.html_body,
            &m.unsubscribe,
            &due_at,
            &now,
        ],
    )?;
    Ok(())
}

/// Whether some mail is due at `now` and not claimed by a live node.
pub fn any_due(c: &Conn, now: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM mail_outbox
             WHERE due_at <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1) LIMIT 1",
        &[&now],
        |_| Ok(()),
    )?
    .is_some())
}

/// A queued mail, claimed for sending.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub id: i64,
    pub message_id: String,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub unsubscribe: Option<String>,
    pub attempts: i64,
}

/// Claims up to `limit` due mails for `node` until `until`; the condition is checked
/// again on the row as PostgreSQL locked it, so two nodes never both claim one mail.
pub fn claim(c: &Tx, node: &str, now: i64, until: i64, limit: i64) -> StoreResult<Vec<QueuedMail>> {
    c.all(
        "UPDATE mail_outbox SET claimed_by = ?1, claimed_until = ?3
         WHERE id IN (SELECT id FROM mail_outbox
                      WHERE due_at <= ?2 AND (claimed_until IS NULL OR claimed_until < ?2)
                      ORDER BY due_at LIMIT ?4)
           AND due_at <= ?2 AND (claimed_until IS NULL OR claimed_until < ?2)
         RETURNING id, message_id, kind, recipient, subject, text_body, html_body,
                   unsubscribe, attempts",
        &[&node, &now, &until, &limit],
        |r| {
            Ok(QueuedMail {
                id: r.get(0)?,
                message_id: r.get(1)?,
                kind: r.get(2)?,
                recipient: r.get(3)?,
                subject: r.get(4)?,
                text_body: r.get(5)?,
                html_body: r.get(6)?,
                unsubscribe: r.get(7)?,
                attempts: r.get(8)?,
            })
        },
    )
}

/// The mail `id` is done with: the relay took it, or refused it for good.
pub fn done(c: &Conn, id: i64) -> StoreResult<()> {
    c.exec("DELETE FROM mail_outbox WHERE id = ?1", &[&id])?;
    Ok(())
}

/// The mail `id` failed and is tried again at `due_at`.
pub fn retry_at(c: &Conn, id: i64, due_at: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE mail_outbox SET attempts = attempts + 1, due_at = ?2, claimed_by = NULL,
             claimed_until = NULL
         WHERE id = ?1",
        &[&id, &due_at],
    )?;
    Ok(())
}

/// Releases the mails `node` had claimed (it is starting again), or, with `all`, every
/// claim (a server alone on its database).
pub fn release_claims(c: &Conn, node: &str, all: bool) -> StoreResult<()> {
    if all {
        c.exec(
            "UPDATE mail_outbox SET claimed_by = NULL, claimed_until = NULL
             WHERE claimed_by IS NOT NULL",
            &[],
        )?;
    } else {
        c.exec(
            "UPDATE mail_outbox SET claimed_by = NULL, claimed_until = NULL
             WHERE claimed_by = ?1",
            &[&node],
        )?;
    }
    Ok(())
}

/// How many mails wait (claimed or not).
pub fn waiting(c: &Conn) -> StoreResult<i64> {
    c.one("SELECT count(*) FROM mail_outbox", &[], |r| r.get(0))
}

/// When `user_id` was last given a password reset link, as its `created_at`, if ever.
pub fn last_reset_link_at(c: &Conn, user_id: i64) -> StoreResult<Option<String>> {
    c.one(
        "SELECT max(created_at) FROM password_resets WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )
}

/// Whether `user_id` gets mails about missed messages.
pub fn set_missed_mail(c: &Conn, user_id: i64, on: bool) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET missed_mail = ?2 WHERE id = ?1",
        &[&user_id, &Flag::new(on)],
    )?;
    Ok(())
}

/// Whether `user_id` gets mails about missed messages (false for no such account).
pub fn missed_mail_on(c: &Conn, user_id: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT missed_mail FROM users WHERE id = ?1",
        &[&user_id],
        |r| r.get::<bool>(0),
    )?
    .unwrap_or(false))
}

/// `user_id`'s own delay for mails about missed messages, in seconds (`None`: the
/// server's).
pub fn missed_mail_delay(c: &Conn, user_id: i64) -> StoreResult<Option<i64>> {
    Ok(c.opt(
        "SELECT missed_mail_delay FROM users WHERE id = ?1",
        &[&user_id],
        |r| r.get::<Option<i64>>(0),
    )?
    .flatten())
}

/// Sets `user_id`'s own delay for mails about missed messages (`None`: the server's).
pub fn set_missed_mail_delay(c: &Conn, user_id: i64, secs: Option<i64>) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET missed_mail_delay = ?2 WHERE id = ?1",
        &[&user_id, &secs],
    )?;
    Ok(())
}

/// The messages of `person` a mail may list, as conditions on `m` (the message), `cm`
/// (their membership of its chat), `mm` (their `missed_mail` row) and `mc` (their
/// `missed_mail_chats` row for the chat): live, from someone else, past their read marker
/// and past what a mail already told of, sent no later than `sent_before` (a parameter).
fn mailable(person: &str, sent_before: &str) -> String {
    format!(
        "m.id > cm.last_read_message_id
         AND m.id > coalesce(mm.last_message_id, 0) AND m.id > coalesce(mc.last_message_id, 0)
         AND m.deleted_at IS NULL AND coalesce(m.sender_id, 0) <> {person}
         AND m.created_at <= {sent_before}"
    )
}

/// The chats where `user_id` has something a mail may list (see [`missed_in`]), sent no
/// later than `sent_before`.
pub fn missed_chats(c: &Conn, user_id: i64, sent_before: &str) -> StoreResult<Vec<i64>> {
    let mailable = mailable("?1", "?2");
    c.all(
        &format!(
            "SELECT n.chat_id FROM mentions n
             JOIN messages m ON m.id = n.message_id
             JOIN chat_members cm ON cm.chat_id = n.chat_id AND cm.user_id = n.user_id
             LEFT JOIN missed_mail mm ON mm.user_id = n.user_id
             LEFT JOIN missed_mail_chats mc ON mc.user_id = n.user_id AND mc.chat_id = n.chat_id
             WHERE n.user_id = ?1 AND n.read_at IS NULL
               AND coalesce(cm.notify_level, '') <> 'off' AND {mailable}
             UNION
             SELECT cm.chat_id FROM chat_members cm
             JOIN chats ch ON ch.id = cm.chat_id AND ch.kind = 'direct'
             JOIN messages m ON m.chat_id = cm.chat_id
             LEFT JOIN missed_mail mm ON mm.user_id = cm.user_id
             LEFT JOIN missed_mail_chats mc ON mc.user_id = cm.user_id AND mc.chat_id = cm.chat_id
             WHERE cm.user_id = ?1 AND ch.last_message_id > cm.last_read_message_id
               AND coalesce(cm.notify_level, 'all') = 'all' AND {mailable}"
        ),
        &[&user_id, &sent_before],
        |r| r.get(0),
    )
}

/// The people a mail about missed messages may be owed to at `now_ms`, in id order after
/// `after_user`, at most `limit`: mails on, active, with a confirmed address (an
/// unconfirmed one gets no mail carrying anyone's words), not a bot, not mailed
/// within their delay (their own, else `default_delay_ms`), and with something a mail may
/// list that was sent no later than `sent_before` (the earliest a message is old enough
/// for anyone). The same conditions as [`missed_chats`]; what only the serving nodes know
/// (which chats a tab shows) and a longer delay of the person's own are checked after.
pub fn missed_mail_candidates(
    c: &Conn,
    now_ms: i64,
    default_delay_ms: i64,
    sent_before: &str,
    after_user: i64,
    limit: i64,
) -> StoreResult<Vec<i64>> {
    c.all(
        &format!(
            "SELECT u.id FROM users u LEFT JOIN missed_mail mm ON mm.user_id = u.id
             WHERE u.id > ?2 AND u.missed_mail = 1 AND u.is_active = 1 AND u.email <> ''
               AND coalesce(mm.last_sent_at, 0) <= ?3 - coalesce(u.missed_mail_delay * 1000, ?4)
               AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = u.id)
               AND EXISTS (SELECT 1 FROM confirmed_emails ce
                           WHERE ce.user_id = u.id AND ce.email_key = u.email_key)
               AND (EXISTS (SELECT 1 FROM mentions n
                            JOIN messages m ON m.id = n.message_id
                            JOIN chat_members cm ON cm.chat_id = n.chat_id AND cm.user_id = n.user_id
                            LEFT JOIN missed_mail_chats mc
                                   ON mc.user_id = n.user_id AND mc.chat_id = n.chat_id
                            WHERE n.user_id = u.id AND n.read_at IS NULL
                              AND coalesce(cm.notify_level, '') <> 'off'
                              AND {})
                    OR EXISTS (SELECT 1 FROM chat_members cm
                               JOIN chats ch ON ch.id = cm.chat_id AND ch.kind = 'direct'
                               JOIN messages m ON m.chat_id = cm.chat_id
                               LEFT JOIN missed_mail_chats mc
                                      ON mc.user_id = cm.user_id AND mc.chat_id = cm.chat_id
                               WHERE cm.user_id = u.id
                                 AND ch.last_message_id > cm.last_read_message_id
                                 AND coalesce(cm.notify_level, 'all') = 'all'
                                 AND {}))
             ORDER BY u.id LIMIT ?5",
            mailable("u.id", "?1"),
            mailable("u.id", "?1"),
        ),
        &[
            &sent_before,
            &after_user,
            &now_ms,
            &default_delay_ms,
            &limit,
        ],
        |r| r.get(0),
    )
}

/// One message a person missed.
#[derive(Debug, Clone)]
pub struct Missed {
    pub id: i64,
    pub chat_id: i64,
    pub sender_id: Option<i64>,
    pub content: String,
    pub created_at: String,
    /// The root of the thread a reply kept in its thread is in (`None`: in the channel).
    pub thread_root: Option<i64>,
}

/// What `user_id` missed in `chat_id`, sent no later than `sent_before`: the messages
/// [`missed_chats`] counts there (mentions of them, in a chat not set to `off`; any
/// message, in a direct chat set to neither `mentions` nor `off`). Oldest first, at most
/// `limit`.
pub fn missed_in(
    c: &Conn,
    user_id: i64,
    chat_id: i64,
    sent_before: &str,
    limit: i64,
) -> StoreResult<Vec<Missed>> {
    let mailable = mailable("?1", "?2");
    c.all(
        &format!(
            "SELECT m.id, m.chat_id, m.sender_id, m.content, m.created_at,
                    CASE WHEN m.in_channel = 0 THEN m.thread_id END
             FROM chat_members cm
             JOIN chats ch ON ch.id = cm.chat_id
             JOIN messages m ON m.chat_id = cm.chat_id
             LEFT JOIN missed_mail mm ON mm.user_id = cm.user_id
             LEFT JOIN missed_mail_chats mc ON mc.user_id = cm.user_id AND mc.chat_id = cm.chat_id
             WHERE cm.user_id = ?1 AND cm.chat_id = ?3 AND {mailable}
               AND ((ch.kind = 'direct' AND coalesce(cm.notify_level, 'all') = 'all')
                    OR (coalesce(cm.notify_level, '') <> 'off'
                        AND EXISTS (SELECT 1 FROM mentions n
                                    WHERE n.user_id = ?1 AND n.message_id = m.id
                                      AND n.read_at IS NULL)))
             ORDER BY m.id LIMIT ?4"
        ),
        &[&user_id, &sent_before, &chat_id, &limit],
        |r| {
            Ok(Missed {
                id: r.get(0)?,
                chat_id: r.get(1)?,
                sender_id: r.get(2)?,
                content: r.get(3)?,
                created_at: r.get(4)?,
                thread_root: r.get(5)?,
            })
        },
    )
}

/// Notes that `user_id` was mailed at `now_ms`, about each `(chat, newest message)` of
/// `told`; the chats left out keep their marker, so what they hold is mailed later.
pub fn note_mailed(c: &Conn, user_id: i64, told: &[(i64, i64)], now_ms: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO missed_mail (user_id, last_sent_at) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET last_sent_at = excluded.last_sent_at",
        &[&user_id, &now_ms],
    )?;
    for (chat_id, message_id) in told {
        c.exec(
            "INSERT INTO missed_mail_chats (user_id, chat_id, last_message_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (user_id, chat_id) DO UPDATE
                 SET last_message_id = excluded.last_message_id",
            &[&user_id, chat_id, message_id],
        )?;
    }
    Ok(())
}

/// Whether `user_id` was mailed about missed messages after `since_ms`.
pub fn mailed_since(c: &Conn, user_id: i64, since_ms: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM missed_mail WHERE user_id = ?1 AND last_sent_at > ?2",
        &[&user_id, &since_ms],
        |_| Ok(()),
    )?
    .is_some())
}
