//! natter's rows as Matrix events: the only place this surface writes event JSON.
//! Event ids are derived from natter's ids and log positions, so the same thing is the
//! same event in every sync: `$m<message>` a message, `$e<message>.<edited at, ms>` an
//! edit, `$d<message>` its deletion, `$r<message>.<user>.<emoji in base64url>` a reaction, `$s<pos>.<type>` a
//! change of state, `$c<chat>.<type>` the state a room has had from its start.

use crate::domain::matrix::ids::{self, message_event, millis};
use crate::domain::matrix::sync::{Item, RoomRead};
use crate::domain::messaging::replies;
use crate::domain::people::first_day::JOINED_TEXT;
use crate::model::views::{ReactionView, UserBrief};
use crate::model::MessageView;
use crate::store::messaging::chats::{Chat, Member};
use crate::store::messaging::files::FileMeta;
use crate::store::{ChatKind, MemberRole};
use serde_json::{json, Value};
use std::collections::HashMap;

/// A message's reply or thread relation (`m.relates_to`), if it has one.
fn relation(thread: Option<i64>, reply: Option<i64>) -> Option<Value> {
    match (thread, reply) {
        (Some(root), reply) => Some(json!({
            "rel_type": "m.thread",
            "event_id": message_event(root),
            "is_falling_back": reply.is_none(),
            "m.in_reply_to": {"event_id": message_event(reply.unwrap_or(root))},
        })),
        (None, Some(reply)) => Some(json!({"m.in_reply_to": {"event_id": message_event(reply)}})),
        (None, None) => None,
    }
}

/// Whether a message is a newcomer's arrival (`first_day::JOINED_TEXT`, alone).
fn is_arrival(m: &MessageView) -> bool {
    m.content == JOINED_TEXT
        && m.attachments.is_empty()
        && m.threading.thread_id.is_none()
        && m.threading.reply_to.is_none()
}

/// Whether `text` is only the caption natter's web client writes for files sent without
/// text: one line `📎 <file name>` per file, in order.
fn composer_caption(text: &str, files: &[FileMeta]) -> bool {
    !files.is_empty()
        && text.lines().count() == files.len()
        && text
            .lines()
            .zip(files)
            .all(|(line, f)| line.strip_prefix("📎 ") == Some(f.filename.as_str()))
}

/// Renders one room's events for one reader.
pub struct Render<'a> {
    pub server: &'a str,
    /// The room's members by natter id, for the ids of reactors and senders.
    people: HashMap<i64, &'a UserBrief>,
    now: i64,
}

impl<'a> Render<'a> {
    /// A renderer for a room with these members.
    pub fn new(server: &'a str, members: &'a [(UserBrief, Member)]) -> Self {
        Render {
            server,
            people: members.iter().map(|(u, _)| (u.id, u)).collect(),
            now: chrono::Utc::now().timestamp_millis(),
        }
    }

    /// A person's Matrix id.
    pub fn user(&self, u: &UserBrief) -> String {
        ids::user_id(&u.username, u.id, self.server)
    }

    /// The Matrix id of a member by natter id (`None`: no longer a member).
    fn member(&self, id: i64) -> Option<String> {
        self.people.get(&id).map(|u| self.user(u))
    }

    fn event(
        &self,
        kind: &str,
        id: String,
        sender: Option<String>,
        ts: i64,
        content: Value,
    ) -> Value {
        json!({
            "type": kind,
            "event_id": id,
            "sender": sender.unwrap_or_else(|| format!("@=u0:{}", self.server)),
            "origin_server_ts": ts,
            "content": content,
            "unsigned": {"age": (self.now - ts).max(0)},
        })
    }

    fn state(
        &self,
        kind: &str,
        id: String,
        key: &str,
        sender: Option<String>,
        ts: i64,
        content: Value,
    ) -> Value {
        let mut event = self.event(kind, id, sender, ts, content);
        event["state_key"] = Value::from(key);
        event
    }

    /// A message as `m.room.message` events: its text, then one event per file it
    /// carries (the first event is `$m<id>`, the next `$m<id>.1`, ...), the first with
    /// its reply or thread relation. A caption is the text, before its file: apps that
    /// know no captions (matrix-nio's, nheko 0.11) take an event's `body` as its file's
    /// name.
    pub fn message(&self, m: &MessageView) -> Vec<Value> {
        let sender = m.sender.as_ref().map(|s| self.user(s));
        let ts = millis(&m.created_at);
        let kind = match m.sealed {
            Some(_) => "m.room.encrypted",
            None => "m.room.message",
        };
        if m.removed {
            let mut event = self.event(kind, message_event(m.id), sender, ts, json!({}));
            event["unsigned"]["redacted_because"] = json!({
                "type": "m.room.redaction",
                "event_id": format!("$d{}", m.id),
                "sender": event["sender"],
                "origin_server_ts": ts,
                "redacts": message_event(m.id),
                "content": {"redacts": message_event(m.id)},
            });
            return vec![event];
        }
        if let Some(sealed) = &m.sealed {
            // Given back as the app sent it: its relation is in it, unencrypted.
            let content: Value = serde_json::from_str(sealed).unwrap_or_else(|_| json!({}));
            return vec![self.event(kind, message_event(m.id), sender, ts, content)];
        }
        let t = &m.threading;
        // An arrival is a membership to Matrix apps, not a "👋 joined" bubble.
        if let (Some(who), true) = (&m.sender, is_arrival(m)) {
            let user = self.user(who);
            let content = self.member_content(who, "join");
            return vec![self.state(
                "m.room.member",
                message_event(m.id),
                &user.clone(),
                Some(user),
                ts,
                content,
            )];
        }
        // Matrix apps draw the quote of a reply themselves, from its relation.
        let body = match t.reply_to {
            Some(_) => replies::own_text(&m.content),
            None => &m.content,
        };
        // The caption natter's composer gives files sent alone says nothing an app's
        // file event does not: the files are the message.
        let body = match composer_caption(body, &m.attachments) {
            true => "",
            false => body,
        };
        let mut parts = Vec::with_capacity(1 + m.attachments.len());
        if !body.is_empty() || m.attachments.is_empty() {
            parts.push(text_content(body));
        }
        parts.extend(
            m.attachments
                .iter()
                .map(|f| crate::surfaces::matrix::media::content_of(self.server, f)),
        );
        let mut out = Vec::with_capacity(parts.len());
        for (k, mut content) in parts.into_iter().enumerate() {
            let id = match k {
                0 => message_event(m.id),
                k => format!("{}.{k}", message_event(m.id)),
            };
            if k == 0 {
                if let Some(relation) = relation(t.thread_id, t.reply_to) {
                    content["m.relates_to"] = relation;
                }
                if t.thread_id.is_none() {
                    self.reply_fallback(m, &mut content);
                }
            }
            let mut event = self.event("m.room.message", id, sender.clone(), ts, content);
            if k == 0 && t.reply_count > 0 {
                event["unsigned"]["m.relations"] = json!({"m.thread": {
                    "count": t.reply_count,
                    "current_user_participated": false,
                }});
            }
            out.push(event);
        }
        out
    }

    /// The quote older apps show a reply by (the specification's reply fallback, which
    /// apps that read `m.in_reply_to` strip): `> <@sender> excerpt` and an empty line
    /// before the body, and an `<mx-reply>` before the HTML, from natter's quote line.
    fn reply_fallback(&self, m: &MessageView, content: &mut Value) {
        let Some(quote) =
            replies::parse(&m.content).filter(|q| Some(q.message_id) == m.threading.reply_to)
        else {
            return;
        };
        let excerpt = quote.line.split_once("]: ").map_or("", |(_, e)| e);
        let quoted = self
            .people
            .values()
            .find(|u| u.username == quote.username)
            .map_or_else(
                || ids::user_id(quote.username, 0, self.server),
                |u| self.user(u),
            );
        let own_body = content["body"].as_str().unwrap_or("").to_string();
        content["body"] = Value::from(format!("> <{quoted}> {excerpt}\n\n{own_body}"));
        let own_html = match content["formatted_body"].as_str() {
            Some(html) => html.to_string(),
            None => crate::kit::html::escape(&own_body).replace('\n', "<br>"),
        };
        let room = ids::room_id(m.chat_id, self.server);
        let event = message_event(quote.message_id);
        content["format"] = json!("org.matrix.custom.html");
        content["formatted_body"] = Value::from(format!(
            "<mx-reply><blockquote><a href=\"https://matrix.to/#/{room}/{event}\">In reply to</a> \
             <a href=\"https://matrix.to/#/{quoted}\">{quoted}</a><br>{}</blockquote></mx-reply>{own_html}",
            crate::kit::html::escape(excerpt)
        ));
    }

    /// An edit as an `m.replace` of the message, with the text it has now.
    pub fn edited(&self, m: &MessageView) -> Value {
        let sender = m.sender.as_ref().map(|s| self.user(s));
        let ts = m.edited_at.as_deref().map_or(self.now, millis);
        let text = match m.threading.reply_to {
            Some(_) => replies::own_text(&m.content),
            None => &m.content,
        };
        // The fallback for apps that know no edits: "* " and the new text, the star
        // the convention's and not Markdown (the HTML gets it before the new text's).
        let new = text_content(text);
        let mut content = json!({"msgtype": "m.text", "body": format!("* {text}")});
        if let Some(html) = new["formatted_body"].as_str() {
            content["format"] = json!("org.matrix.custom.html");
            content["formatted_body"] = json!(format!("* {html}"));
        }
        content["m.new_content"] = new;
        content["m.relates_to"] = json!({"rel_type": "m.replace", "event_id": message_event(m.id)});
        let id = ids::edit_event(m.id, m.edited_at.as_deref());
        self.event("m.room.message", id, sender, ts, content)
    }

    /// A deletion as a redaction of the message.
    pub fn deleted(&self, message: i64, sender: Option<i64>) -> Value {
        let sender = sender.and_then(|id| self.member(id));
        let mut event = self.event(
            "m.room.redaction",
            format!("$d{message}"),
            sender,
            self.now,
            json!({"redacts": message_event(message)}),
        );
        event["redacts"] = Value::from(message_event(message));
        event
    }

    /// A message's reactions as one `m.annotation` each, by members.
    pub fn reactions(&self, message: i64, reactions: &[ReactionView]) -> Vec<Value> {
        let mut out = Vec::new();
        for r in reactions {
            for user in &r.users {
                let Some(sender) = self.member(*user) else {
                    continue;
                };
                let id = ids::reaction_event(message, *user, &r.emoji);
                let content = json!({"m.relates_to": {
                    "rel_type": "m.annotation",
                    "event_id": message_event(message),
                    "key": r.emoji,
                }});
                out.push(self.event("m.reaction", id, Some(sender), self.now, content));
            }
        }
        out
    }

    /// One person's emoji put on a message (an `m.annotation`) or taken off (the
    /// redaction of that annotation); `None` for someone no longer a member.
    pub fn reacted(
        &self,
        pos: i64,
        message: i64,
        user: i64,
        emoji: &str,
        on: bool,
    ) -> Option<Value> {
        let sender = self.member(user)?;
        let reaction = ids::reaction_event(message, user, emoji);
        if !on {
            let mut event = self.event(
                "m.room.redaction",
                format!("$x{pos}"),
                Some(sender),
                self.now,
                json!({"redacts": reaction}),
            );
            event["redacts"] = Value::from(reaction);
            return Some(event);
        }
        let content = json!({"m.relates_to": {
            "rel_type": "m.annotation",
            "event_id": message_event(message),
            "key": emoji,
        }});
        Some(self.event("m.reaction", reaction, Some(sender), self.now, content))
    }

    /// A person's membership (`join` or `leave`) as `m.room.member` state.
    pub fn membership(&self, id: String, u: &UserBrief, membership: &str) -> Value {
        let user = self.user(u);
        self.state(
            "m.room.member",
            id,
            &user.clone(),
            Some(user),
            self.now,
            self.member_content(u, membership),
        )
    }

    /// A member's `m.room.member` content: their membership, name and picture.
    pub fn member_content(&self, u: &UserBrief, membership: &str) -> Value {
        let mut content = json!({"membership": membership, "displayname": u.display_name});
        if let Some(avatar) = crate::surfaces::matrix::media::avatar_of(self.server, &u.image) {
            content["avatar_url"] = Value::from(avatar);
        }
        content
    }

    /// The room's name, topic, encryption and picture as state (no name for a direct
    /// chat: apps name it after the other person). The picture is left out while there is none,
    /// unless the chat `changed`: then an empty one says it was taken away.
    fn name_and_topic(&self, chat: &Chat, prefix: &str, changed: bool) -> Vec<Value> {
        let creator = chat.created_by.and_then(|id| self.member(id));
        let ts = millis(&chat.updated_at);
        let mut out = Vec::new();
        if chat.kind != ChatKind::Direct {
            out.push(self.state(
                "m.room.name",
                format!("{prefix}.name"),
                "",
                creator.clone(),
                ts,
                json!({"name": chat.shown_name()}),
            ));
        }
        let topic = match chat.topic.is_empty() {
            true => &chat.description,
            false => &chat.topic,
        };
        out.push(self.state(
            "m.room.topic",
            format!("{prefix}.topic"),
            "",
            creator.clone(),
            ts,
            json!({"topic": topic}),
        ));
        if let Ok(settings) = serde_json::from_str::<Value>(&chat.encryption) {
            out.push(self.state(
                "m.room.encryption",
                format!("{prefix}.encryption"),
                "",
                creator.clone(),
                ts,
                settings,
            ));
        }
        let picture = crate::surfaces::matrix::media::avatar_of(self.server, &chat.image);
        if picture.is_some() || changed {
            let content = match picture {
                Some(url) => json!({"url": url}),
                None => json!({}),
            };
            out.push(self.state(
                "m.room.avatar",
                format!("{prefix}.avatar"),
                "",
                creator,
                ts,
                content,
            ));
        }
        out
    }

    /// The power levels natter's roles amount to: the creator 100, admins 50.
    fn power_levels(&self, read: &RoomRead, prefix: &str) -> Value {
        let chat = &read.chat;
        let mut users = serde_json::Map::new();
        for (u, m) in &read.members {
            // Both people of a direct chat have the same say, as Synapse's
            // `trusted_private_chat` gives them (neither is shown as a moderator).
            let level = match (Some(u.id) == chat.created_by, m.role) {
                _ if chat.kind == ChatKind::Direct => 100,
                (true, _) => 100,
                (false, MemberRole::Admin) => 50,
                (false, MemberRole::Member) => continue,
            };
            users.insert(self.user(u), Value::from(level));
        }
        let creator = chat.created_by.and_then(|id| self.member(id));
        self.state(
            "m.room.power_levels",
            format!("{prefix}.power_levels"),
            "",
            creator,
            millis(&chat.created_at),
            json!({
                "users": users,
                "users_default": 0,
                "events": {"m.room.name": 50, "m.room.topic": 50, "m.room.avatar": 50,
                           "m.room.pinned_events": 0, "m.room.power_levels": 100,
                           "m.room.encryption": 100},
                "events_default": 0,
                "state_default": 50,
                "ban": 50,
                "kick": 50,
                "redact": 50,
                "invite": if chat.kind == ChatKind::Room { 0 } else { 50 },
            }),
        )
    }

    /// The pinned messages as `m.room.pinned_events`.
    fn pins(&self, id: String, pins: &[i64], sender: Option<String>) -> Value {
        let pinned: Vec<String> = pins.iter().map(|id| message_event(*id)).collect();
        self.state(
            "m.room.pinned_events",
            id,
            "",
            sender,
            self.now,
            json!({"pinned": pinned}),
        )
    }

    /// Every state event of a room given whole.
    pub fn whole_state(&self, read: &RoomRead) -> Vec<Value> {
        self.whole_state_with(read, |_| true)
    }

    /// A room's state given whole but for its members, of whom only those `keep` takes.
    pub fn whole_state_with(
        &self,
        read: &RoomRead,
        keep: impl Fn(&UserBrief) -> bool,
    ) -> Vec<Value> {
        let chat = &read.chat;
        let prefix = format!("$c{}", chat.id);
        let creator = chat.created_by.and_then(|id| self.member(id));
        let created = millis(&chat.created_at);
        let mut out = vec![self.state(
            "m.room.create",
            format!("{prefix}.create"),
            "",
            creator.clone(),
            created,
            json!({"room_version": "10", "creator": creator.clone()}),
        )];
        out.push(self.power_levels(read, &prefix));
        let public = chat.kind == ChatKind::Room && !chat.is_private;
        out.push(self.state(
            "m.room.join_rules",
            format!("{prefix}.join_rules"),
            "",
            creator.clone(),
            created,
            json!({"join_rule": if public { "public" } else { "invite" }}),
        ));
        out.push(self.state(
            "m.room.history_visibility",
            format!("{prefix}.history_visibility"),
            "",
            creator.clone(),
            created,
            json!({"history_visibility": "shared"}),
        ));
        out.push(self.state(
            "m.room.guest_access",
            format!("{prefix}.guest_access"),
            "",
            creator.clone(),
            created,
            json!({"guest_access": "forbidden"}),
        ));
        out.extend(self.name_and_topic(chat, &prefix, false));
        out.extend(
            read.members
                .iter()
                .filter(|(u, _)| keep(u))
                .map(|(u, _)| self.member_state(chat.id, u)),
        );
        if !read.pins.is_empty() {
            out.push(self.pins(format!("{prefix}.pinned_events"), &read.pins, creator));
        }
        out
    }

    /// The `m.room.member` state of the members who sent `events`: what an app needs
    /// to show a page of history with names and pictures (`/messages`'s `state`, as
    /// lazy loading of members asks).
    pub fn senders_state(&self, read: &RoomRead, events: &[Value]) -> Vec<Value> {
        read.members
            .iter()
            .filter(|(u, _)| self.sent_any(u, events))
            .map(|(u, _)| self.member_state(read.chat.id, u))
            .collect()
    }

    /// Whether `u` sent one of `events`.
    pub fn sent_any(&self, u: &UserBrief, events: &[Value]) -> bool {
        let id = self.user(u);
        events.iter().any(|e| e["sender"] == id.as_str())
    }

    /// A member's `m.room.member` state as the room has it now (the same event id in
    /// every answer that carries it).
    pub fn member_state(&self, chat_id: i64, u: &UserBrief) -> Value {
        self.membership(format!("$c{chat_id}.member.{}", u.id), u, "join")
    }

    /// The timeline's items as events, oldest first.
    pub fn timeline(&self, read: &RoomRead) -> Vec<Value> {
        let mut out = Vec::with_capacity(read.timeline.len());
        for item in &read.timeline {
            match item {
                Item::Message(m) => {
                    let mut events = self.message(m);
                    let summary = read.thread_summaries.iter().find(|s| s.root == m.id);
                    if let (Some(summary), Some(first)) = (summary, events.first_mut()) {
                        let thread = &mut first["unsigned"]["m.relations"]["m.thread"];
                        if let Some(latest) = self.message(&summary.latest).into_iter().next() {
                            thread["latest_event"] = latest;
                        }
                        thread["current_user_participated"] = Value::from(summary.participated);
                    }
                    out.extend(events)
                }
                Item::Edited(_, m) => out.push(self.edited(m)),
                Item::Deleted(_, message, sender) => out.push(self.deleted(*message, *sender)),
                Item::Reacted(pos, message, user, emoji, on) => {
                    out.extend(self.reacted(*pos, *message, *user, emoji, *on))
                }
                Item::Reactions(message, reactions) => {
                    out.extend(self.reactions(*message, reactions))
                }
                Item::Joined(pos, u) => out.push(self.membership(format!("$s{pos}"), u, "join")),
                Item::Left(pos, u) => out.push(self.membership(format!("$s{pos}"), u, "leave")),
                Item::ChatChanged(pos) => {
                    out.extend(self.name_and_topic(&read.chat, &format!("$s{pos}"), true))
                }
                Item::PinsChanged(pos, who) => {
                    let sender = who.and_then(|id| self.member(id));
                    out.push(self.pins(format!("$s{pos}"), &read.pins, sender));
                }
            }
        }
        out
    }

    /// Read marks as one `m.receipt` event: the members' as they are shown them
    /// (`m.read`), and `private`, the reader's own private mark (`m.read.private`, which
    /// only the reader's apps are given).
    pub fn receipts(&self, receipts: &[(i64, i64)], private: Option<(i64, i64)>) -> Option<Value> {
        let mut content = serde_json::Map::new();
        let marks = receipts.iter().map(|r| ("m.read", r));
        for (kind, (user, message)) in marks.chain(private.iter().map(|r| ("m.read.private", r))) {
            let Some(user) = self.member(*user) else {
                continue;
            };
            let entry = content
                .entry(message_event(*message))
                .or_insert_with(|| json!({}));
            entry[kind][user] = json!({"ts": self.now});
        }
        match content.is_empty() {
            true => None,
            false => Some(json!({"type": "m.receipt", "content": content})),
        }
    }
}

/// The content of a text message: natter's text as `body`, and when it has Markdown,
/// the same as HTML in `formatted_body`, which apps show formatted.
fn text_content(text: &str) -> Value {
    let mut content = json!({"msgtype": "m.text", "body": text});
    if let Some(html) = crate::kit::formatted_html::to_html(text) {
        content["format"] = json!("org.matrix.custom.html");
        content["formatted_body"] = json!(html);
    }
    content
}
