//! What a message owes bots, written in the message's own transaction: a
//! `bot_deliveries` row for each bot with a webhook it mentions or writes to. The loop
//! that makes the calls is `bots::outgoing`.

use crate::domain::error::Result;
use crate::domain::messaging::mentions::{named_keys, wide_word};
use crate::store::{self, ChatKind, Tx};

/// At most this many calls wait per bot; past it a new one is dropped (and counted), so
/// a dead webhook cannot grow the table without end.
pub const MAX_OWED: i64 = 1000;

/// In the message's own write: owes a call to each bot with a webhook that `content`
/// mentions in `chat_id` by name, or that is the other member of the direct chat, unless
/// the sender is a bot. A wide word (`@here`, `@channel`, `@everyone`) calls no bot, not
/// even one named like it: bots are members no wide word reaches. Only a direct chat's message, or one with an `@`, costs a statement
/// (which bots with a webhook are members). No process-wide "any webhook?" flag skips
/// it: a flag read again every tick let messages through uncalled in the quarter second
/// after a bot got its webhook (the two-node test lost 10 of 20 calls that way).
pub fn note_message(
    c: &Tx,
    chat_id: i64,
    kind: ChatKind,
    message_id: i64,
    sender: i64,
    content: &str,
) -> Result<()> {
    if kind != ChatKind::Direct && !content.contains('@') {
        return Ok(());
    }
    let bots = store::bots::listening_in(c, chat_id)?;
    if bots.is_empty() || store::bots::is_bot(c, sender)? {
        return Ok(());
    }
    let named = if kind == ChatKind::Direct {
        Vec::new()
    } else {
        let mut keys = named_keys(content);
        keys.retain(|k| wide_word(k).is_none());
        keys
    };
    for (bot, key) in bots {
        if kind != ChatKind::Direct && !named.contains(&key) {
            continue;
        }
        if store::bots::owed(c, bot)? >= MAX_OWED {
            tracing::warn!("bot {bot} is owed {MAX_OWED} webhook calls already: message {message_id}'s is dropped");
            continue;
        }
        store::bots::owe(c, bot, message_id, chat_id, crate::kit::clock::now_ms())?;
    }
    Ok(())
}
