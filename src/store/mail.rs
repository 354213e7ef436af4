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

/// The people a mail about missed messages may be owed to now: mails on, active, with an
/// address, not a bot, last mailed no later than `mailed_before` (unix ms), and with an
/// unread mention, or an unread message in a direct chat, newer than the last one they
/// were mailed about. At most `limit`.
pub fn missed_mail_candidates(c: &Conn, mailed_before: i64, limit: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT u.id FROM users u LEFT JOIN missed_mail mm ON mm.user_id = u.id
         WHERE u.missed_mail = 1 AND u.is_active = 1 AND u.email <> ''
           AND coalesce(mm.last_sent_at, 0) <= ?1
           AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = u.id)
           AND (EXISTS (SELECT 1 FROM mentions n
                        WHERE n.user_id = u.id AND n.read_at IS NULL
                          AND n.message_id > coalesce(mm.last_message_id, 0))
                OR EXISTS (SELECT 1 FROM chat_members cm
                           JOIN chats ch ON ch.id = cm.chat_id AND ch.kind = 'direct'
                           WHERE cm.user_id = u.id
                             AND ch.last_message_id > cm.last_read_message_id
                             AND ch.last_message_id > coalesce(mm.last_message_id, 0)))
         ORDER BY u.id LIMIT ?2",
        &[&mailed_before, &limit],
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
}

/// The newest message `user_id` was mailed about (0 if none yet).
pub fn last_mailed_message(c: &Conn, user_id: i64) -> StoreResult<i64> {
    Ok(c.opt(
        "SELECT last_message_id FROM missed_mail WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )?
    .unwrap_or(0))
}

/// What `user_id` missed after message `after`, sent no later than `sent_before`: live
/// messages from others past their read marker that mention them (in chats not set to
/// `off`), or that are in a direct chat set to neither `mentions` nor `off`. Oldest
/// first, at most `limit`.
pub fn missed_by(
    c: &Conn,
    user_id: i64,
    after: i64,
    sent_before: &str,
    limit: i64,
) -> StoreResult<Vec<Missed>> {
    let row = |r: &super::engine::sql::Row<'_>| {
        Ok(Missed {
            id: r.get(0)?,
            chat_id: r.get(1)?,
            sender_id: r.get(2)?,
            content: r.get(3)?,
            created_at: r.get(4)?,
        })
    };
    let mut found = c.all(
        "SELECT m.id, m.chat_id, m.sender_id, m.content, m.created_at
         FROM mentions n
         JOIN messages m ON m.id = n.message_id
         JOIN chat_members cm ON cm.chat_id = n.chat_id AND cm.user_id = n.user_id
         WHERE n.user_id = ?1 AND n.read_at IS NULL AND n.message_id > ?2
           AND m.id > cm.last_read_message_id AND m.deleted_at IS NULL
           AND m.created_at <= ?3 AND coalesce(cm.notify_level, '') <> 'off'
         ORDER BY m.id LIMIT ?4",
        &[&user_id, &after, &sent_before, &limit],
        row,
    )?;
    found.extend(c.all(
        "SELECT m.id, m.chat_id, m.sender_id, m.content, m.created_at
         FROM chat_members cm
         JOIN chats ch ON ch.id = cm.chat_id AND ch.kind = 'direct'
         JOIN messages m ON m.chat_id = cm.chat_id
         WHERE cm.user_id = ?1 AND m.id > cm.last_read_message_id AND m.id > ?2
           AND m.deleted_at IS NULL AND coalesce(m.sender_id, 0) <> ?1
           AND m.created_at <= ?3 AND coalesce(cm.notify_level, 'all') = 'all'
         ORDER BY m.id LIMIT ?4",
        &[&user_id, &after, &sent_before, &limit],
        row,
    )?);
    found.sort_by_key(|m| m.id);
    found.dedup_by_key(|m| m.id);
    found.truncate(limit as usize);
    Ok(found)
}

/// Notes that `user_id` was mailed at `now_ms` about messages up to `last_message_id`.
pub fn note_mailed(c: &Conn, user_id: i64, last_message_id: i64, now_ms: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO missed_mail (user_id, last_message_id, last_sent_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET last_message_id = excluded.last_message_id,
                                             last_sent_at = excluded.last_sent_at",
        &[&user_id, &last_message_id, &now_ms],
    )?;
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
