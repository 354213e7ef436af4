//! What Matrix apps keep on the server for a person (`account_data`): settings for the
//! account or for one of their chats, as the JSON the app gave, told to the person's
//! other devices through their next sync. Types the server itself keeps (where one has
//! read to, the push rules) are not written this way.

use crate::domain::error::{Error, Problem, Result};
use crate::domain::messaging::chats;
use crate::state::App;
use crate::store;

/// The largest content kept, in bytes of JSON.
pub const MAX_CONTENT: usize = 64 * 1024;

/// Types natter keeps itself, which apps set through other routes.
const SERVERS_OWN: [&str; 2] = ["m.fully_read", "m.push_rules"];

/// Stores `content` (JSON text) as `kind` for the account (`chat: None`) or for one of
/// the person's chats.
pub async fn put(
    app: &App,
    me: i64,
    chat: Option<i64>,
    kind: String,
    content: String,
) -> Result<()> {
    if SERVERS_OWN.contains(&kind.as_str()) {
        return Err(Error::field(
            "type",
            Problem::Worded("This type is the server's to set."),
        ));
    }
    if kind.is_empty() || kind.len() > 255 {
        return Err(Error::field(
            "type",
            Problem::Worded("The type must be 1 to 255 bytes."),
        ));
    }
    if content.len() > MAX_CONTENT {
        return Err(Error::TooLarge);
    }
    app.db
        .write(move |c| {
            if let Some(chat) = chat {
                chats::require_member(c, chat, me)?;
            }
            let room = chat.map(|id| id.to_string()).unwrap_or_default();
            store::matrix::account_data::put(c, me, &room, &kind, &content)?;
            store::matrix_log::note_account_data(c, me, chat.unwrap_or(0))?;
            Ok(())
        })
        .await
}

/// One type of the person's account data (`None`: never set).
pub async fn get(app: &App, me: i64, chat: Option<i64>, kind: String) -> Result<Option<String>> {
    app.db
        .read(move |c| {
            if let Some(chat) = chat {
                chats::require_member(c, chat, me)?;
            }
            let room = chat.map(|id| id.to_string()).unwrap_or_default();
            Ok(store::matrix::account_data::get(c, me, &room, &kind)?)
        })
        .await
}
