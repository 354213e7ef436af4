//! `natter import slack`'s rules: what of a Slack export becomes what in natter. People
//! become accounts without a password (they come in by a join link or a sign-in
//! provider), channels rooms, private channels and group DMs private groups, DMs direct
//! chats; messages keep their Slack time, edits their edit time, thread replies land in
//! natter threads, reactions become emoji reactions (a workspace's own emoji as `:name:`). Every thing brought in is noted in
//! `import_keys` by its Slack id inside the same write job, so a second run adds nothing
//! twice and a stopped run resumes. Nothing natter already held is changed: a Slack
//! person is an existing account only when the operator's map says so or that account's
//! confirmed address is theirs (each match printed); otherwise they come in as a new
//! account, as `name-slack` when the name is taken. An address another account holds
//! unconfirmed goes to the person the import makes, confirmed.
//!
//! The command (`commands/import_slack.rs`) reads the zip; `export` reads its JSON.

pub mod command;
pub mod export;

use crate::domain::bots::slack_payload;
use crate::domain::error::Result;
use crate::domain::messaging::messages::MAX_CONTENT_CHARS;
use crate::domain::messaging::threads::{self, ReplyTarget};
use crate::domain::people::first_day::{self, Home};
use crate::domain::people::user_groups;
use crate::moving::chat_counters::ChatCounters;
use crate::moving::import_map::Mapping;
use crate::state::App;
use crate::store::moving::imports;
use crate::store::people::confirmed_emails::{self, How};
use crate::store::{self, ChatKind, Conn, MemberRole};
use export::{ChatSort, SlackChat, SlackMessage, SlackUser};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// What was brought in, and what was left out and why.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub users_new: u64,
    /// Slack people who already had an account here: `(slack name, account, why)`.
    pub users_reused: Vec<(String, String, &'static str)>,
    /// Accounts that held a newcomer's address unconfirmed and lost it to them:
    /// `(account, address)`.
    pub addresses_taken: Vec<(String, String)>,
    /// Slack people imported under another name: `(slack name, natter name)`.
    pub users_renamed: Vec<(String, String)>,
    pub bots_new: u64,
    /// The people made here by this run: `(username, email, active)`.
    pub newcomers: Vec<(String, String, bool)>,
    pub chats_new: u64,
    pub messages_new: u64,
    pub replies_new: u64,
    pub edits_new: u64,
    pub reactions_new: u64,
    pub pins_new: u64,
    /// User groups made (`user_groups_new`), and those an earlier run made, given the
    /// export's members again (`user_groups_joined`).
    pub user_groups_new: u64,
    pub user_groups_joined: u64,
    pub files_as_links: u64,
    /// Files the export held (`__uploads/<file id>/<name>`), stored and attached.
    pub files_copied: u64,
    /// What became of the export's general channel, when this run brought it in.
    pub general: Option<General>,
    /// Things already imported by an earlier run, by kind.
    pub already: BTreeMap<&'static str, u64>,
    /// Things left out, by why.
    pub skipped: BTreeMap<String, u64>,
}

impl Summary {
    /// Counts one thing left out, by why.
    pub fn skip(&mut self, why: impl Into<String>) {
        *self.skipped.entry(why.into()).or_default() += 1;
    }

    fn merge(&mut self, o: Summary) {
        self.users_new += o.users_new;
        self.users_reused.extend(o.users_reused);
        self.addresses_taken.extend(o.addresses_taken);
        self.users_renamed.extend(o.users_renamed);
        self.bots_new += o.bots_new;
        self.newcomers.extend(o.newcomers);
        self.chats_new += o.chats_new;
        self.messages_new += o.messages_new;
        self.replies_new += o.replies_new;
        self.edits_new += o.edits_new;
        self.reactions_new += o.reactions_new;
        self.pins_new += o.pins_new;
        self.user_groups_new += o.user_groups_new;
        self.user_groups_joined += o.user_groups_joined;
        self.files_as_links += o.files_as_links;
        self.files_copied += o.files_copied;
        if o.general.is_some() {
            self.general = o.general;
        }
        for (k, n) in o.already {
            *self.already.entry(k).or_default() += n;
        }
        for (k, n) in o.skipped {
            *self.skipped.entry(k).or_default() += n;
        }
    }
}

/// What became of the export's general channel (Slack's `is_general`, which everyone in
/// the workspace is in), so that a team that moves in has one general room, not two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum General {
    /// Merged into the server's general room, which held no message: its history, and
    /// its people as members beside the room's own.
    Merged {
        slack: String,
        room: String,
        /// People made members of the room by the merge.
        joined: u64,
    },
    /// Made a room of its own and marked a default room, where newcomers start: the
    /// server had no default room (`beside` is `None`), or its general room holds
    /// history of its own (its title and live message count), which stays apart.
    Adopted {
        slack: String,
        beside: Option<(String, i64)>,
    },
}

/// Slack user id (or `bot:<id>`) → natter account id and username.
type People = HashMap<String, (i64, String)>;

/// `conversation:ts` of a pinned message → who pinned it (when known here) and when
/// (when Slack gives it), from the conversations' `pins`.
type Pinners = HashMap<String, (Option<i64>, Option<String>)>;

/// An import under way: the export's name in `import_keys` and what its ids became.
pub struct Import {
    source: String,
    /// Slack user id (or `bot:<id>`) → natter account id and username.
    people: People,
    /// Slack conversation id → natter chat id.
    chats: HashMap<String, i64>,
    /// Slack channel id → its name, for `<#C123>` without a label.
    channel_names: Arc<HashMap<String, String>>,
    /// The operator's map of who is who (`--map`, `--map-file`).
    map: Arc<Mapping>,
    /// Who pinned which message, for the messages that say they are pinned (`pinned_to`).
    pinners: Arc<Pinners>,
    pub summary: Summary,
}

impl Import {
    /// Slack user id (or `bot:<id>`) → natter account id, for a write job to look up
    /// who pinned or belongs to a group.
    fn account_ids(&self) -> HashMap<String, i64> {
        self.people
            .iter()
            .map(|(k, (id, _))| (k.clone(), *id))
            .collect()
    }

    /// A new import of the export named `source` (`slack:T0123`).
    pub fn new(source: String, map: Mapping) -> Import {
        Import {
            source,
            people: HashMap::new(),
            chats: HashMap::new(),
            channel_names: Arc::new(HashMap::new()),
            map: Arc::new(map),
            pinners: Arc::new(HashMap::new()),
            summary: Summary::default(),
        }
    }

    /// Notes who pinned what and when from the conversations' `pins`, once the people
    /// are in: a message whose own `pinned_to` marks it pinned is pinned by them, at that
    /// time, as it comes in. Slack marks a pinned message both ways, and the message is
    /// pinned before the conversations' lists are read ([`pins`]), which leave a pin as
    /// it is.
    pub fn note_pins(&mut self, pins: &[(String, Vec<export::SlackPin>)]) {
        let mut pinners = Pinners::new();
        for (slack_chat, list) in pins {
            for pin in list {
                let by = pin
                    .user
                    .as_ref()
                    .and_then(|u| self.people.get(u))
                    .map(|(id, _)| *id);
                let at = pin
                    .created
                    .and_then(|secs| export::slack_time(&secs.to_string()));
                pinners.insert(format!("{slack_chat}:{}", pin.id), (by, at));
            }
        }
        self.pinners = Arc::new(pinners);
    }

    /// The natter chat a Slack conversation became, if it was brought in.
    pub fn chat_of(&self, slack_id: &str) -> Option<i64> {
        self.chats.get(slack_id).copied()
    }

    /// How many people this run made accounts for (bots aside).
    pub fn newcomers(&self) -> u64 {
        self.summary.users_new
    }
}

/// A Slack name as a natter username: letters, digits and `@.+-_`, at least one
/// non-digit, at most 140 characters; `fallback` when nothing is left.
pub fn username_of(name: &str, fallback: &str) -> String {
    let mut out: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "@.+-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(140)
        .collect();
    if out.trim_matches('_').is_empty() || out.chars().all(|c| c.is_ascii_digit()) {
        out = format!("slack_{fallback}");
    }
    out
}

/// A username for a newcomer: `wanted`, else `wanted-slack`, `wanted-slack2`, ...
fn free_username(c: &Conn, wanted: &str) -> Result<String> {
    if !store::people::users::username_taken(c, wanted)? {
        return Ok(wanted.to_string());
    }
    for n in 1..=1000 {
        let name = match n {
            1 => format!("{wanted}-slack"),
            n => format!("{wanted}-slack{n}"),
        };
        if !store::people::users::username_taken(c, &name)? {
            return Ok(name);
        }
    }
    Err(crate::domain::Error::Internal(format!(
        "no free username for Slack's {wanted}: {wanted}-slack to {wanted}-slack1000 are taken"
    )))
}

/// Brings in the people of `users.json`, in one write job.
pub async fn people(app: &App, import: &mut Import, users: Vec<SlackUser>) -> Result<()> {
    let source = import.source.clone();
    let mapping = import.map.clone();
    let users = Arc::new(users);
    let (map, summary) = app
        .db
        .write(move |c| {
            let mut map = HashMap::new();
            let mut s = Summary::default();
            mapping.check(c)?;
            for u in users.iter() {
                let slack_name = u.name.clone().unwrap_or_else(|| u.id.clone());
                if let Some(id) = imports::natter_id(c, &source, "user", &u.id)? {
                    if let Some(user) = store::people::users::by_id(c, id)? {
                        map.insert(u.id.clone(), (user.id, user.username));
                        *s.already.entry("people").or_default() += 1;
                        continue;
                    }
                }
                let email = u.email().trim();
                // Only the operator's word or an address natter confirmed makes a Slack
                // person an account that exists: anyone may type any address at sign-up.
                let matched = match mapping.account(c, &[&u.id, &slack_name, email])? {
                    Some(user) => Some((user, "the map says so")),
                    None => confirmed_emails::confirmed_holder(c, email)?
                        .map(|user| (user, "their confirmed email")),
                };
                if let Some((user, why)) = matched {
                    imports::note(c, &source, "user", &u.id, user.id)?;
                    s.users_reused
                        .push((slack_name, user.username.clone(), why));
                    map.insert(u.id.clone(), (user.id, user.username));
                    continue;
                }
                let wanted = username_of(&slack_name, &u.id);
                let username = free_username(c, &wanted)?;
                if username != wanted {
                    s.users_renamed.push((slack_name.clone(), username.clone()));
                }
                if email.contains('@') && !u.is_bot {
                    if let Some(lost) = confirmed_emails::release_unconfirmed(c, email)? {
                        s.addresses_taken.push((lost.username, email.to_string()));
                    }
                }
                let email = if email.contains('@') && !store::people::users::email_taken(c, email)?
                {
                    email
                } else {
                    ""
                };
                let display: String = u.shown_name().chars().take(150).collect();
                let user = store::people::users::insert(
                    c,
                    &store::people::users::NewUser {
                        username: &username,
                        email,
                        // No password: nobody signs in as them until they join.
                        password_hash: "",
                        display_name: &display,
                        is_admin: false,
                    },
                    &store::clock::now(),
                )?;
                if u.deleted {
                    store::people::users::set_active(c, user.id, false)?;
                    s.skip("people deleted in Slack: imported as deactivated accounts");
                }
                imports::note(c, &source, "user", &u.id, user.id)?;
                // The workspace vouches for the address of the person it made.
                confirmed_emails::confirm(c, user.id, How::Import, &store::clock::now())?;
                if u.is_bot {
                    s.bots_new += 1;
                } else {
                    s.users_new += 1;
                    s.newcomers
                        .push((user.username.clone(), user.email.clone(), !u.deleted));
                }
                map.insert(u.id.clone(), (user.id, user.username));
            }
            Ok::<_, crate::domain::Error>((map, s))
        })
        .await?;
    import.people.extend(map);
    import.summary.merge(summary);
    Ok(())
}

/// Brings in the conversations, one write job each: members, name, description.
pub async fn chats(app: &App, import: &mut Import, chats: Vec<SlackChat>) -> Result<()> {
    let mut names = HashMap::new();
    for chat in &chats {
        if let Some(name) = &chat.name {
            names.insert(chat.id.clone(), name.clone());
        }
    }
    import.channel_names = Arc::new(names);
    let general = general_of(&chats);
    for chat in chats {
        let is_general = general.as_deref() == Some(chat.id.as_str());
        let source = import.source.clone();
        let members: Vec<(i64, String)> = chat
            .members
            .iter()
            .flatten()
            .filter_map(|m| import.people.get(m).cloned())
            .collect();
        let creator = chat
            .creator
            .as_ref()
            .and_then(|c| import.people.get(c))
            .map(|p| p.0);
        let chat = Arc::new(chat);
        let made = app
            .db
            .write(move |c| chat_job(c, &source, &chat, &members, creator, is_general))
            .await?;
        let (slack_id, id, summary) = made;
        if let Some(id) = id {
            import.chats.insert(slack_id, id);
        }
        import.summary.merge(summary);
    }
    Ok(())
}

/// The Slack id of the export's general channel: the public channel Slack marks
/// `is_general`, else (an export from before Slack wrote the mark) the public channel
/// named `general`.
fn general_of(chats: &[SlackChat]) -> Option<String> {
    let public = || chats.iter().filter(|c| c.sort == ChatSort::Public);
    public()
        .find(|c| c.is_general)
        .or_else(|| public().find(|c| c.name.as_deref() == Some(first_day::GENERAL)))
        .map(|c| c.id.clone())
}

/// One conversation's write job: its natter chat (found or made) and the summary.
fn chat_job(
    c: &store::Tx,
    source: &str,
    chat: &SlackChat,
    members: &[(i64, String)],
    creator: Option<i64>,
    is_general: bool,
) -> Result<(String, Option<i64>, Summary)> {
    let mut s = Summary::default();
    if let Some(id) = imports::natter_id(c, source, "chat", &chat.id)? {
        *s.already.entry("chats").or_default() += 1;
        return Ok((chat.id.clone(), Some(id), s));
    }
    let mut ids: Vec<i64> = members.iter().map(|m| m.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let Some(&first) = ids.first() else {
        s.skip(format!(
            "conversations none of whose members were imported ({})",
            chat.folder()
        ));
        return Ok((chat.id.clone(), None, s));
    };
    let by = creator.filter(|c| ids.contains(c)).unwrap_or(first);
    let now = store::clock::now();
    let description = chat.description();
    let home = match is_general {
        true => first_day::home(c)?,
        false => Home::Missing,
    };
    if let Home::Empty(room) = &home {
        let mut joined = 0;
        for &m in &ids {
            if store::messaging::chats::add_member(c, room.id, m, MemberRole::Member, &now)? {
                joined += 1;
            }
        }
        // The room's own words give way to the team's, unless someone wrote their own.
        if !description.is_empty()
            && (room.description.is_empty() || room.description == first_day::GENERAL_DESCRIPTION)
        {
            store::messaging::chats::update(
                c,
                room.id,
                None,
                Some(&description),
                None,
                None,
                &now,
            )?;
        }
        imports::note(c, source, "chat", &chat.id, room.id)?;
        s.general = Some(General::Merged {
            slack: chat.folder().to_string(),
            room: room.title.clone(),
            joined,
        });
        return Ok((chat.id.clone(), Some(room.id), s));
    }
    let id = match chat.sort {
        ChatSort::Direct => {
            let other = ids.iter().copied().find(|&i| i != by).unwrap_or(by);
            let (id, created) = store::messaging::chats::insert_direct(
                c,
                &store::messaging::chats::NewChat::direct(by, (by, other), None),
                &now,
            )?;
            if created {
                store::messaging::chats::add_member(c, id, by, MemberRole::Admin, &now)?;
                store::messaging::chats::add_member(c, id, other, MemberRole::Admin, &now)?;
            } else {
                s.skip("direct conversations added to the direct chat the two already had");
            }
            id
        }
        sort => {
            let title = match (sort, &chat.name) {
                (ChatSort::Multi, _) | (_, None) => {
                    let mut names: Vec<&str> = members.iter().map(|m| m.1.as_str()).collect();
                    names.sort_unstable();
                    names.dedup();
                    names.join(", ")
                }
                (_, Some(name)) => name.clone(),
            };
            let title: String = title.chars().take(100).collect();
            let id = store::messaging::chats::insert(
                c,
                &store::messaging::chats::NewChat {
                    kind: if sort == ChatSort::Public {
                        ChatKind::Room
                    } else {
                        ChatKind::Group
                    },
                    title: &title,
                    name: None,
                    description: &description,
                    max_participants: None,
                    is_private: sort != ChatSort::Public,
                    created_by: by,
                    direct_pair: None,
                },
                &now,
            )?;
            for &m in &ids {
                let role = if m == by {
                    MemberRole::Admin
                } else {
                    MemberRole::Member
                };
                store::messaging::chats::add_member(c, id, m, role, &now)?;
            }
            // Also the chat's topic, which its header shows (the description keeps it too).
            let topic = chat.topic();
            if !topic.is_empty() {
                store::messaging::chats::set_topic(c, id, &topic, &now)?;
            }
            id
        }
    };
    if is_general {
        first_day::adopt(c, id, "the general channel of a Slack import")?;
        s.general = Some(General::Adopted {
            slack: chat.folder().to_string(),
            beside: match home {
                Home::InUse(room, written) => Some((room.title, written)),
                _ => None,
            },
        });
    }
    imports::note(c, source, "chat", &chat.id, id)?;
    s.chats_new += 1;
    Ok((chat.id.clone(), Some(id), s))
}

/// Subtypes that are Slack's notices about a channel, not anyone's message.
const NOTICES: &[&str] = &[
    "channel_join",
    "channel_leave",
    "group_join",
    "group_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "group_topic",
    "group_purpose",
    "group_name",
    "channel_archive",
    "channel_unarchive",
    "group_archive",
    "group_unarchive",
    "pinned_item",
    "unpinned_item",
    "bot_add",
    "bot_remove",
];

/// A file the export held, its bytes already in the media folder: what its message
/// attaches instead of a link.
#[derive(Debug, Clone)]
pub struct HeldFile {
    pub sha256: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
}

/// The files of one day file's messages that the export held, by their Slack file id.
pub type HeldFiles = HashMap<String, HeldFile>;

/// Stores the bytes of a file the export held in the media folder, as uploads are;
/// `None` (and why, in the summary) when it is empty or larger than `--max-upload-mb`.
pub async fn hold_file(
    app: &App,
    import: &mut Import,
    file: &Value,
    bytes: Vec<u8>,
) -> Result<Option<HeldFile>> {
    let max = app.config.max_upload_mb.saturating_mul(1024 * 1024);
    if bytes.is_empty() {
        import
            .summary
            .skip("files the export held empty (kept as links)");
        return Ok(None);
    }
    if bytes.len() as u64 > max {
        import
            .summary
            .skip("files larger than --max-upload-mb (kept as links)");
        return Ok(None);
    }
    let field = |k: &str| file.get(k).and_then(Value::as_str).unwrap_or("");
    let name = [field("name"), field("title")]
        .into_iter()
        .find(|n| !n.trim().is_empty())
        .unwrap_or("file");
    let size = bytes.len() as i64;
    let sha256 = crate::domain::uploads::files::write_content(app, bytes.into(), true).await?;
    Ok(Some(HeldFile {
        sha256,
        name: crate::domain::uploads::files::clean_filename(name),
        content_type: crate::domain::uploads::files::clean_content_type(field("mimetype")),
        size,
    }))
}

/// The Slack id of `file` when the export held its bytes (`held`).
fn held_id<'a>(file: &'a Value, held: &HeldFiles) -> Option<&'a str> {
    file.get("id")
        .and_then(Value::as_str)
        .filter(|id| held.contains_key(*id))
}

/// Brings in one day file of conversation `slack_chat` in one write job.
pub async fn day(
    app: &App,
    import: &mut Import,
    slack_chat: &str,
    messages: Vec<SlackMessage>,
    held: HeldFiles,
) -> Result<()> {
    let Some(chat_id) = import.chat_of(slack_chat) else {
        return Ok(());
    };
    // Bots that post under a name rather than a user of users.json: an account each.
    let mut bots = BTreeMap::new();
    for m in &messages {
        if m.user
            .as_ref()
            .is_some_and(|u| import.people.contains_key(u))
        {
            continue;
        }
        if let Some(key) = bot_key(m) {
            if !import.people.contains_key(&key) {
                bots.insert(key, bot_name(m));
            }
        }
    }
    if !bots.is_empty() {
        let source = import.source.clone();
        let bots = Arc::new(bots);
        let (made, summary) = app.db.write(move |c| bot_job(c, &source, &bots)).await?;
        import.people.extend(made);
        import.summary.merge(summary);
    }
    let job = DayJob {
        source: import.source.clone(),
        slack_chat: slack_chat.to_string(),
        chat_id,
        people: Arc::new(import.people.clone()),
        channel_names: import.channel_names.clone(),
        messages: Arc::new(messages),
        held: Arc::new(held),
        pinners: import.pinners.clone(),
    };
    let summary = app.db.write_in_chat(chat_id, move |c| job.run(c)).await?;
    import.summary.merge(summary);
    Ok(())
}

/// The key of a bot's account for a message with no known `user`.
fn bot_key(m: &SlackMessage) -> Option<String> {
    let by = m
        .bot_id
        .clone()
        .or_else(|| m.username.clone())
        .filter(|k| !k.is_empty())?;
    Some(format!("bot:{by}"))
}

/// The name a bot posted under.
fn bot_name(m: &SlackMessage) -> String {
    m.username
        .clone()
        .or_else(|| m.bot_profile.as_ref().and_then(|p| p.name.clone()))
        .or_else(|| m.bot_id.clone())
        .unwrap_or_else(|| "bot".into())
}

/// Makes (or finds) the accounts of bots that posted by name.
fn bot_job(
    c: &store::Tx,
    source: &str,
    bots: &BTreeMap<String, String>,
) -> Result<(People, Summary)> {
    let mut made = HashMap::new();
    let mut s = Summary::default();
    for (key, name) in bots {
        if let Some(id) = imports::natter_id(c, source, "user", key)? {
            if let Some(user) = store::people::users::by_id(c, id)? {
                made.insert(key.clone(), (user.id, user.username));
                continue;
            }
        }
        let wanted = username_of(name, key.trim_start_matches("bot:"));
        let username = free_username(c, &wanted)?;
        if username != wanted {
            s.users_renamed.push((name.clone(), username.clone()));
        }
        let display: String = name.chars().take(150).collect();
        let user = store::people::users::insert(
            c,
            &store::people::users::NewUser {
                username: &username,
                email: "",
                password_hash: "",
                display_name: &display,
                is_admin: false,
            },
            &store::clock::now(),
        )?;
        imports::note(c, source, "user", key, user.id)?;
        s.bots_new += 1;
        made.insert(key.clone(), (user.id, user.username));
    }
    Ok((made, s))
}

/// What one day's write job needs.
struct DayJob {
    source: String,
    slack_chat: String,
    chat_id: i64,
    people: Arc<People>,
    channel_names: Arc<HashMap<String, String>>,
    messages: Arc<Vec<SlackMessage>>,
    held: Arc<HeldFiles>,
    pinners: Arc<Pinners>,
}

impl DayJob {
    fn run(&self, c: &store::Tx) -> Result<Summary> {
        let mut s = Summary::default();
        // Imported history is read history: nobody starts with a year of unread. Only
        // members who had read all the chat held are moved on, so that in a direct chat
        // that was already here, what someone had not read stays unread.
        let newest = store::messaging::messages::max_id(c, self.chat_id)?;
        let caught_up: Vec<i64> = store::messaging::chats::members(c, self.chat_id)?
            .into_iter()
            .filter(|m| m.last_read_message_id >= newest)
            .map(|m| m.user_id)
            .collect();
        let mut last = None;
        let mut counters = ChatCounters::default();
        for m in self.messages.iter() {
            if let Some(id) = self.message(c, m, &mut s, &mut counters)? {
                last = Some(id);
            }
        }
        counters.write(c, self.chat_id)?;
        if let Some(last) = last {
            for member in caught_up {
                store::messaging::chats::advance_read(c, self.chat_id, member, last)?;
            }
            store::import_notices::insert(c, self.chat_id)?;
        }
        Ok(s)
    }

    /// Brings in one message; its natter id when it was new.
    fn message(
        &self,
        c: &store::Tx,
        m: &SlackMessage,
        s: &mut Summary,
        counters: &mut ChatCounters,
    ) -> Result<Option<i64>> {
        let key = format!("{}:{}", self.slack_chat, m.ts);
        if imports::natter_id(c, &self.source, "message", &key)?.is_some() {
            *s.already.entry("messages").or_default() += 1;
            return Ok(None);
        }
        if m.kind.as_deref().is_some_and(|k| k != "message") {
            s.skip("records that are not messages");
            return Ok(None);
        }
        if let Some(sub) = m.subtype.as_deref().filter(|t| NOTICES.contains(t)) {
            s.skip(format!("Slack notices ({sub})"));
            return Ok(None);
        }
        let sender = m
            .user
            .as_ref()
            .and_then(|u| self.people.get(u))
            .or_else(|| bot_key(m).and_then(|k| self.people.get(&k)));
        let Some(&(sender, _)) = sender else {
            s.skip("messages whose sender is not in users.json and is no bot");
            return Ok(None);
        };
        let mut content = self.text(m, s);
        let attached: Vec<&HeldFile> = m
            .files
            .iter()
            .flatten()
            .filter_map(|f| held_id(f, &self.held).and_then(|id| self.held.get(id)))
            .collect();
        if content.trim().is_empty() && attached.is_empty() {
            s.skip("messages with no text and no file");
            return Ok(None);
        }
        if content.chars().count() > MAX_CONTENT_CHARS {
            content = content.chars().take(MAX_CONTENT_CHARS - 1).collect();
            content.push('…');
            s.skip("messages cut to natter's 10,000 characters (kept, shortened)");
        }
        let root = match m.thread_ts.as_deref().filter(|t| *t != m.ts) {
            None => None,
            Some(t) => {
                let root_key = format!("{}:{t}", self.slack_chat);
                let root = imports::natter_id(c, &self.source, "message", &root_key)?;
                if root.is_none() {
                    s.skip("replies whose thread root is not in the export (kept in the channel)");
                }
                root
            }
        };
        let mut placed = None;
        if let Some(root) = root {
            let target = ReplyTarget {
                reply_to: None,
                thread_id: Some(root),
                also_in_channel: m.subtype.as_deref() == Some("thread_broadcast"),
            };
            let (text, place) = threads::place(c, self.chat_id, target, content.clone());
            match place {
                Ok(p) => {
                    content = text;
                    placed = Some(p);
                }
                Err(_) => s.skip("replies whose thread root was removed (kept in the channel)"),
            }
        }
        let message = store::messaging::messages::insert(c, self.chat_id, sender, &content, &m.at)?;
        counters.add(message.id, &m.at);
        if let Some(edited) = &m.edited_at {
            store::messaging::messages::update_content(c, message.id, &content, edited)?;
            s.edits_new += 1;
        }
        if let Some(placed) = placed {
            threads::note_placed(c, self.chat_id, message.id, &placed)?;
            if let Some(thread) = placed.thread {
                threads::after_reply(c, self.chat_id, thread, sender, message.id, &content)?;
            }
            s.replies_new += 1;
        }
        for file in attached {
            let meta = store::messaging::files::insert(
                c,
                sender,
                &file.name,
                &file.content_type,
                file.size,
                &file.sha256,
                &m.at,
            )?;
            store::messaging::files::attach(c, message.id, meta.id)?;
            s.files_copied += 1;
        }
        imports::note(c, &self.source, "message", &key, message.id)?;
        s.messages_new += 1;
        self.reactions(c, m, &key, message.id, s)?;
        if m.pinned_to.iter().flatten().any(|c| *c == self.slack_chat) {
            // Who pinned it and when, from the conversation's `pins`; a message marked
            // pinned that the list leaves out is pinned by no one known, at its own time.
            let (by, at) = self.pinners.get(&key).cloned().unwrap_or_default();
            let at = at.unwrap_or_else(|| m.at.clone());
            if store::messaging::pins::pin_as(c, self.chat_id, message.id, by, &at)? {
                s.pins_new += 1;
            }
        }
        Ok(Some(message.id))
    }

    /// The message's text as natter Markdown, its files' links after it.
    fn text(&self, m: &SlackMessage, s: &mut Summary) -> String {
        let raw = with_channel_names(m.text.as_deref().unwrap_or(""), &self.channel_names);
        let people = &self.people;
        let lookup = |id: &str| people.get(id).map(|p| p.1.clone());
        let mut text = slack_payload::mrkdwn_text(&raw, &lookup);
        for file in m.files.iter().flatten() {
            if held_id(file, &self.held).is_some() {
                continue; // attached instead
            }
            let field = |k: &str| file.get(k).and_then(|v| v.as_str()).unwrap_or("");
            let url = [
                field("url_private"),
                field("permalink"),
                field("permalink_public"),
            ]
            .into_iter()
            .find(|u| u.starts_with("https://") || u.starts_with("http://"));
            let name = [field("title"), field("name")]
                .into_iter()
                .find(|n| !n.trim().is_empty())
                .unwrap_or("file");
            match url {
                Some(url) => {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(&format!("[{}]({url})", name.replace(['[', ']'], "")));
                    s.files_as_links += 1;
                }
                None => s.skip("files with no link (their content is not in the export)"),
            }
        }
        text
    }

    /// The message's reactions, each person's once.
    fn reactions(
        &self,
        c: &store::Tx,
        m: &SlackMessage,
        key: &str,
        message_id: i64,
        s: &mut Summary,
    ) -> Result<()> {
        for r in m.reactions.iter().flatten() {
            // A standard emoji by its shortcode, else the workspace's own emoji kept as
            // `:name:`, drawn once this server has an emoji of that name (as the chats
            // API takes it in a reaction); a name no custom emoji could have is left out.
            let standard = slack_payload::reaction_emoji(&r.name);
            let custom = || {
                crate::domain::messaging::custom_emoji::check_name(&r.name)
                    .ok()
                    .map(|name| format!(":{name}:"))
            };
            let Some(emoji) = standard.or_else(custom) else {
                s.skip(format!(
                    "reactions with an emoji name natter cannot keep (:{}:)",
                    r.name
                ));
                continue;
            };
            let mut seen = BTreeSet::new();
            for user in r.users.iter().flatten() {
                let Some(&(uid, _)) = self.people.get(user) else {
                    s.skip("reactions by people not in users.json");
                    continue;
                };
                let rkey = format!("{key}:{}:{user}", r.name);
                if !seen.insert(uid)
                    || imports::natter_id(c, &self.source, "reaction", &rkey)?.is_some()
                {
                    continue;
                }
                store::messaging::messages::toggle_reaction(c, message_id, uid, &emoji, &m.at)?;
                imports::note(c, &self.source, "reaction", &rkey, message_id)?;
                s.reactions_new += 1;
            }
        }
        Ok(())
    }
}

/// The pins of `channels.json` and its kin, `(conversation, pins)`, once their messages
/// are in: each pinned message found among those brought in (by this run or an earlier
/// one) is pinned in its chat, by who pinned it when they are known, at the time Slack
/// gives. A message pinned already stays as it is.
pub async fn pins(
    app: &App,
    import: &mut Import,
    pins: Vec<(String, Vec<export::SlackPin>)>,
) -> Result<()> {
    let people = Arc::new(import.account_ids());
    for (slack_chat, list) in pins {
        let Some(chat_id) = import.chat_of(&slack_chat) else {
            continue;
        };
        let people = people.clone();
        let source = import.source.clone();
        let s = app
            .db
            .write(move |c| {
                let mut s = Summary::default();
                for pin in &list {
                    let key = format!("{slack_chat}:{}", pin.id);
                    let Some(message) = imports::natter_id(c, &source, "message", &key)? else {
                        s.skip("pins of messages not in the export");
                        continue;
                    };
                    let by = pin.user.as_ref().and_then(|u| people.get(u)).copied();
                    let at = pin
                        .created
                        .and_then(|secs| export::slack_time(&secs.to_string()))
                        .unwrap_or_else(store::clock::now);
                    if store::messaging::pins::pin_as(c, chat_id, message, by, &at)? {
                        s.pins_new += 1;
                    }
                }
                Ok::<_, crate::domain::Error>(s)
            })
            .await?;
        import.summary.merge(s);
    }
    Ok(())
}

/// The user groups of `usergroups.json`, once the people are in: each becomes a group
/// with the same handle, name, description and the members brought in (a group an
/// earlier run made gains members added since). As with people, nothing natter held is
/// changed: a handle this server's own group or person has is left out, as are
/// disabled groups and handles natter cannot mention.
pub async fn user_groups(
    app: &App,
    import: &mut Import,
    groups: Vec<export::SlackUserGroup>,
) -> Result<()> {
    let people = import.account_ids();
    let source = import.source.clone();
    let s = app
        .db
        .write(move |c| {
            let mut s = Summary::default();
            let now = store::clock::now();
            for g in &groups {
                if g.date_delete.unwrap_or(0) > 0 {
                    s.skip("user groups disabled in Slack");
                    continue;
                }
                let Ok((handle, key)) = user_groups::check_handle(&g.handle) else {
                    s.skip("user groups whose handle natter cannot mention");
                    continue;
                };
                let known = match imports::natter_id(c, &source, "usergroup", &g.id)? {
                    Some(id) => store::user_groups::by_id(c, id)?.map(|g| g.id),
                    None => None,
                };
                let id = match known {
                    Some(id) => {
                        s.user_groups_joined += 1;
                        id
                    }
                    None if store::user_groups::person_named(c, &key)?
                        || store::user_groups::id_by_key(c, &key)?.is_some() =>
                    {
                        s.skip("user groups whose handle a group or person here has");
                        continue;
                    }
                    None => {
                        let name = g.name.as_deref().map(str::trim).unwrap_or("");
                        let new = store::user_groups::NewGroup {
                            handle: &handle,
                            handle_key: &key,
                            name: if name.is_empty() { &handle } else { name },
                            description: g.description.as_deref().unwrap_or("").trim(),
                            created_by: None,
                        };
                        let Some(id) = store::user_groups::insert(c, &new, &now)? else {
                            s.skip("user groups whose handle is taken");
                            continue;
                        };
                        s.user_groups_new += 1;
                        id
                    }
                };
                imports::note(c, &source, "usergroup", &g.id, id)?;
                for user in &g.users {
                    match people.get(user) {
                        Some(member) => {
                            store::user_groups::add_member(c, id, *member, &now)?;
                        }
                        None => s.skip("user group members not in users.json"),
                    }
                }
            }
            Ok::<_, crate::domain::Error>(s)
        })
        .await?;
    import.summary.merge(s);
    Ok(())
}

/// `<#C123>` without a label, given the channel's name as its label (`<#C123|general>`),
/// so it reads `#general`.
fn with_channel_names(text: &str, names: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<#") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find('>') else {
            out.push_str(tail);
            return out;
        };
        let inner = &tail[2..end];
        match names.get(inner) {
            Some(name) if !inner.contains('|') => {
                out.push_str(&format!("<#{inner}|{name}>"));
            }
            _ => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_names_become_usernames() {
        assert_eq!(username_of("jane.doe", "U1"), "jane.doe");
        assert_eq!(username_of("jane doe!", "U1"), "jane_doe_");
        assert_eq!(username_of("1234", "U1"), "slack_U1");
        assert_eq!(username_of("  ", "U1"), "slack_U1");
    }

    #[test]
    fn bare_channel_links_get_their_names() {
        let names = HashMap::from([("C1".to_string(), "general".to_string())]);
        assert_eq!(
            with_channel_names("see <#C1> and <#C2|x> and <#C3> <#", &names),
            "see <#C1|general> and <#C2|x> and <#C3> <#"
        );
    }
}
