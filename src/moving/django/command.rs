//! `natter import django SOURCE --seed NNN`: a Django messaging app's people and history
//! into an existing natter database, beside a running server or not
//! (`moving::django` does the work; this prints what it did).

use crate::config::{Config, ImportCommand};
use crate::kit::printable::escaped;
use crate::moving::django::{self, Options, Report, Watch};
use crate::moving::import_map::read_map;
use crate::moving::progress::Progress;
use crate::startup::close;
use crate::startup::StartError;
use crate::state::App;

/// Runs one `natter import ...`.
pub async fn run(config: Config, action: ImportCommand) -> Result<(), StartError> {
    let ImportCommand::Django {
        source,
        seed,
        media,
        source_name,
        merge_existing,
        map,
        map_file,
        ..
    } = action
    else {
        return Err(StartError("only `import django` is run here".into()));
    };
    let map = read_map(&map, map_file.as_deref())?;
    let app = App::build_existing(config).await?;
    let options = Options {
        seed: seed.clone(),
        source_name,
        merge_existing,
        media,
        map,
    };
    let mut progress = Counter(None);
    let done = django::import(&app, source.clone(), &options, &mut progress).await;
    if let (Some(line), Ok(report)) = (&progress.0, &done) {
        line.done(report.messages_new as u64);
    }
    close(&app).await;
    // A PostgreSQL URL is shown without its password.
    let shown = crate::kit::printable::without_credentials(&source.display().to_string());
    let report =
        done.map_err(|why| StartError(format!("import django {}: {why}", escaped(&shown))))?;
    print!("{}", summary(&report, &seed));
    Ok(())
}

/// The progress line of a Django import: one step per chat.
struct Counter(Option<Progress>);

impl Watch for Counter {
    fn chat(&mut self, total: usize, title: &str, messages: usize) {
        let line = self
            .0
            .get_or_insert_with(|| Progress::new(total, "chat", "chats read"));
        line.step(title, messages as u64);
    }

    fn messages(&mut self, messages: usize) {
        if let Some(line) = &self.0 {
            line.messages(messages as u64);
        }
    }
}

/// The summary printed at the end: counts, the ids that changed, and who must set a new
/// password.
fn summary(r: &Report, seed: &str) -> String {
    let mut out = format!(
        "imported Django seed {seed} (source name {}):\n  users: {} new, {} already imported, {} matched to existing accounts\n  \
         DRF keys: {} new\n  chats: {} new, {} already imported\n  \
         messages: {} new, {} already imported, {} skipped (no author here)\n  \
         reactions: {} new\n  read markers moved: {}\n",
        escaped(&r.source_name),
        r.users_new,
        r.users_already,
        r.users_matched,
        r.tokens_new,
        r.chats_new,
        r.chats_already,
        r.messages_new,
        r.messages_already,
        r.messages_skipped,
        r.reactions_new,
        r.read_markers,
    );
    out.push_str(&format!(
        "  browser sessions: {} new, {} already imported\n",
        r.sessions_new, r.sessions_already
    ));
    let skipped = [
        (r.sessions_expired, "expired"),
        (
            r.sessions_malformed,
            "unreadable (no signed-in user or no expiry)",
        ),
        (r.sessions_no_user, "their user was not imported"),
    ];
    for (n, why) in skipped {
        if n > 0 {
            out.push_str(&format!("  {n} browser sessions skipped: {why}\n"));
        }
    }
    for (old, name, new) in &r.users_moved {
        out.push_str(&format!(
            "  user {old} ({}) is now user {new}\n",
            escaped(name)
        ));
    }
    for (django, natter, why) in &r.users_matched_to {
        out.push_str(&format!(
            "  user {} is the existing account {} ({why})\n",
            escaped(django),
            escaped(natter)
        ));
    }
    for (natter, address) in &r.addresses_taken {
        out.push_str(&format!(
            "  {} goes to the imported user, confirmed: the account {} held it unconfirmed\n",
            escaped(address),
            escaped(natter)
        ));
    }
    for (old, new) in &r.users_renamed {
        out.push_str(&format!(
            "  user {} is {} here: natter's {} is not theirs by a confirmed email (--map or --merge-existing makes them one)\n",
            escaped(old),
            escaped(new),
            escaped(old)
        ));
    }
    for (old, new) in &r.chats_moved {
        out.push_str(&format!("  chat {} is now chat {new}\n", escaped(old)));
    }
    if r.messages_orphaned > 0 {
        out.push_str(&format!(
            "  {} messages skipped: they name no chat of the source ({})\n",
            r.messages_orphaned,
            escaped(r.orphan_example.as_deref().unwrap_or_default())
        ));
    }
    out.push_str(&format!(
        "  files: {} copied, {} already copied, {} skipped\n",
        r.files_new,
        r.files_already,
        r.files_skipped.len()
    ));
    for why in &r.files_skipped {
        out.push_str(&format!("  file not copied: {}\n", escaped(why)));
    }
    if r.files_not_looked_for > 0 {
        out.push_str(&format!(
            "  {} files not copied: give the app's media folder with --media DIR\n",
            r.files_not_looked_for
        ));
    }
    if seed == "004" {
        out.push_str(&format!(
            "  friendships: {} new\n  posts: {} new, {} already imported\n",
            r.friendships_new, r.posts_new, r.posts_already
        ));
    }
    for (key, id) in &r.chats_joined {
        out.push_str(&format!(
            "  chat {} went into chat {id}, which natter already had for the same two people (left as it was)\n",
            escaped(key)
        ));
    }
    for (wanted, id, shown) in &r.names_lost {
        let there = match shown {
            Some(n) => format!("named {}", escaped(n)),
            None => "unnamed".into(),
        };
        out.push_str(&format!(
            "  room {} is chat {id}, {there}: another chat here holds that name\n",
            escaped(wanted)
        ));
    }
    for why in &r.users_skipped {
        out.push_str(&format!("  not imported: {}\n", escaped(why)));
    }
    if !r.passwords_unchecked.is_empty() {
        out.push_str(&format!(
            "  these people's Django password hashes cannot be checked here (unsalted or older than Django 1.4); \
             set them a new password with `natter users set-password`: {}\n",
            escaped(&r.passwords_unchecked.join(", "))
        ));
    }
    out
}
