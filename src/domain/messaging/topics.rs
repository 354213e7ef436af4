//! A chat's topic: what it is about now, one line shown under its name. A change is set
//! by the chat's admins through `chats::update_chat` and told in the chat as a line, the
//! way an arrival is (`people::first_day`).

use crate::domain::error::{Error, Problem, Refusal, Result};
use crate::domain::messaging::views::ViewBuilder;
use crate::hub::Published;
use crate::model::events::Event;
use crate::store::{self, messaging::chats::Chat, people::users::User, Tx};
use std::sync::Arc;

/// Longest topic, in characters (Slack's is 250).
pub const MAX_TOPIC: usize = 250;

/// The start of the message a new topic leaves in the chat, the topic after it. natter's
/// web client draws it as a line ("Ann set the topic: …"); other clients read it as text.
pub const TOPIC_TEXT: &str = "📝 set the topic: ";

/// The message a cleared topic leaves.
pub const TOPIC_CLEARED_TEXT: &str = "📝 cleared the topic";

/// A topic as it is kept: one line without control characters or direction controls
/// (`kit::printable::one_line`, as a chat's name), its runs of white space made one
/// space, trimmed, at most [`MAX_TOPIC`] characters.
pub fn check_topic(raw: &str) -> Result<String> {
    let topic = crate::kit::printable::one_line(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if topic.chars().count() > MAX_TOPIC {
        return Err(Error::field("topic", Problem::TooLong { max: MAX_TOPIC }));
    }
    Ok(topic)
}

/// Sets `chat`'s topic for `me` (whose right to has been checked) in their write, and
/// when it changed, says so in the chat: a message from `me` that, like an arrival,
/// notes no push, mention or bot delivery. An archived chat takes no new topic.
pub fn set_topic_on(c: &Tx, me: &User, chat: &Chat, topic: &str, now: &str) -> Result<()> {
    if chat.archived_at.is_some() {
        return Err(Error::Forbidden(Refusal::ChatArchived));
    }
    if !store::messaging::chats::set_topic(c, chat.id, topic, now)? {
        return Ok(());
    }
    let text = if topic.is_empty() {
        TOPIC_CLEARED_TEXT.to_string()
    } else {
        format!("{TOPIC_TEXT}{topic}")
    };
    let Some(sent) =
        store::messaging::messages::insert_sent_by_member(c, chat.id, me.id, &text, now)?
    else {
        return Ok(());
    };
    let mut builder = ViewBuilder::new(c, sent.chat)?;
    builder.know(me);
    let view = Arc::new(builder.view_with(sent.message, Vec::new())?);
    c.publish(Published::new(
        chat.id,
        sent.audience.into(),
        Event::MessageCreated(view),
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_topic;

    #[test]
    fn a_topic_is_one_trimmed_line_of_at_most_250_characters() {
        assert_eq!(
            check_topic("  ship\n it  today ").ok().as_deref(),
            Some("ship it today")
        );
        assert_eq!(check_topic("").ok().as_deref(), Some(""));
        assert!(check_topic(&"é".repeat(250)).is_ok());
        assert!(check_topic(&"é".repeat(251)).is_err());
        assert_eq!(
            check_topic("a\u{202e}b\u{1b}[2J\u{200f} c").ok().as_deref(),
            Some("ab[2J c")
        );
    }
}
