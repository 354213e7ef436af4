//! Messages sent from Matrix apps: natter's own send (its checks, mentions, pushes,
//! bots), once per transaction id of the device, so a retried request is one message.

use crate::domain::error::{Error, Refusal, Result};
use crate::domain::messaging::messages::{send_reply_on, send_sealed_on, Sent};
use crate::domain::messaging::threads::ReplyTarget;
use crate::state::App;
use crate::store;
use crate::store::people::users::User;

/// What a send with a transaction id did.
enum Outcome {
    /// The transaction had sent this message already.
    Again(i64),
    /// It sent a new one.
    New(Sent),
}

/// What a Matrix app sends: text, or a file it uploaded (then the text is empty), or
/// an encrypted message.
pub struct Outgoing {
    pub chat_id: i64,
    pub content: String,
    pub attachments: Vec<i64>,
    pub target: ReplyTarget,
    /// An `m.room.encrypted` content, kept as sent (`content` and `attachments` are then
    /// unused).
    pub sealed: Option<String>,
}

/// Sends `out` as `me` from the device whose token hashes to `device`, under the app's
/// transaction id `txn`; answers the message's id, the same one for every retry of the
/// transaction.
pub async fn send(
    app: &App,
    me: &User,
    device: Vec<u8>,
    txn: String,
    out: Outgoing,
) -> Result<i64> {
    let Outgoing {
        chat_id,
        content,
        attachments,
        target,
        sealed,
    } = out;
    if sealed.is_some() && app.config.refuse_encryption {
        return Err(Error::Forbidden(Refusal::EncryptionRefused));
    }
    let me = me.clone();
    let app2 = app.clone();
    let outcome = app
        .db
        .send_in_chat(chat_id, move |tx| -> Result<Outcome> {
            if let Some(id) = store::matrix::txns::find(tx, &device, &txn)? {
                return Ok(Outcome::Again(id));
            }
            let sent = match &sealed {
                Some(sealed) => send_sealed_on(tx, &app2, &me, chat_id, sealed.clone(), target)?,
                None => send_reply_on(
                    tx,
                    &app2,
                    &me,
                    chat_id,
                    content.clone(),
                    attachments.clone(),
                    target,
                )?,
            };
            store::matrix::txns::insert(tx, &device, &txn, sent.id())?;
            Ok(Outcome::New(sent))
        })
        .await?;
    Ok(match outcome {
        Outcome::Again(id) => id,
        Outcome::New(sent) => sent.committed(app).id,
    })
}

/// Notes, before it is made, that the device whose token hashes to `device` makes
/// `event` on `message` under its transaction id `txn` (a reaction `$r...`, an edit
/// `$e<message>`, a deletion `$d<message>`), so the device's syncs give the event back
/// with that id and the app replaces what it showed while sending.
pub async fn note_transaction(
    app: &App,
    device: Vec<u8>,
    txn: String,
    message: i64,
    event: String,
) -> Result<()> {
    if device.is_empty() {
        return Ok(());
    }
    app.db
        .write(move |c| {
            Ok(store::matrix::txns::note_event(
                c, &device, &txn, message, &event,
            )?)
        })
        .await
}

/// The transactions of a device on messages from `first_message` on: (message id, the
/// event when not the message itself, transaction id).
pub async fn transactions(
    app: &App,
    device: Vec<u8>,
    first_message: i64,
) -> Result<Vec<(i64, Option<String>, String)>> {
    app.db
        .read(move |c| {
            Ok(store::matrix::txns::from_message(
                c,
                &device,
                first_message,
            )?)
        })
        .await
}
