//! One match of a search, apart from the search itself: what both the word search
//! (`search`) and the operators' search (`search_filters`) answer.

use crate::store::messaging::message_row::Message;
use crate::store::messaging::snippet::Span;

/// One match: the message and the text around the matched words.
pub struct Found {
    pub message: Message,
    /// Up to a dozen words around the match, `…` where text was cut, matched words
    /// marked (never a mark taken from the message's own characters: `store::messaging::snippet`).
    pub snippet: Vec<Span>,
}
