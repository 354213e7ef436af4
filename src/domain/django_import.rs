//! `natter import django SOURCE --seed NNN`: people, their DRF keys, chats, members,
//! messages (with their original times and authors, edits and deletions), reactions and
//! read markers from one of the Django messaging apps natter speaks for.
//!
//! - **Idempotent and resumable.** Every user, chat, message, reaction and key brought in
//!   is noted in `import_keys` (source `django:<seed>:<file>`) in the same transaction
//!   as its rows, so a second run adds nothing and a stopped run picks up where it ended.
//! - **Beside a running server.** The writes go through the store's writer in short
//!   transactions (the users; each chat; its messages in batches), so a server serving
//!   the same database waits at most one batch.
//! - **Passwords.** Django's hash is kept as the account's ([`super::auth::django`]);
//!   the first sign-in that passes replaces it with natter's own.
//! - **Ids.** A user or a chat keeps its Django id when natter has no row with that id
//!   (on SQLite): seed 001's and 002's clients keep their chat URLs. Otherwise (or for
//!   UUID ids) the summary prints old -> new.
//! - **Existing accounts.** A Django user whose username natter already has becomes that
//!   account (its password unchanged).

use crate::domain::auth::{self, django};
use crate::domain::error::{Error, Result};
use crate::state::App;
use crate::store::django_source::{self, Source, SourceMessage};
use crate::store::imports::{self, Placed};
use crate::store::users::NewUser;
use crate::store::{self, chats::NewChat, ChatKind, MemberRole};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// How many messages one transaction writes: the server beside the import waits for at
/// most one batch.
const BATCH: usize = 500;

/// What an import did, for the summary it prints.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub users_new: usize,
    pub users_already: usize,
    pub users_matched: usize,
    pub users_skipped: Vec<String>,
    /// People whose Django hash natter cannot check (bcrypt, ...): they set a new password.
    pub passwords_unchecked: Vec<String>,
    pub tokens_new: usize,
    pub chats_new: usize,
    pub chats_already: usize,
    pub messages_new: usize,
    pub messages_already: usize,
    pub messages_skipped: usize,
    pub reactions_new: usize,
    pub read_markers: usize,
    /// Users whose natter id is not their Django id: (Django id, username, natter id).
    pub users_moved: Vec<(i64, String, i64)>,
    /// Chats whose natter id is not their Django id: (Django id, natter id).
    pub chats_moved: Vec<(String, i64)>,
}

/// Imports the Django database at `path` as seed `seed` describes it into `app`'s store.
/// An error is a sentence (a malformed row names its table, row and column); what was
/// committed before it stays, and a run again resumes.
pub async fn import(app: &App, path: PathBuf, seed: &str) -> std::result::Result<Report, String> {
    let seed_owned = seed.to_string();
    let read_path = path.clone();
    let source = tokio::task::spawn_blocking(move || django_source::read(&read_path, &seed_owned))
        .await
        .map_err(|e| format!("reading the source stopped unexpectedly ({e})"))?
        .map_err(|e| e.to_string())?;
    let file = std::fs::canonicalize(&path).unwrap_or(path);
    let name = format!("django:{seed}:{}", file.display());
    run(app, name, Arc::new(source)).await.map_err(|e| {
        format!("the import stopped: {e} (what was written stays; run it again to resume)")
    })
}

async fn run(app: &App, name: String, source: Arc<Source>) -> Result<Report> {
    let mut report = Report::default();
    let users = import_users(app, &name, &source, &mut report).await?;
    import_tokens(app, &name, &source, &users, &mut report).await?;
    let mut messages_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in source.messages.iter().enumerate() {
        messages_of.entry(m.chat.as_str()).or_default().push(i);
    }
    let chat_floor = source
        .chats
        .iter()
        .filter_map(|c| c.int_id)
        .max()
        .unwrap_or(0);
    let mut chats: HashMap<String, i64> = HashMap::new();
    let mut messages: HashMap<String, (i64, i64)> = HashMap::new();
    for (i, chat) in source.chats.iter().enumerate() {
        let Some(id) = import_chat(app, &name, &source, i, &users, chat_floor, &mut report).await?
        else {
            // None of its members is an account here: nothing to show its messages to.
            let left = messages_of.remove(chat.key.as_str()).unwrap_or_default();
            report.messages_skipped += left.len();
            continue;
        };
        chats.insert(chat.key.clone(), id);
        let indexes = messages_of.remove(chat.key.as_str()).unwrap_or_default();
        for batch in indexes.chunks(BATCH) {
            let batch: Vec<SourceMessage> =
                batch.iter().map(|&i| source.messages[i].clone()).collect();
            let done = import_messages(app, &name, id, batch, &users).await?;
            report.messages_new += done.new;
            report.messages_already += done.already;
            report.messages_skipped += done.skipped;
            messages.extend(done.ids.into_iter().map(|(k, v)| (k, (v, id))));
        }
        let (created, updated) = (chat.created_at.clone(), chat.updated_at.clone());
        app.db
            .write(move |c| -> Result<_> {
                let last = store::messages::last_in_chat(c, id)?;
                let updated = match last {
                    Some(m) if m.created_at > updated => m.created_at,
                    _ => updated.clone(),
                };
                Ok(imports::chat_times(c, id, &created, &updated)?)
            })
            .await?;
    }
    if let Some(m) = source
        .messages
        .iter()
        .find(|m| messages_of.contains_key(m.chat.as_str()))
    {
        return Err(Error::Internal(format!(
            "the message with id {} names chat {}, which the source has no row for",
            m.key, m.chat
        )));
    }
    let messages = Arc::new(messages);
    let users = Arc::new(users);
    for batch in source.reactions.chunks(BATCH) {
        let batch = batch.to_vec();
        let (name, messages, users) = (name.clone(), messages.clone(), users.clone());
        report.reactions_new += app
            .db
            .write(move |c| -> Result<_> {
                let mut added = 0;
                for r in &batch {
                    let (Some(&(message, _)), Some(&user)) =
                        (messages.get(&r.message), users.get(&r.user))
                    else {
                        continue;
                    };
                    if imports::natter_id(c, &name, "reaction", &r.key)?.is_some() {
                        continue;
                    }
                    if imports::reaction(c, message, user, &r.emoji, &r.created_at)? {
                        added += 1;
                    }
                    imports::note(c, &name, "reaction", &r.key, message)?;
                }
                Ok(added)
            })
            .await?;
    }
    for batch in source.seen.chunks(BATCH) {
        let batch = batch.to_vec();
        let (messages, users) = (messages.clone(), users.clone());
        report.read_markers += app
            .db
            .write(move |c| -> Result<_> {
                let mut moved = 0;
                for s in &batch {
                    let (Some(&(message, chat)), Some(&user)) =
                        (messages.get(&s.message), users.get(&s.user))
                    else {
                        continue;
                    };
                    if store::chats::advance_read(c, chat, user, message)? {
                        moved += 1;
                    }
                }
                Ok(moved)
            })
            .await?;
    }
    Ok(report)
}

/// The hash an imported account keeps: Django's, or none for an unusable password.
fn kept_hash(django_hash: &str) -> &str {
    if django_hash.starts_with('!') || !django::is_django(django_hash) {
        ""
    } else {
        django_hash
    }
}

/// Brings the users in (one transaction); returns Django id -> natter id.
async fn import_users(
    app: &App,
    name: &str,
    source: &Arc<Source>,
    report: &mut Report,
) -> Result<HashMap<i64, i64>> {
    let (name, source) = (name.to_string(), source.clone());
    let floor = source.users.iter().map(|u| u.id).max().unwrap_or(0);
    let (map, done) = app
        .db
        .write(move |c| -> Result<_> {
            let mut map = HashMap::new();
            let mut done = Report::default();
            let now = store::now();
            for u in &source.users {
                let key = u.id.to_string();
                if let Some(id) = imports::natter_id(c, &name, "user", &key)? {
                    map.insert(u.id, id);
                    done.users_already += 1;
                    if id != u.id {
                        done.users_moved.push((u.id, u.username.clone(), id));
                    }
                    continue;
                }
                if let Some(existing) = store::users::by_username(c, &u.username)? {
                    imports::note(c, &name, "user", &key, existing.id)?;
                    if existing.id != u.id {
                        done.users_moved
                            .push((u.id, u.username.clone(), existing.id));
                    }
                    map.insert(u.id, existing.id);
                    done.users_matched += 1;
                    continue;
                }
                if store::users::username_taken(c, &u.username)? {
                    done.users_skipped.push(format!(
                        "{} (id {}): natter has an account whose name looks the same",
                        u.username, u.id
                    ));
                    continue;
                }
                let email = match !u.email.is_empty() && store::users::email_taken(c, &u.email)? {
                    true => "",
                    false => u.email.as_str(),
                };
                let display = format!("{} {}", u.first_name.trim(), u.last_name.trim());
                let hash = kept_hash(&u.password);
                if !hash.is_empty() && !django::can_check(hash) {
                    done.passwords_unchecked.push(u.username.clone());
                }
                let user = store::users::insert(
                    c,
                    &NewUser {
                        username: &u.username,
                        email,
                        password_hash: hash,
                        display_name: display.trim(),
                        is_admin: u.is_staff || u.is_superuser,
                    },
                    &now,
                )?;
                let id = imports::place(c, Placed::Users, user.id, Some(u.id), floor)?;
                imports::account(c, id, u.is_active, &u.date_joined)?;
                imports::note(c, &name, "user", &key, id)?;
                if id != u.id {
                    done.users_moved.push((u.id, u.username.clone(), id));
                }
                map.insert(u.id, id);
                done.users_new += 1;
            }
            Ok((map, done))
        })
        .await?;
    report.users_new = done.users_new;
    report.users_already = done.users_already;
    report.users_matched = done.users_matched;
    report.users_skipped = done.users_skipped;
    report.passwords_unchecked = done.passwords_unchecked;
    report.users_moved = done.users_moved;
    Ok(map)
}

/// Brings the DRF keys in, stored as natter stores its own (sha256), so an old client's
/// `Authorization: Token <key>` keeps working. Noted by that hash, never the key: a key
/// the person signed out of in natter is not brought back by a second run.
async fn import_tokens(
    app: &App,
    name: &str,
    source: &Arc<Source>,
    users: &HashMap<i64, i64>,
    report: &mut Report,
) -> Result<()> {
    let (name, source, users) = (name.to_string(), source.clone(), users.clone());
    report.tokens_new = app
        .db
        .write(move |c| -> Result<_> {
            let now = store::now();
            let mut added = 0;
            for (key, user) in &source.tokens {
                let Some(&user) = users.get(user) else {
                    continue;
                };
                let hash = auth::digest(key);
                let noted: String = hash.iter().map(|b| format!("{b:02x}")).collect();
                if imports::natter_id(c, &name, "token", &noted)?.is_some() {
                    continue;
                }
                if imports::token(c, &hash, user, &now)? {
                    added += 1;
                }
                imports::note(c, &name, "token", &noted, user)?;
            }
            Ok(added)
        })
        .await?;
    Ok(())
}

/// Brings chat `index` of the source in with its members (one transaction); returns its
/// natter id, or `None` when none of its members was imported.
async fn import_chat(
    app: &App,
    name: &str,
    source: &Arc<Source>,
    index: usize,
    users: &HashMap<i64, i64>,
    floor: i64,
    report: &mut Report,
) -> Result<Option<i64>> {
    let (name, users) = (name.to_string(), users.clone());
    let shared = source.clone();
    let (id, new) = app
        .db
        .write(move |c| -> Result<_> {
            let source = &shared;
            let chat = &source.chats[index];
            let members: Vec<(i64, bool, &str)> = source
                .members
                .iter()
                .filter(|m| m.chat == chat.key)
                .filter_map(|m| {
                    users
                        .get(&m.user)
                        .map(|&u| (u, m.admin, m.joined_at.as_str()))
                })
                .collect();
            let (id, new) = match imports::natter_id(c, &name, "chat", &chat.key)? {
                Some(id) => (id, false),
                None => {
                    let Some(&(first, ..)) = members.first() else {
                        return Ok((None, false));
                    };
                    let creator = members.iter().find(|m| m.1).map_or(first, |m| m.0);
                    let direct = chat.direct && members.len() == 2 && members[0].0 != members[1].0;
                    let id = if direct {
                        let (made, created) = store::chats::insert_direct(
                            c,
                            &NewChat::direct(creator, (members[0].0, members[1].0), None),
                            &chat.created_at,
                        )?;
                        match created {
                            true => imports::place(c, Placed::Chats, made, chat.int_id, floor)?,
                            false => made,
                        }
                    } else {
                        let made = store::chats::insert(
                            c,
                            &NewChat {
                                kind: ChatKind::Group,
                                title: &chat.title,
                                name: None,
                                description: "",
                                max_participants: None,
                                is_private: true,
                                created_by: creator,
                                direct_pair: None,
                            },
                            &chat.created_at,
                        )?;
                        imports::place(c, Placed::Chats, made, chat.int_id, floor)?
                    };
                    imports::note(c, &name, "chat", &chat.key, id)?;
                    (id, true)
                }
            };
            for &(user, admin, joined) in &members {
                let role = if admin {
                    MemberRole::Admin
                } else {
                    MemberRole::Member
                };
                let joined = if joined.is_empty() {
                    chat.created_at.as_str()
                } else {
                    joined
                };
                store::chats::add_member(c, id, user, role, joined)?;
            }
            Ok((Some(id), new))
        })
        .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    let chat = &source.chats[index];
    match new {
        true => report.chats_new += 1,
        false => report.chats_already += 1,
    }
    // Seed 000's conversations had no id of their own (their sockets name a username).
    if chat.int_id != Some(id) && !chat.key.starts_with("pair:") {
        report.chats_moved.push((chat.key.clone(), id));
    }
    Ok(Some(id))
}

/// What one batch of messages did.
struct Batch {
    new: usize,
    already: usize,
    skipped: usize,
    /// Source key -> natter id, for the reactions and read markers.
    ids: Vec<(String, i64)>,
}

/// Brings one batch of a chat's messages in (one transaction), oldest first.
async fn import_messages(
    app: &App,
    name: &str,
    chat: i64,
    batch: Vec<SourceMessage>,
    users: &HashMap<i64, i64>,
) -> Result<Batch> {
    let (name, users) = (name.to_string(), users.clone());
    app.db
        .write(move |c| -> Result<_> {
            let mut done = Batch {
                new: 0,
                already: 0,
                skipped: 0,
                ids: Vec::new(),
            };
            for m in &batch {
                if let Some(id) = imports::natter_id(c, &name, "message", &m.key)? {
                    done.already += 1;
                    done.ids.push((m.key.clone(), id));
                    continue;
                }
                let Some(&sender) = m.sender.as_ref().and_then(|s| users.get(s)) else {
                    done.skipped += 1;
                    continue;
                };
                let message = store::messages::insert(c, chat, sender, &m.content, &m.created_at)?;
                if m.edited_at.is_some() || m.deleted_at.is_some() {
                    imports::message_times(
                        c,
                        message.id,
                        m.edited_at.as_deref(),
                        m.deleted_at.as_deref(),
                    )?;
                }
                if m.deleted_at.is_none() {
                    store::chats::note_message(c, chat, message.id, &m.created_at)?;
                    store::chats::advance_read(c, chat, sender, message.id)?;
                }
                imports::note(c, &name, "message", &m.key, message.id)?;
                done.ids.push((m.key.clone(), message.id));
                done.new += 1;
            }
            Ok(done)
        })
        .await
}
