//! `natter import django SOURCE --seed NNN`: people, their DRF keys, chats, members,
//! messages (with their original times and authors, edits and deletions), reactions and
//! read markers from one of the Django messaging apps natter speaks for.
//!
//! - **Idempotent and resumable.** Every user, chat, message, reaction, post, key and
//!   browser session brought in is noted in `import_keys` in the same transaction as
//!   its rows, so a second run adds nothing and a stopped run picks up where it ended.
//!   The notes are kept under the source's name (`--source-name`, by default a digest of
//!   its first user), not its path: a copied or moved file is the same source. People,
//!   their keys and their sessions are noted once per source, since every seed of one
//!   Django database shares its `auth_user` and `django_session`; the rest once per seed.
//! - **Beside a running server.** The writes go through the store's writer in short
//!   transactions (the users; each chat; its messages in batches), so a server serving
//!   the same database waits at most one batch.
//! - **Passwords.** Django's hash is kept as the account's ([`crate::domain::auth::django`]);
//!   the first sign-in that passes replaces it with natter's own.
//! - **Ids and names.** A user or a chat keeps its Django id when natter has no row with
//!   that id (on SQLite): seeds 001's, 002's and 003's clients keep their chat and room
//!   URLs. Otherwise (or for UUID ids) the summary prints old -> new. Seed 004's rooms
//!   keep their names (its clients find rooms by name); a name another chat holds is
//!   printed.
//! - **What natter holds stays.** A Django user becomes an account natter already has
//!   only when the operator's map says so (`--map`, `--map-file`), or the account has
//!   their username and their email as its confirmed address (or, for the username
//!   alone, `--merge-existing`); each match is printed. Otherwise they come in as
//!   `<name>-django` when the name is taken, and an address another account holds
//!   unconfirmed goes to the account the import makes, confirmed. A direct chat natter already has for the
//!   same two people receives the messages and is otherwise left as it is.
//! - **Orphans.** A message whose chat the source has no row for is skipped and counted.

pub mod command;

use crate::domain::auth::{self, django};
use crate::domain::error::Result;
use crate::moving::chat_counters::ChatCounters;
use crate::moving::import_map::Mapping;
use crate::state::App;
use crate::store::moving::django_source::{self, Source, SourceMessage};
use crate::store::moving::imports::{self, Placed};
use crate::store::people::confirmed_emails::{self, How};
use crate::store::people::users::NewUser;
use crate::store::{self, messaging::chats::NewChat, ChatKind, MemberRole};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many messages one transaction writes: the server beside the import waits for at
/// most one batch.
const BATCH: usize = 500;

/// What an import did, for the summary it prints.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// The name the source's records are kept under (`--source-name` to set it).
    pub source_name: String,
    pub users_new: usize,
    pub users_already: usize,
    pub users_matched: usize,
    pub users_skipped: Vec<String>,
    /// People whose Django hash natter cannot check (unsalted MD5, SHA-1, ...): they set a new password.
    pub passwords_unchecked: Vec<String>,
    pub tokens_new: usize,
    /// Django browser sessions brought in, so their `sessionid` cookie signs in here.
    pub sessions_new: usize,
    /// Sessions an earlier run brought in (or natter already had).
    pub sessions_already: usize,
    /// Sessions not brought in because Django's expiry has passed.
    pub sessions_expired: usize,
    /// Sessions not brought in because they are unreadable: no signed-in user in their
    /// data, no expiry, or no key.
    pub sessions_malformed: usize,
    /// Sessions not brought in because their user was not imported.
    pub sessions_no_user: usize,
    pub chats_new: usize,
    pub chats_already: usize,
    pub messages_new: usize,
    pub messages_already: usize,
    pub messages_skipped: usize,
    pub reactions_new: usize,
    pub read_markers: usize,
    /// Users whose natter id is not their Django id: (Django id, username, natter id).
    pub users_moved: Vec<(i64, String, i64)>,
    /// People imported under another username, because natter has an account of theirs
    /// whose email differs: (Django username, natter username).
    pub users_renamed: Vec<(String, String)>,
    /// People who became an existing account: (Django username, natter username, why).
    pub users_matched_to: Vec<(String, String, &'static str)>,
    /// Accounts that held a newcomer's address unconfirmed and lost it to them:
    /// (natter username, address).
    pub addresses_taken: Vec<(String, String)>,
    /// Chats whose natter id is not their Django id: (Django id, natter id).
    pub chats_moved: Vec<(String, i64)>,
    /// Named chats (seed 004's rooms) whose name natter could not give them, because
    /// another chat holds it: (the name, the natter id, the name it has there if any).
    pub names_lost: Vec<(String, i64, Option<String>)>,
    /// Chats natter already had (a direct chat of the same two people): their messages
    /// were added to it and nothing of the chat itself changed: (source id, natter id).
    pub chats_joined: Vec<(String, i64)>,
    /// Messages whose chat the source has no row for: how many, and one example.
    pub messages_orphaned: usize,
    pub orphan_example: Option<String>,
    /// Attachments and profile images copied into natter's file storage.
    pub files_new: usize,
    pub files_already: usize,
    /// Files not copied, each with why (missing, too large, ...).
    pub files_skipped: Vec<String>,
    /// Files the source names that were not looked for, because `--media` was not given.
    pub files_not_looked_for: usize,
    pub friendships_new: usize,
    pub posts_new: usize,
    pub posts_already: usize,
}

/// How an import runs (the command's flags).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Which app's data model the source follows: `000` to `004`.
    pub seed: String,
    /// The name the source's records are kept under (`--source-name`); by default one
    /// made from the source's first user, which a copied or moved file keeps.
    pub source_name: Option<String>,
    /// Whether a Django user may become the natter account of the same username when
    /// their emails differ (`--merge-existing`).
    pub merge_existing: bool,
    /// The app's media folder (`--media`), where its attachments and profile images
    /// are; without it none are copied.
    pub media: Option<PathBuf>,
    /// The operator's map of Django usernames to existing accounts.
    pub map: Mapping,
}

/// The names an import's records are kept under in `import_keys`: people and their keys
/// once per source (every seed of one Django database shares its `auth_user`), the rest
/// per seed.
struct Names {
    users: String,
    rest: String,
}

/// What the import tells its caller as it goes, for a progress line.
pub trait Watch: Send {
    /// The next of `total` chats begins, with the messages imported so far.
    fn chat(&mut self, total: usize, title: &str, messages: usize);
    /// A batch of the current chat's messages was written: `messages` so far.
    fn messages(&mut self, messages: usize);
}

/// Imports the Django database at `path` as `options` describe it into `app`'s store,
/// telling `watch` of each chat. An error is a sentence (a malformed row names its table,
/// row and column); what was committed before it stays, and a run again resumes.
pub async fn import(
    app: &App,
    path: PathBuf,
    options: &Options,
    watch: &mut dyn Watch,
) -> std::result::Result<Report, String> {
    let seed = options.seed.clone();
    let url = path
        .to_str()
        .filter(|p| django_source::is_postgres_url(p))
        .map(str::to_string);
    let read_path = path.clone();
    let read_url = url.clone();
    // On a thread of its own: a PostgreSQL source runs a small runtime of its own.
    let reader = std::thread::spawn(move || match read_url {
        Some(url) => django_source::read_postgres(&url, &seed),
        None => django_source::read(&read_path, &seed),
    });
    let source = tokio::task::spawn_blocking(move || reader.join())
        .await
        .map_err(|e| format!("reading the source stopped unexpectedly ({e})"))?
        .map_err(|_| "reading the source stopped unexpectedly".to_string())?
        .map_err(|e| e.to_string())?;
    let seed = &options.seed;
    // Runs before the source had a name of its own kept their records under its path.
    let legacy = match &url {
        Some(url) => format!(
            "django:{seed}:{}",
            crate::kit::printable::without_credentials(url)
        ),
        None => {
            let file = std::fs::canonicalize(&path).unwrap_or(path);
            format!("django:{seed}:{}", file.display())
        }
    };
    let source_name = options
        .source_name
        .clone()
        .unwrap_or_else(|| fingerprint(&source));
    let probe = legacy.clone();
    let legacy_used = app
        .db
        .read(move |c| imports::used(c, &probe))
        .await
        .map_err(|e| e.to_string())?;
    let names = match legacy_used {
        true => Names {
            users: legacy.clone(),
            rest: legacy,
        },
        false => Names {
            users: format!("django:{source_name}"),
            rest: format!("django:{seed}:{source_name}"),
        },
    };
    let mut report = Report {
        source_name,
        ..Report::default()
    };
    run(app, &names, Arc::new(source), options, watch, &mut report)
        .await
        .map_err(|e| {
            format!("the import stopped: {e} (what was written stays; run it again to resume)")
        })?;
    Ok(report)
}

/// The default name of a source: its first user's id, username and join time, hashed.
/// The same in every copy of the database, and different between two apps.
fn fingerprint(source: &Source) -> String {
    use sha2::{Digest, Sha256};
    let Some(first) = source.users.iter().min_by_key(|u| u.id) else {
        return "no-users".into();
    };
    let digest = Sha256::digest(format!(
        "{}\n{}\n{}",
        first.id, first.username, first.date_joined
    ));
    format!("auth-user-{}", &hex::encode(digest)[..16])
}

async fn run(
    app: &App,
    names: &Names,
    source: Arc<Source>,
    options: &Options,
    watch: &mut dyn Watch,
    report: &mut Report,
) -> Result<()> {
    let name = names.rest.clone();
    let users = import_users(app, &names.users, &source, options, report).await?;
    import_tokens(app, &names.users, &source, &users, report).await?;
    import_sessions(app, &names.users, &source, &users, report).await?;
    import_social(app, &name, &source, &users, report).await?;
    let mut messages_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in source.messages.iter().enumerate() {
        messages_of.entry(m.chat.as_str()).or_default().push(i);
    }
    // Each chat's members found once, not by a scan of every member per chat.
    let mut members_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in source.members.iter().enumerate() {
        members_of.entry(m.chat.as_str()).or_default().push(i);
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
        let title = chat.name.as_deref().unwrap_or(&chat.title);
        let shown = if title.is_empty() {
            chat.key.as_str()
        } else {
            title
        };
        watch.chat(source.chats.len(), shown, report.messages_new);
        let members = members_of.remove(chat.key.as_str()).unwrap_or_default();
        let Some(placed) =
            import_chat(app, &name, &source, i, members, &users, chat_floor, report).await?
        else {
            // None of its members is an account here: nothing to show its messages to.
            let left = messages_of.remove(chat.key.as_str()).unwrap_or_default();
            report.messages_skipped += left.len();
            continue;
        };
        let id = placed.id;
        chats.insert(chat.key.clone(), id);
        let indexes = messages_of.remove(chat.key.as_str()).unwrap_or_default();
        for batch in indexes.chunks(BATCH) {
            let batch: Vec<SourceMessage> =
                batch.iter().map(|&i| source.messages[i].clone()).collect();
            let done = import_messages(app, &name, id, batch, &users).await?;
            report.messages_new += done.new;
            report.messages_already += done.already;
            report.messages_skipped += done.skipped;
            watch.messages(report.messages_new);
            messages.extend(done.ids.into_iter().map(|(k, v)| (k, (v, id))));
        }
        if placed.held {
            // natter's own chat: its times are natter's, the new messages counted by
            // their inserts.
            continue;
        }
        let (created, updated) = (chat.created_at.clone(), chat.updated_at.clone());
        app.db
            .write(move |c| -> Result<_> {
                let last = store::messaging::messages::last_in_chat(c, id)?;
                let updated = match last {
                    Some(m) if m.created_at > updated => m.created_at,
                    _ => updated.clone(),
                };
                Ok(imports::chat_times(c, id, &created, &updated)?)
            })
            .await?;
    }
    // What is left names no chat of the source: skipped, and said so.
    for m in source
        .messages
        .iter()
        .filter(|m| messages_of.contains_key(m.chat.as_str()))
    {
        report.messages_orphaned += 1;
        report.orphan_example.get_or_insert_with(|| {
            format!(
                "message {} names chat {}, which the source has no row for",
                m.key, m.chat
            )
        });
    }
    import_files(
        app,
        &names.users,
        &name,
        &source,
        &messages,
        &users,
        options,
        report,
    )
    .await?;
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
                    if store::messaging::chats::advance_read(c, chat, user, message)? {
                        moved += 1;
                    }
                }
                Ok(moved)
            })
            .await?;
    }
    Ok(())
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
    options: &Options,
    report: &mut Report,
) -> Result<HashMap<i64, i64>> {
    let (name, source) = (name.to_string(), source.clone());
    let (merge_existing, mapping) = (options.merge_existing, options.map.clone());
    let floor = source.users.iter().map(|u| u.id).max().unwrap_or(0);
    let (map, done) = app
        .db
        .write(move |c| -> Result<_> {
            let mut map = HashMap::new();
            let mut done = Report::default();
            let now = store::clock::now();
            mapping.check(c)?;
            for u in &source.users {
                let key = u.id.to_string();
                if let Some(id) = imports::natter_id(c, &name, "user", &key)? {
                    map.insert(u.id, id);
                    done.users_already += 1;
                    if id != u.id {
                        done.users_moved.push((u.id, u.username.clone(), id));
                    }
                    // An account this import made learns what a later seed of the same
                    // source knows of it (seed 003's display name, seed 004's bio).
                    if imports::natter_id(c, &name, "matched-user", &key)?.is_none() {
                        imports::fill_profile(c, id, u.display_name.trim(), &u.bio)?;
                    }
                    continue;
                }
                let mut username = u.username.clone();
                // Only the operator's word or an address natter confirmed makes a Django
                // user an account that exists: anyone may register any name and address.
                let mapped = mapping.account(c, &[&u.username])?;
                let same_name = store::people::users::by_username(c, &u.username)?;
                let matched = match (mapped, &same_name) {
                    (Some(account), _) => Some((account, "the map says so")),
                    (None, Some(existing)) => {
                        let same_email = !u.email.is_empty()
                            && confirmed_emails::confirmed_holder(c, &u.email)?
                                .is_some_and(|e| e.id == existing.id);
                        match (same_email, merge_existing) {
                            (true, _) => Some((existing.clone(), "their confirmed email")),
                            (false, true) => Some((existing.clone(), "--merge-existing")),
                            (false, false) => None,
                        }
                    }
                    (None, None) => None,
                };
                if let Some((existing, why)) = matched {
                    imports::note(c, &name, "user", &key, existing.id)?;
                    imports::note(c, &name, "matched-user", &key, existing.id)?;
                    if existing.id != u.id {
                        done.users_moved
                            .push((u.id, u.username.clone(), existing.id));
                    }
                    map.insert(u.id, existing.id);
                    done.users_matched += 1;
                    done.users_matched_to
                        .push((u.username.clone(), existing.username, why));
                    continue;
                }
                // A name natter has (under any spelling) is someone else's here.
                if same_name.is_some() || store::people::users::username_taken(c, &u.username)? {
                    username = free_username(c, &u.username)?;
                    done.users_renamed
                        .push((u.username.clone(), username.clone()));
                }
                if !u.email.is_empty() {
                    if let Some(lost) = confirmed_emails::release_unconfirmed(c, &u.email)? {
                        done.addresses_taken.push((lost.username, u.email.clone()));
                    }
                }
                let email =
                    match !u.email.is_empty() && store::people::users::email_taken(c, &u.email)? {
                        true => "",
                        false => u.email.as_str(),
                    };
                let display = match u.display_name.trim() {
                    "" => format!("{} {}", u.first_name.trim(), u.last_name.trim()),
                    shown => shown.to_string(),
                };
                let hash = kept_hash(&u.password);
                if !hash.is_empty() && !django::can_check(hash) {
                    done.passwords_unchecked.push(u.username.clone());
                }
                let user = store::people::users::insert(
                    c,
                    &NewUser {
                        username: &username,
                        email,
                        password_hash: hash,
                        display_name: display.trim(),
                        is_admin: u.is_staff || u.is_superuser,
                    },
                    &now,
                )?;
                let id = imports::place(c, Placed::Users, user.id, Some(u.id), floor)?;
                imports::account(c, id, u.is_active, &u.date_joined)?;
                if !u.bio.is_empty() {
                    store::people::users::update_profile(c, id, None, Some(&u.bio), None)?;
                }
                imports::note(c, &name, "user", &key, id)?;
                // The Django app vouches for the address of the person it made.
                confirmed_emails::confirm(c, id, How::Import, &now)?;
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
    report.users_renamed = done.users_renamed;
    report.users_matched_to = done.users_matched_to;
    report.addresses_taken = done.addresses_taken;
    Ok(map)
}

/// A username natter has no account for, made from `wanted`: `wanted-django`, then
/// `wanted-django2`, ... (shortened to natter's 150 characters).
fn free_username(c: &store::Conn, wanted: &str) -> Result<String> {
    for n in 1..1000 {
        let suffix = match n {
            1 => "-django".to_string(),
            n => format!("-django{n}"),
        };
        let keep = 150usize.saturating_sub(suffix.chars().count());
        let candidate: String = wanted.chars().take(keep).chain(suffix.chars()).collect();
        if !store::people::users::username_taken(c, &candidate)? {
            return Ok(candidate);
        }
    }
    Err(crate::domain::error::Error::Internal(format!(
        "no free username like {wanted}-django"
    )))
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
            let now = store::clock::now();
            let mut added = 0;
            for (key, user) in &source.tokens {
                let Some(&user) = users.get(user) else {
                    continue;
                };
                let hash = auth::digest(key);
                let noted = hex::encode(&hash);
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

/// Brings Django's unexpired browser sessions in (one transaction), stored as natter
/// stores its own (sha256 of the `sessionid`), each with Django's expiry and a fresh CSRF
/// secret, so a browser signed in to the Django app is signed in here. Noted by that hash,
/// never the key: a session signed out of in natter is not brought back by a second run.
async fn import_sessions(
    app: &App,
    name: &str,
    source: &Arc<Source>,
    users: &HashMap<i64, i64>,
    report: &mut Report,
) -> Result<()> {
    let (name, source, users) = (name.to_string(), source.clone(), users.clone());
    let now = store::clock::now();
    // Read and sorted before the write: (hash, natter user, expiry).
    let mut usable = Vec::new();
    for s in &source.sessions {
        let expires = django_source::django_time(&s.expires);
        let user = django_source::session_user(&s.data);
        let (Some(expires), Some(user), false) = (expires, user, s.key.trim().is_empty()) else {
            report.sessions_malformed += 1;
            continue;
        };
        if expires <= now {
            report.sessions_expired += 1;
            continue;
        }
        let Some(&user) = users.get(&user) else {
            report.sessions_no_user += 1;
            continue;
        };
        usable.push((auth::digest(&s.key), user, expires));
    }
    if usable.is_empty() {
        return Ok(());
    }
    let (new, already) = app
        .db
        .write(move |c| -> Result<_> {
            let (mut new, mut already) = (0, 0);
            for (hash, user, expires) in &usable {
                let noted = hex::encode(hash);
                if imports::natter_id(c, &name, "session", &noted)?.is_some() {
                    already += 1;
                    continue;
                }
                let csrf = crate::kit::random::random_hex(16);
                if imports::session(c, hash, *user, &csrf, expires, &now)? {
                    new += 1;
                } else {
                    already += 1;
                }
                imports::note(c, &name, "session", &noted, *user)?;
            }
            Ok((new, already))
        })
        .await?;
    report.sessions_new = new;
    report.sessions_already = already;
    Ok(())
}

/// Where a source chat landed.
struct ChatPlace {
    id: i64,
    /// natter had this chat before (a direct chat of the same two people): its
    /// messages are added, nothing of the chat itself changes.
    held: bool,
}

/// Brings chat `index` of the source in with its members (`members`, indexes into the
/// source's members; one transaction); returns where it landed, or `None` when neither
/// its owner nor any member was imported.
#[allow(clippy::too_many_arguments)]
async fn import_chat(
    app: &App,
    name: &str,
    source: &Arc<Source>,
    index: usize,
    members: Vec<usize>,
    users: &HashMap<i64, i64>,
    floor: i64,
    report: &mut Report,
) -> Result<Option<ChatPlace>> {
    let (name, users) = (name.to_string(), users.clone());
    let shared = source.clone();
    let done = app
        .db
        .write(move |c| -> Result<_> {
            let source = &shared;
            let chat = &source.chats[index];
            let mut people: Vec<(i64, bool, &str)> = Vec::new();
            for m in members.iter().map(|&i| &source.members[i]) {
                if let Some(&u) = users.get(&m.user) {
                    if !people.iter().any(|p| p.0 == u) {
                        people.push((u, m.admin, m.joined_at.as_str()));
                    }
                }
            }
            let (id, new, held) = match imports::natter_id(c, &name, "chat", &chat.key)? {
                Some(id) => {
                    let held = imports::natter_id(c, &name, "held-chat", &chat.key)?.is_some();
                    (id, false, held)
                }
                None => {
                    let owner = chat.owner.and_then(|o| users.get(&o).copied());
                    let Some(creator) = owner
                        .or_else(|| people.iter().find(|m| m.1).map(|m| m.0))
                        .or_else(|| people.first().map(|m| m.0))
                    else {
                        return Ok(None);
                    };
                    let direct = chat.direct && people.len() == 2 && people[0].0 != people[1].0;
                    let (id, held) = if direct {
                        let pair = (people[0].0, people[1].0);
                        let wanted = match &chat.name {
                            Some(n) => n.clone(),
                            None => pair_name(c, pair)?,
                        };
                        let free = store::messaging::chats::by_name(c, &wanted)?.is_none();
                        let (made, created) = store::messaging::chats::insert_direct(
                            c,
                            &NewChat::direct(creator, pair, free.then_some(wanted.as_str())),
                            &chat.created_at,
                        )?;
                        if created {
                            (
                                imports::place(c, Placed::Chats, made, chat.int_id, floor)?,
                                false,
                            )
                        } else {
                            imports::note(c, &name, "held-chat", &chat.key, made)?;
                            (made, true)
                        }
                    } else {
                        let wanted = match &chat.name {
                            Some(n) if store::messaging::chats::by_name(c, n)?.is_none() => {
                                Some(n.as_str())
                            }
                            _ => None,
                        };
                        let made = store::messaging::chats::insert(
                            c,
                            &NewChat {
                                kind: if chat.room {
                                    ChatKind::Room
                                } else {
                                    ChatKind::Group
                                },
                                title: &chat.title,
                                name: wanted,
                                description: "",
                                max_participants: None,
                                is_private: !chat.room,
                                created_by: creator,
                                direct_pair: None,
                            },
                            &chat.created_at,
                        )?;
                        (
                            imports::place(c, Placed::Chats, made, chat.int_id, floor)?,
                            false,
                        )
                    };
                    imports::note(c, &name, "chat", &chat.key, id)?;
                    (id, true, held)
                }
            };
            // A chat natter had keeps its members as they are.
            if !held {
                for &(user, admin, joined) in &people {
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
                    store::messaging::chats::add_member(c, id, user, role, joined)?;
                }
            }
            let shown = match &chat.name {
                Some(_) => store::messaging::chats::by_id(c, id)?.and_then(|ch| ch.name),
                None => None,
            };
            Ok(Some((id, new, held, shown)))
        })
        .await?;
    let Some((id, new, held, shown)) = done else {
        return Ok(None);
    };
    let chat = &source.chats[index];
    match new {
        true => report.chats_new += 1,
        false => report.chats_already += 1,
    }
    if held && new {
        report.chats_joined.push((chat.key.clone(), id));
    }
    match &chat.name {
        Some(wanted) if shown.as_deref() != Some(wanted.as_str()) => {
            report.names_lost.push((wanted.clone(), id, shown));
        }
        // Seed 004's rooms are found by name, seed 000's conversations by username.
        Some(_) => {}
        None if chat.int_id != Some(id) && !chat.key.starts_with("pair:") && !held => {
            report.chats_moved.push((chat.key.clone(), id));
        }
        None => {}
    }
    Ok(Some(ChatPlace { id, held }))
}

/// The messenger name natter gives a direct chat of `pair` (as its own direct chats get).
fn pair_name(c: &store::Conn, pair: (i64, i64)) -> Result<String> {
    let name = |id: i64| -> Result<String> {
        Ok(store::people::users::by_id(c, id)?
            .map(|u| u.username)
            .unwrap_or_default())
    };
    Ok(crate::domain::messaging::chats::direct_room_name(
        &name(pair.0)?,
        &name(pair.1)?,
    ))
}

/// A file the source names, read from its media folder, or why it is skipped.
fn read_media(media: &Path, stored: &str, max: u64) -> std::result::Result<Vec<u8>, String> {
    let relative = Path::new(stored);
    let inside = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if stored.is_empty() || !inside {
        return Err(format!("{stored:?}: its path leaves the media folder"));
    }
    let path = media.join(relative);
    let size = match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => return Err(format!("{stored}: not a file in the media folder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("{stored}: missing from the media folder"))
        }
        Err(e) => return Err(format!("{stored}: cannot be read ({e})")),
    };
    if size > max {
        return Err(format!(
            "{stored}: {size} bytes, larger than the upload limit ({} MB, --max-upload-mb)",
            max / (1024 * 1024)
        ));
    }
    if size == 0 {
        return Err(format!("{stored}: empty"));
    }
    std::fs::read(&path).map_err(|e| format!("{stored}: cannot be read ({e})"))
}

/// A type for a file the app recorded none for, from its name's extension.
fn guessed_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("txt") => "text/plain",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// One file to copy: what the import notes it as, and where it goes.
struct Copy {
    /// `file` (an attachment, keyed per seed) or `image` (a profile image, per source).
    kind: &'static str,
    key: String,
    owner: i64,
    stored: String,
    name: String,
    content_type: String,
    /// The message it is attached to, or `None` for a profile image.
    message: Option<i64>,
}

/// Copies the source's attachments (onto their imported messages) and seed 004's profile
/// images (onto accounts this import made, when they have none) into natter's file
/// storage, as uploads are stored: by content, within the upload size limit. A file that
/// cannot be copied is skipped with why; one copied is noted and never copied twice.
#[allow(clippy::too_many_arguments)]
async fn import_files(
    app: &App,
    users_name: &str,
    name: &str,
    source: &Arc<Source>,
    messages: &HashMap<String, (i64, i64)>,
    users: &HashMap<i64, i64>,
    options: &Options,
    report: &mut Report,
) -> Result<()> {
    let mut copies = Vec::new();
    for f in &source.files {
        let Some(&(message, _)) = messages.get(&f.message) else {
            continue;
        };
        let Some(&owner) = f.uploader.and_then(|u| users.get(&u)) else {
            report
                .files_skipped
                .push(format!("{}: its uploader was not imported", f.path));
            continue;
        };
        copies.push(Copy {
            kind: "file",
            key: f.key.clone(),
            owner,
            stored: f.path.clone(),
            name: f.name.clone(),
            content_type: f.content_type.clone(),
            message: Some(message),
        });
    }
    for u in source.users.iter().filter(|u| !u.image.is_empty()) {
        let Some(&owner) = users.get(&u.id) else {
            continue;
        };
        copies.push(Copy {
            kind: "image",
            key: u.id.to_string(),
            owner,
            stored: u.image.clone(),
            name: u.image.rsplit('/').next().unwrap_or_default().to_string(),
            content_type: String::new(),
            message: None,
        });
    }
    let Some(media) = options.media.clone() else {
        report.files_not_looked_for = copies.len();
        return Ok(());
    };
    let max = app.config.max_upload_mb.saturating_mul(1024 * 1024);
    for copy in copies {
        let noted_as = match copy.kind {
            "image" => users_name.to_string(),
            _ => name.to_string(),
        };
        let (probe, kind, key, owner) = (noted_as.clone(), copy.kind, copy.key.clone(), copy.owner);
        let wanted = app
            .db
            .read(move |c| -> Result<_> {
                if imports::natter_id(c, &probe, kind, &key)?.is_some() {
                    return Ok(None);
                }
                // A profile image goes only to an account this import made.
                if kind == "image" && imports::natter_id(c, &probe, "matched-user", &key)?.is_some()
                {
                    return Ok(None);
                }
                Ok(Some(owner))
            })
            .await?;
        if wanted.is_none() {
            report.files_already += 1;
            continue;
        }
        let (folder, stored) = (media.clone(), copy.stored.clone());
        let read = tokio::task::spawn_blocking(move || read_media(&folder, &stored, max))
            .await
            .map_err(|e| crate::domain::error::Error::Internal(format!("file task: {e}")))?;
        let bytes = match read {
            Ok(bytes) => bytes::Bytes::from(bytes),
            Err(why) => {
                report.files_skipped.push(why);
                continue;
            }
        };
        let size = bytes.len() as i64;
        let sha = crate::domain::uploads::files::write_content(app, bytes.clone(), true).await?;
        let filename = crate::domain::uploads::files::clean_filename(&copy.name);
        let content_type = match copy.content_type.trim() {
            "" => guessed_type(&filename).to_string(),
            given => crate::domain::uploads::files::clean_content_type(given),
        };
        let written_sha = sha.clone();
        app.db
            .write(move |c| -> Result<_> {
                let file = store::messaging::files::insert(
                    c,
                    copy.owner,
                    &filename,
                    &content_type,
                    size,
                    &written_sha,
                    &store::clock::now(),
                )?;
                match copy.message {
                    Some(message) => store::messaging::files::attach(c, message, file.id)?,
                    None => {
                        let [path, _] = crate::domain::uploads::files::profile_image_paths(file.id);
                        imports::fill_image(c, copy.owner, &path)?;
                    }
                }
                imports::note(c, &noted_as, copy.kind, &copy.key, file.id)?;
                Ok(())
            })
            .await?;
        // The sweep of unused content may have run between the write and the row.
        crate::domain::uploads::files::write_content(app, bytes, false).await?;
        report.files_new += 1;
    }
    Ok(())
}

/// Brings seed 004's friendships and posts in (one transaction).
async fn import_social(
    app: &App,
    name: &str,
    source: &Arc<Source>,
    users: &HashMap<i64, i64>,
    report: &mut Report,
) -> Result<()> {
    if source.friends.is_empty() && source.posts.is_empty() {
        return Ok(());
    }
    let (name, source, users) = (name.to_string(), source.clone(), users.clone());
    let (friends, posts, already) = app
        .db
        .write(move |c| -> Result<_> {
            let now = store::clock::now();
            let (mut friends, mut posts, mut already) = (0, 0, 0);
            for &(a, b) in &source.friends {
                let (Some(&a), Some(&b)) = (users.get(&a), users.get(&b)) else {
                    continue;
                };
                if a == b || store::people::social::is_friend(c, a, b)? {
                    continue;
                }
                store::people::social::add_friendship(c, a, b, &now)?;
                friends += 1;
            }
            for p in &source.posts {
                let Some(&author) = users.get(&p.user) else {
                    continue;
                };
                if imports::natter_id(c, &name, "post", &p.key)?.is_some() {
                    already += 1;
                    continue;
                }
                let post = store::people::social::insert_post(
                    c,
                    author,
                    &p.title,
                    &p.content,
                    &p.created_at,
                )?;
                imports::note(c, &name, "post", &p.key, post.id)?;
                posts += 1;
            }
            Ok((friends, posts, already))
        })
        .await?;
    report.friendships_new = friends;
    report.posts_new = posts;
    report.posts_already = already;
    Ok(())
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
            // The chat's counters and each sender's read mark move once, at the batch's
            // end, to where the last of its messages would have moved them.
            let mut counters = ChatCounters::default();
            let mut read_by_sender: HashMap<i64, i64> = HashMap::new();
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
                let message =
                    store::messaging::messages::insert(c, chat, sender, &m.content, &m.created_at)?;
                if m.edited_at.is_some() || m.deleted_at.is_some() {
                    imports::message_times(
                        c,
                        message.id,
                        m.edited_at.as_deref(),
                        m.deleted_at.as_deref(),
                    )?;
                }
                if m.deleted_at.is_none() {
                    counters.add(message.id, &m.created_at);
                    read_by_sender.insert(sender, message.id);
                }
                imports::note(c, &name, "message", &m.key, message.id)?;
                done.ids.push((m.key.clone(), message.id));
                done.new += 1;
            }
            counters.write(c, chat)?;
            for (sender, last) in read_by_sender {
                store::messaging::chats::advance_read(c, chat, sender, last)?;
            }
            if done.new > 0 {
                // Running servers tell the chat's open sockets of its new messages.
                store::import_notices::insert(c, chat)?;
            }
            Ok(done)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::{guessed_type, read_media};

    /// A file is read only from inside the media folder, within the size limit, and
    /// every refusal says why.
    #[test]
    fn media_files_are_bounded_and_kept_inside_their_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("uploads")).expect("mkdir");
        std::fs::write(dir.path().join("uploads/a.txt"), b"12345").expect("write");
        std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
        assert_eq!(
            read_media(dir.path(), "uploads/a.txt", 5).as_deref(),
            Ok(&b"12345"[..])
        );
        let why = |stored: &str, max: u64| read_media(dir.path(), stored, max).unwrap_err();
        assert!(why("uploads/a.txt", 4).contains("larger than the upload limit"));
        assert!(why("uploads/b.txt", 5).contains("missing from the media folder"));
        assert!(why("empty.txt", 5).contains("empty"));
        assert!(why("../etc/passwd", 5).contains("leaves the media folder"));
        assert!(why("/etc/passwd", 5).contains("leaves the media folder"));
        assert!(why("uploads", 5).contains("not a file"));
        assert_eq!(guessed_type("photo.JPG"), "image/jpeg");
        assert_eq!(guessed_type("archive"), "application/octet-stream");
    }
}
