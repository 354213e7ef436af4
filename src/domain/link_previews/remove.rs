//! What people do with previews: the sender takes a card off their message, and anyone
//! signed in reads a preview's picture by the key a message shows (natter's copy: the
//! site never sees the reader).

use crate::domain::error::{Error, Missing, Result};
use crate::domain::messaging::messages;
use crate::state::App;
use crate::store::{self, people::users::User};
use serde_json::Value;

/// Takes the preview `preview_id` off the caller's own message `message_id` (a member
/// who is not the sender: `Refusal::NotSender`; a non-member: not found); the message
/// goes to its chat's sockets as an edit. Taking off one it does not show changes nothing.
pub async fn remove(app: &App, me: &User, message_id: i64, preview_id: i64) -> Result<()> {
    let me_id = me.id;
    app.db
        .write(move |tx| {
            let (message, _chat) = messages::own_message(tx, me_id, message_id)?;
            let Some(shown) = message.previews.as_deref() else {
                return Ok(());
            };
            let Ok(Value::Array(mut cards)) = serde_json::from_str::<Value>(shown) else {
                return Ok(());
            };
            let before = cards.len();
            cards.retain(|c| c.get("id").and_then(Value::as_i64) != Some(preview_id));
            if cards.len() == before {
                return Ok(());
            }
            let kept = (!cards.is_empty()).then(|| Value::Array(cards).to_string());
            store::link_previews::set_message_previews(tx, message_id, kept.as_deref())?;
            // An edit still waiting would bring the card back from the text.
            store::link_previews::done(tx, message_id)?;
            messages::republish_on(tx, message_id)
        })
        .await
}

/// The picture kept under `key`: its media type and bytes; not found otherwise.
pub async fn image(app: &App, key: String) -> Result<(String, Vec<u8>)> {
    if key.len() > 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound(Missing::File));
    }
    app.db
        .read(move |c| store::link_previews::image(c, &key))
        .await?
        .ok_or(Error::NotFound(Missing::File))
}
