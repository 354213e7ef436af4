//! How the chats surface (seed 001) shows users, files and messages, from the domain's
//! borrowed [`MessageParts`]. Messages are typed structs serialized straight to bytes: a
//! page of history is the hottest read path, and building a `serde_json::Value` tree per
//! message cost more than the query. `MessageOut` and its siblings are not copies of the
//! domain's shape but this seed's JSON (its field names and order) as serde output, and
//! the twin that `MessageOut::write_json` is held to.

use crate::http::reply::ResultsJson;
use crate::model::{MessageParts, ReactionView, ThreadingRef, UserBrief};
use crate::store::messaging::files::FileMeta;
use crate::surfaces::chats::avatar::avatar_url;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;

/// A user as this surface shows them (seed 001's user JSON, as serde output).
#[derive(Serialize)]
pub struct UserOut<'a> {
    id: i64,
    username: &'a str,
    display_name: &'a str,
    avatar_url: Cow<'a, str>,
    is_active: bool,
}

impl<'a> From<&'a UserBrief> for UserOut<'a> {
    fn from(u: &'a UserBrief) -> Self {
        UserOut {
            id: u.id,
            username: &u.username,
            display_name: &u.display_name,
            avatar_url: avatar_url(u),
            is_active: u.is_active,
        }
    }
}

/// A file attached to a message. `width`, `height` and `thumbnails` are natter's: an
/// image's size upright and its smaller copies (null, null and empty for other files,
/// images not looked at yet, and pictures that could not be read), so a client can give
/// it its box before anything loads.
#[derive(Serialize)]
pub struct AttachmentOut<'a> {
    id: i64,
    name: &'a str,
    size: i64,
    content_type: &'a str,
    url: String,
    width: Option<i64>,
    height: Option<i64>,
    thumbnails: Vec<ThumbnailOut>,
}

/// One of an image's thumbnails: the side it was made for, its own size, its address.
#[derive(Serialize)]
struct ThumbnailOut {
    side: i64,
    width: i64,
    height: i64,
    url: String,
}

impl<'a> From<&'a FileMeta> for AttachmentOut<'a> {
    fn from(f: &'a FileMeta) -> Self {
        let image = f.image.as_ref().filter(|i| i.width > 0 && i.height > 0);
        AttachmentOut {
            id: f.id,
            name: &f.filename,
            size: f.size,
            content_type: &f.content_type,
            url: format!("/api/files/{}/download/", f.id),
            width: image.map(|i| i.width),
            height: image.map(|i| i.height),
            thumbnails: image
                .map(|i| {
                    i.thumbnails
                        .iter()
                        .map(|t| ThumbnailOut {
                            side: t.side,
                            width: t.width,
                            height: t.height,
                            url: format!("/api/files/{}/thumbnail/{}/", f.id, t.side),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

#[derive(Serialize)]
struct ReactionOut<'a> {
    emoji: &'a str,
    count: usize,
    users: &'a [i64],
}

/// A root's thread as this surface shows it (natter's): how many replies, the newest's
/// time, the newest repliers' ids.
#[derive(Serialize)]
pub struct ThreadOut<'a> {
    reply_count: i64,
    last_reply_at: Option<&'a str>,
    participants: Vec<i64>,
}

impl<'a> ThreadOut<'a> {
    /// The summary of a root with live replies; None for any other message.
    pub fn of(t: &ThreadingRef<'a>) -> Option<Self> {
        (t.reply_count > 0).then(|| ThreadOut {
            reply_count: t.reply_count,
            last_reply_at: t.last_reply_at,
            participants: t.participants().collect(),
        })
    }
}

/// A message as this surface shows it: seed 001's message JSON as serde output, made
/// from the domain's [`MessageParts`]. Fields in seed 001's order (its message list, then
/// `chat` from its message detail); `attachments` and the threading fields after it
/// (`reply_to`, `thread_id`, `in_channel`, `thread`) are natter's.
#[derive(Serialize)]
pub struct MessageOut<'a> {
    id: i64,
    content: &'a str,
    created_at: &'a str,
    updated_at: &'a str,
    is_edited: bool,
    is_deleted: bool,
    sender: Option<SenderOut<'a>>,
    reactions: Vec<ReactionOut<'a>>,
    read_by: &'a [i64],
    chat: i64,
    attachments: Vec<AttachmentOut<'a>>,
    reply_to: Option<i64>,
    thread_id: Option<i64>,
    in_channel: bool,
    thread: Option<ThreadOut<'a>>,
    /// natter's link previews: a JSON list natter wrote, present only when there are some.
    #[serde(skip_serializing_if = "Option::is_none")]
    previews: Option<&'a RawValue>,
    /// natter's: an encrypted message from a Matrix app, whose `content` only says so
    /// (the web client says it in the reader's language); present only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    encrypted: bool,
}

impl<'a> MessageOut<'a> {
    /// The message made of these parts.
    pub fn of(m: &MessageParts<'a>) -> Self {
        MessageOut::with_sender(m, m.sender.map(|u| SenderOut::User(u.into())))
    }

    /// The message made of these parts, its sender already rendered as `sender` (a page
    /// renders each sender once, see [`RenderedSenders`]).
    fn with_sender(m: &MessageParts<'a>, sender: Option<SenderOut<'a>>) -> Self {
        MessageOut {
            id: m.id,
            content: m.content,
            created_at: m.created_at,
            updated_at: m.edited_at.unwrap_or(m.created_at),
            is_edited: m.edited_at.is_some(),
            // natter's removed message keeps its place as the seed's deleted one.
            is_deleted: m.removed,
            sender,
            reactions: reaction_outs(m.reactions),
            read_by: m.read_by,
            chat: m.chat_id,
            attachments: m.attachments.iter().map(AttachmentOut::from).collect(),
            reply_to: m.threading.reply_to,
            thread_id: m.threading.thread_id,
            in_channel: m.threading.in_channel,
            thread: ThreadOut::of(&m.threading),
            previews: previews_of(m),
            encrypted: m.sealed && !m.removed,
        }
    }

    /// Appends this message's JSON to `out`: the same bytes serde_json writes for it, but
    /// the constant keys are copied rather than run through serde_json's per-byte escaping
    /// loop, which was the largest single cost of a history page, and numbers, booleans,
    /// `read_by` and empty lists are written directly (through serde_json they were a
    /// third of the rest). Values that can need escaping still go through serde_json
    /// unless they plainly need none. A unit test holds it to the derived `Serialize`, so
    /// a field added to one must be added to both.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":");
        write_int(out, self.id);
        out.extend_from_slice(b",\"content\":");
        write_str(out, self.content);
        out.extend_from_slice(b",\"created_at\":");
        write_str(out, self.created_at);
        out.extend_from_slice(b",\"updated_at\":");
        write_str(out, self.updated_at);
        out.extend_from_slice(b",\"is_edited\":");
        write_bool(out, self.is_edited);
        out.extend_from_slice(b",\"is_deleted\":");
        write_bool(out, self.is_deleted);
        out.extend_from_slice(b",\"sender\":");
        match &self.sender {
            Some(SenderOut::Rendered(raw)) => out.extend_from_slice(raw.get().as_bytes()),
            sender => write_serde(out, sender),
        }
        out.extend_from_slice(b",\"reactions\":");
        write_list(out, &self.reactions);
        out.extend_from_slice(b",\"read_by\":[");
        for (i, id) in self.read_by.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_int(out, *id);
        }
        out.extend_from_slice(b"],\"chat\":");
        write_int(out, self.chat);
        out.extend_from_slice(b",\"attachments\":");
        write_list(out, &self.attachments);
        out.extend_from_slice(b",\"reply_to\":");
        write_opt_int(out, self.reply_to);
        out.extend_from_slice(b",\"thread_id\":");
        write_opt_int(out, self.thread_id);
        out.extend_from_slice(b",\"in_channel\":");
        write_bool(out, self.in_channel);
        out.extend_from_slice(b",\"thread\":");
        match &self.thread {
            None => out.extend_from_slice(b"null"),
            thread => write_serde(out, thread),
        }
        if let Some(previews) = self.previews {
            out.extend_from_slice(b",\"previews\":");
            out.extend_from_slice(previews.get().as_bytes());
        }
        if self.encrypted {
            out.extend_from_slice(b",\"encrypted\":true");
        }
        out.push(b'}');
    }
}

/// A live message's previews as stored, when it has some; a removed message shows none.
/// The text is natter's own JSON; one that does not read as JSON is left out.
fn previews_of<'a>(m: &MessageParts<'a>) -> Option<&'a RawValue> {
    let raw = m.previews.filter(|_| !m.removed)?;
    serde_json::from_str::<&RawValue>(raw).ok()
}

/// Appends `n` as JSON writes it.
fn write_int(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends `n` or `null`.
fn write_opt_int(out: &mut Vec<u8>, n: Option<i64>) {
    match n {
        Some(n) => write_int(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// Appends `items` as a JSON array; most messages have no reactions and no attachments.
fn write_list(out: &mut Vec<u8>, items: &[impl Serialize]) {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
    } else {
        write_serde(out, &items);
    }
}

/// Appends `value` as serde_json writes it.
fn write_serde(out: &mut Vec<u8>, value: &impl Serialize) {
    // Writing these types into a `Vec` cannot fail: no I/O, no non-string map keys.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Appends `s` as a JSON string: copied between quotes when no byte of it needs escaping
/// (serde_json escapes control characters, quotes and backslashes), else by serde_json.
fn write_str(out: &mut Vec<u8>, s: &str) {
    // A fold without early exit, so the compiler checks many bytes per instruction.
    let needs_escape = s.bytes().fold(false, |seen, b| {
        seen | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !needs_escape {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        write_serde(out, &s);
    }
}

/// A message's sender: rendered for this message, or copied from a page's
/// [`RenderedSenders`].
#[derive(Serialize)]
#[serde(untagged)]
enum SenderOut<'a> {
    User(UserOut<'a>),
    Rendered(&'a RawValue),
}

/// The senders of a page of messages, each rendered to JSON once. A page shows the same
/// few senders on every message, and escaping their avatar data URLs again for each
/// message was about a sixth of a history page's instructions. It is also the page's
/// avatar cache: `chats_avatar::avatar_url` runs once per sender per page, not per message
/// (the cache `UserBrief` used to carry for this).
///
/// A list, not a map: a page has few distinct senders, and scanning a few ids is cheaper
/// than hashing one.
#[derive(Default)]
struct RenderedSenders(Vec<(i64, Box<RawValue>)>);

impl RenderedSenders {
    /// The user's JSON, rendered on first use; None only if it could not be rendered.
    fn of(&mut self, user: &UserBrief) -> Option<&RawValue> {
        let i = match self.0.iter().position(|(id, _)| *id == user.id) {
            Some(i) => i,
            None => {
                let raw = serde_json::value::to_raw_value(&UserOut::from(user)).ok()?;
                self.0.push((user.id, raw));
                self.0.len() - 1
            }
        };
        Some(&self.0[i].1)
    }
}

/// A page of history written as JSON while its messages are read (see
/// `history::stream_history`). It takes up to `size` messages; one more offered says
/// the page has a next one.
pub struct MessagesJson {
    results: ResultsJson,
    size: usize,
    last_id: Option<i64>,
    more: bool,
    senders: RenderedSenders,
}

impl MessagesJson {
    /// An empty page of at most `size` messages, in a buffer of about 1 KiB a message:
    /// growing from nothing to a 28 KB page cost 3% of the page's work.
    pub fn new(size: usize) -> Self {
        MessagesJson {
            results: ResultsJson::with_capacity(1024 * (size + 1)),
            size,
            last_id: None,
            more: false,
            senders: RenderedSenders::default(),
        }
    }

    /// Appends the message, or notes that there is more than a page.
    pub fn push(&mut self, m: &MessageParts<'_>) {
        if self.results.count() == self.size {
            self.more = true;
            return;
        }
        // The sender's JSON is copied from the page's cache: rendering it per message
        // would also make its avatar URL per message.
        let sender = m.sender.map(|u| match self.senders.of(u) {
            Some(raw) => SenderOut::Rendered(raw),
            None => SenderOut::User(u.into()),
        });
        MessageOut::with_sender(m, sender).write_json(self.results.start_result());
        self.last_id = Some(m.id);
    }

    /// How many messages were written.
    pub fn count(&self) -> usize {
        self.results.count()
    }

    /// The id of the last message written, if any.
    pub fn last_id(&self) -> Option<i64> {
        self.last_id
    }

    /// Whether a message beyond the page was offered.
    pub fn has_more(&self) -> bool {
        self.more
    }

    /// The messages written, for [`crate::http::reply::page_written`].
    pub fn into_results(self) -> ResultsJson {
        self.results
    }
}

fn reaction_outs(reactions: &[ReactionView]) -> Vec<ReactionOut<'_>> {
    reactions
        .iter()
        .map(|r| ReactionOut {
            emoji: &r.emoji,
            count: r.users.len(),
            users: &r.users,
        })
        .collect()
}

fn to_value(out: impl Serialize) -> Value {
    serde_json::to_value(out).unwrap_or(Value::Null)
}

/// A user as a JSON value (inside chat objects and socket events).
pub fn user_json(u: &UserBrief) -> Value {
    to_value(UserOut::from(u))
}

/// A message's files as a JSON array (a chat's `last_message` carries them).
pub fn attachments_json(files: &[FileMeta]) -> Value {
    to_value(files.iter().map(AttachmentOut::from).collect::<Vec<_>>())
}

/// A message's reaction groups as a JSON array.
pub fn reactions_json(reactions: &[ReactionView]) -> Value {
    to_value(reaction_outs(reactions))
}

/// A root's thread summary as a JSON value (`null` when it has no live reply).
pub fn thread_json(t: &ThreadingRef<'_>) -> Value {
    to_value(ThreadOut::of(t))
}

/// A message as a JSON value (`MessageView::parts` lends one with its reactions and
/// readers when known).
pub fn message_json(m: &MessageParts<'_>) -> Value {
    to_value(MessageOut::of(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MessageView;
    use crate::store::people::users::User;
    use std::sync::Arc;

    fn user(id: i64, display_name: &str) -> Arc<UserBrief> {
        Arc::new(UserBrief::from(&User {
            id,
            username: format!("user{id}"),
            email: String::new(),
            password_hash: String::new(),
            display_name: display_name.into(),
            bio: String::new(),
            image: String::new(),
            is_active: true,
            is_admin: false,
            created_at: String::new(),
            last_seen_at: None,
            credentials_epoch: 0,
        }))
    }

    fn message(id: i64, content: &str, sender: Option<Arc<UserBrief>>) -> MessageView {
        MessageView {
            id,
            chat_id: 7,
            in_direct_chat: false,
            sender,
            receiver: None,
            content: content.into(),
            created_at: "2026-11-22T10:00:00.000001Z".into(),
            edited_at: (id % 2 == 0).then(|| "2026-11-22T11:00:00Z".into()),
            attachments: if id % 3 == 0 {
                vec![FileMeta {
                    id: 3,
                    owner_id: Some(1),
                    filename: "a \"b\"\n.txt".into(),
                    content_type: "text/plain".into(),
                    size: 5,
                    sha256: String::new(),
                    created_at: String::new(),
                    image: (id % 2 == 0).then(|| crate::model::ImageInfo {
                        width: 4000,
                        height: 3000,
                        thumbnails: vec![crate::model::Thumbnail {
                            side: 360,
                            width: 360,
                            height: 270,
                        }],
                    }),
                }]
            } else {
                Vec::new()
            },
            threading: match id % 4 {
                0 => crate::model::Threading::default(),
                1 => crate::model::Threading {
                    reply_count: 3,
                    last_reply_at: Some("2026-11-22T12:00:00.000001Z".into()),
                    reply_users: "2,1".into(),
                    ..Default::default()
                },
                _ => crate::model::Threading {
                    reply_to: Some(id - 1),
                    thread_id: (id % 4 == 2).then_some(id - 1),
                    in_channel: id % 4 == 3,
                    ..Default::default()
                },
            },
            removed: id % 5 == 0,
            previews: (id % 7 == 1).then(|| r#"[{"id":1,"title":"A \"page\""}]"#.into()),
            sealed: (id % 6 == 5).then(|| r#"{"algorithm":"m.megolm.v1.aes-sha2"}"#.into()),
        }
    }

    /// `write_json` must produce exactly what serde_json writes for the same message.
    #[test]
    fn write_json_matches_serde_json_for_awkward_messages() {
        let contents = [
            "plain",
            "",
            "quote \" backslash \\ slash /",
            "tab\tnewline\ncr\r nul\u{0} unit\u{1f} del\u{7f}",
            "unicode é 中文 🙂 \u{2028}\u{2029}",
            "{\"id\":1}",
        ];
        let senders = [Some(user(1, "Ålice \"q\" \\")), Some(user(2, "")), None];
        let reactions = vec![ReactionView {
            emoji: "\"👍\"".into(),
            users: vec![1, 2],
        }];
        let mut id = 0;
        for content in contents {
            for sender in &senders {
                id += 1;
                let m = message(id, content, sender.clone());
                let read_by = [1, 2];
                // A page of the message twice (its sender rendered once, then reused)
                // and a third offer that only says there is more.
                let mut page = MessagesJson::new(2);
                for _ in 0..3 {
                    page.push(&m.parts(Some(&reactions), Some(&read_by)));
                }
                let one = serde_json::to_string(&MessageOut::of(
                    &m.parts(Some(&reactions), Some(&read_by)),
                ))
                .unwrap();
                assert_eq!(
                    String::from_utf8(page.results.written().to_vec()).unwrap(),
                    format!("{one},{one}")
                );
                assert_eq!((page.count(), page.has_more()), (2, true));
                assert_eq!(page.last_id(), Some(id));
                let (bare, full) = (m.lend(), m.parts(Some(&reactions), Some(&read_by)));
                let outs = [MessageOut::of(&bare), MessageOut::of(&full)];
                for out in outs {
                    let mut written = Vec::new();
                    out.write_json(&mut written);
                    let expected = serde_json::to_vec(&out).unwrap();
                    assert_eq!(
                        String::from_utf8(written).unwrap(),
                        String::from_utf8(expected).unwrap()
                    );
                }
            }
        }
    }
}
