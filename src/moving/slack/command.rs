//! `natter import slack EXPORT.zip`: reads a Slack export's zip entry by entry and hands
//! its records to `moving::slack`, one write job per conversation and per day
//! file, beside a running server or not. Progress goes to standard error on a terminal;
//! the summary and a join link for the people brought in, to standard output.

use crate::config::Config;
use crate::domain::people::actor::Actor;
use crate::domain::{administration::admin, administration::site};
use crate::http::error::ApiError;
use crate::kit::printable::escaped;
use crate::moving::import_map::Mapping;
use crate::moving::progress::Progress;
use crate::moving::slack::export::{self, ChatSort, ExportError, SlackMessage};
use crate::moving::slack::{self, General, HeldFiles, Import, Summary};
use crate::startup::close;
use crate::startup::StartError;
use crate::state::App;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

/// The biggest JSON file of an export read into memory (a day of a busy channel is a
/// few megabytes).
const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

/// How long the join link printed at the end lasts.
const INVITE_SECS: i64 = 30 * 24 * 3600;

/// Runs `natter import slack PATH`, with the operator's map of who is who.
pub async fn run(config: Config, path: &Path, map: Mapping) -> Result<(), StartError> {
    // The export is read before the database is opened: a malformed one changes nothing.
    let mut zip = open(path)?;
    let users =
        export::parse_users("users.json", &required(&mut zip, "users.json")?).map_err(bad(path))?;
    let mut chats = Vec::new();
    for (file, sort) in [
        ("channels.json", ChatSort::Public),
        ("groups.json", ChatSort::Private),
        ("dms.json", ChatSort::Direct),
        ("mpims.json", ChatSort::Multi),
    ] {
        if let Some(bytes) = entry(&mut zip, file)? {
            chats.extend(export::parse_chats(file, &bytes, sort).map_err(bad(path))?);
        }
    }
    let groups = match entry(&mut zip, "usergroups.json")? {
        Some(bytes) => export::parse_user_groups("usergroups.json", &bytes).map_err(bad(path))?,
        None => Vec::new(),
    };
    refuse_hostile(&hostile_names(&zip))?;
    let days = day_files(&zip);
    let uploads = uploads(&zip);
    // The export's name in `import_keys`: its workspace, which every user row names;
    // else its first user's id (ids are unique across Slack), never the zip's file name,
    // so that a renamed or re-downloaded export still resumes.
    let workspace = users
        .iter()
        .find_map(|u| u.team_id.clone())
        .filter(|t| !t.is_empty());
    let team = workspace
        .clone()
        .or_else(|| {
            users
                .iter()
                .map(|u| u.id.clone())
                .min()
                .map(|id| format!("users-{id}"))
        })
        .unwrap_or_else(|| "empty".into());
    // Every entry the import will read is read once now, within its limit and checked
    // against its CRC: an export that breaks either is refused before anything changes.
    let max_upload = config.max_upload_mb.saturating_mul(1024 * 1024);
    let to_read = folders_read(&chats, &days)
        .into_iter()
        .flat_map(|folder| days.get(&folder).into_iter().flatten())
        .map(|name| (name.as_str(), MAX_ENTRY_BYTES))
        .chain(uploads.values().map(|name| (name.as_str(), max_upload)));
    for (name, limit) in to_read {
        check_entry(&mut zip, name, limit)?;
    }
    let given = config.public_url.clone();
    let ways = Ways {
        mail: config.smtp.is_some(),
        provider: config.oidc_link_verified_email && !config.oidc.is_empty(),
    };
    let app = App::build_existing(config).await?;
    let mut import = Import::new(format!("slack:{team}"), map);
    let folders: Vec<(String, String)> = chats
        .iter()
        .map(|c| c.id.clone())
        .zip(folders_read(&chats, &days))
        .collect();
    let unlisted: Vec<String> = days
        .keys()
        .filter(|f| !folders.iter().any(|(_, listed)| listed == *f))
        .cloned()
        .collect();
    let done = async {
        slack::people(&app, &mut import, users)
            .await
            .map_err(failed)?;
        slack::user_groups(&app, &mut import, groups)
            .await
            .map_err(failed)?;
        let pins: Vec<(String, Vec<export::SlackPin>)> = chats
            .iter()
            .filter_map(|c| c.pins.clone().map(|p| (c.id.clone(), p)))
            .collect();
        import.note_pins(&pins);
        slack::chats(&app, &mut import, chats)
            .await
            .map_err(failed)?;
        let total: usize = folders
            .iter()
            .map(|(_, f)| days.get(f).map_or(0, Vec::len))
            .sum();
        let mut progress = Progress::new(total, "day", "day files read");
        for (slack_id, folder) in &folders {
            for file in days.get(folder).into_iter().flatten() {
                progress.step(file, import.summary.messages_new);
                if import.chat_of(slack_id).is_none() {
                    continue;
                }
                let bytes = required(&mut zip, file)?;
                let messages = export::parse_day(file, &bytes).map_err(bad(path))?;
                let held = hold_files(&app, &mut import, &mut zip, &uploads, &messages).await?;
                slack::day(&app, &mut import, slack_id, messages, held)
                    .await
                    .map_err(failed)?;
            }
        }
        progress.done(import.summary.messages_new);
        slack::pins(&app, &mut import, pins).await.map_err(failed)?;
        let link = if import.newcomers() > 0 {
            Some(join_link(&app, given, import.newcomers()).await)
        } else {
            None
        };
        Ok::<_, StartError>(link)
    }
    .await;
    close(&app).await;
    let link = done?;
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    print_summary(&file, workspace.as_deref(), &import.summary, &unlisted);
    print_sign_in(&import.summary.newcomers, ways, link);
    Ok(())
}

/// The zip at `path`, or a sentence why not.
fn open(path: &Path) -> Result<zip::ZipArchive<std::fs::File>, StartError> {
    let shown = escaped(&path.display().to_string()).into_owned();
    let file = std::fs::File::open(path)
        .map_err(|e| StartError(format!("cannot open the Slack export {shown} ({e})")))?;
    zip::ZipArchive::new(file).map_err(|e| {
        StartError(format!(
            "{shown} is not a Slack export: not a zip archive ({e}); give the zip from \
             Slack's \"Export data\""
        ))
    })
}

/// The bytes of entry `name`, `None` when the export has none; read within
/// [`MAX_ENTRY_BYTES`] and checked (`read_checked`).
fn entry(
    zip: &mut zip::ZipArchive<std::fs::File>,
    name: &str,
) -> Result<Option<Vec<u8>>, StartError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(name, e)),
    };
    let mut bytes = Vec::new();
    read_checked(&mut file, MAX_ENTRY_BYTES, |piece| {
        bytes.extend_from_slice(piece)
    })?;
    Ok(Some(bytes))
}

/// Reads entry `name` through, within `limit`, keeping nothing: the check before the
/// database is opened.
fn check_entry(
    zip: &mut zip::ZipArchive<std::fs::File>,
    name: &str,
    limit: u64,
) -> Result<(), StartError> {
    let mut file = zip.by_name(name).map_err(|e| unreadable(name, e))?;
    if file.size() > limit && name.starts_with("__uploads/") {
        return Ok(()); // kept as a link, never read
    }
    read_checked(&mut file, limit, |_| {})
}

/// Hands `file`'s bytes to `keep` a piece at a time, reading no more than the size its
/// header gives (and none of it when that is over `limit`): a zip whose header says 200
/// bytes for an entry that inflates to 700 MB is refused after 200 bytes, not held.
/// What was read must be that size and match the header's CRC-32.
fn read_checked(
    file: &mut zip::read::ZipFile<'_, std::fs::File>,
    limit: u64,
    mut keep: impl FnMut(&[u8]),
) -> Result<(), StartError> {
    let name = escaped(file.name()).into_owned();
    let (declared, crc) = (file.size(), file.crc32());
    if declared > limit {
        return Err(StartError(format!(
            "the export's {name} is {declared} bytes, more than the {limit} this import \
             reads; nothing was imported"
        )));
    }
    let mut sum = flate2::Crc::new();
    let mut read: u64 = 0;
    let mut piece = vec![0u8; 64 * 1024];
    // One byte past the header's size, to see whether there is more. (Reaching the end,
    // the zip crate checks the CRC-32 itself and fails the read when it differs.)
    let mut bounded = file.take(declared.saturating_add(1));
    loop {
        let n = match bounded.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(damaged(&name, &format!("it cannot be read ({e})"))),
        };
        read += n as u64;
        if read > declared {
            return Err(damaged(
                &name,
                &format!("it holds more than the {declared} bytes its header gives"),
            ));
        }
        sum.update(&piece[..n]);
        keep(&piece[..n]);
    }
    if read < declared {
        return Err(damaged(
            &name,
            &format!("it holds {read} of the {declared} bytes its header gives"),
        ));
    }
    if sum.sum() != crc {
        return Err(damaged(&name, "its CRC-32 does not match its header"));
    }
    Ok(())
}

/// A refusal of a damaged (or forged) entry.
fn damaged(name: &str, why: &str) -> StartError {
    StartError(format!(
        "the export's {name} is damaged: {why}; nothing was imported (download or make \
         the export again)"
    ))
}

fn unreadable(name: &str, e: impl std::fmt::Display) -> StartError {
    StartError(format!(
        "the export's {} cannot be read ({e})",
        escaped(name)
    ))
}

/// The bytes of entry `name`, which an export must have.
fn required(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> Result<Vec<u8>, StartError> {
    entry(zip, name)?.ok_or_else(|| {
        StartError(format!(
            "the export holds no {name}: is it a Slack export (the zip from Slack's \
             \"Export data\")?"
        ))
    })
}

/// The files an export holds, by their Slack file id: `__uploads/<file id>/<name>`, as
/// exports with their files put them (Slack's own export holds only links).
fn uploads(zip: &zip::ZipArchive<std::fs::File>) -> HashMap<String, String> {
    zip.file_names()
        .filter(|name| !is_hostile(name))
        .filter_map(|name| {
            let rest = name.strip_prefix("__uploads/")?;
            let (id, file) = rest.split_once('/')?;
            (!id.is_empty() && !file.is_empty() && !file.ends_with('/'))
                .then(|| (id.to_string(), name.to_string()))
        })
        .collect()
}

/// Stores the files of `messages` the export holds (`uploads`), each at most
/// `--max-upload-mb` (a larger one is read no further and stays a link).
async fn hold_files(
    app: &App,
    import: &mut Import,
    zip: &mut zip::ZipArchive<std::fs::File>,
    uploads: &HashMap<String, String>,
    messages: &[SlackMessage],
) -> Result<HeldFiles, StartError> {
    let mut held = HeldFiles::new();
    let max = app.config.max_upload_mb.saturating_mul(1024 * 1024);
    for file in messages.iter().flat_map(|m| m.files.iter().flatten()) {
        let Some(id) = file.get("id").and_then(|v| v.as_str()) else {
            continue;
        };
        let Some(entry) = uploads.get(id) else {
            continue;
        };
        if held.contains_key(id) {
            continue;
        }
        let mut reader = zip.by_name(entry).map_err(|e| unreadable(entry, e))?;
        if reader.size() > max {
            import
                .summary
                .skip("files larger than --max-upload-mb (kept as links)");
            continue;
        }
        let mut bytes = Vec::new();
        read_checked(&mut reader, max, |piece| bytes.extend_from_slice(piece))?;
        drop(reader);
        if let Some(h) = slack::hold_file(app, import, file, bytes)
            .await
            .map_err(failed)?
        {
            held.insert(id.to_string(), h);
        }
    }
    Ok(held)
}

/// The day files (`folder/YYYY-MM-DD.json`) by folder, each folder's in date order.
fn day_files(zip: &zip::ZipArchive<std::fs::File>) -> BTreeMap<String, Vec<String>> {
    let mut days: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in zip.file_names().filter(|name| !is_hostile(name)) {
        let Some((folder, file)) = name.rsplit_once('/') else {
            continue;
        };
        let is_day = file.len() == "YYYY-MM-DD.json".len()
            && file.ends_with(".json")
            && file.as_bytes()[..10]
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b'-');
        if is_day && !folder.is_empty() {
            days.entry(folder.to_string())
                .or_default()
                .push(name.to_string());
        }
    }
    for files in days.values_mut() {
        files.sort();
    }
    days
}

/// The folder each conversation's days are read from, in the order of `chats`: its id's
/// when the export has one (natter's export puts a conversation whose name makes no
/// folder of its own there), else its name's (Slack's).
fn folders_read(chats: &[export::SlackChat], days: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    chats
        .iter()
        .map(|c| match days.contains_key(&c.id) {
            true => c.id.clone(),
            false => c.folder().to_string(),
        })
        .collect()
}

/// Whether an entry's name would lead out of a folder it is unpacked in: absolute
/// (`/x`, `\\x`, `C:x`) or with a `..` part. An export with such an entry is refused
/// ([`refuse_hostile`]); the readers of day files and uploads pass over them besides.
fn is_hostile(name: &str) -> bool {
    let drive =
        name.len() >= 2 && name.as_bytes()[1] == b':' && name.as_bytes()[0].is_ascii_alphabetic();
    name.starts_with(['/', '\\']) || drive || name.split(['/', '\\']).any(|part| part == "..")
}

/// The entries [`is_hostile`] leaves out, by name.
fn hostile_names(zip: &zip::ZipArchive<std::fs::File>) -> Vec<String> {
    let mut names: Vec<String> = zip
        .file_names()
        .filter(|name| is_hostile(name))
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

/// Refuses an export that has entries [`is_hostile`] names, naming each: Slack never
/// writes one, so the archive was made or changed by something else, and an import of
/// the rest would hide that from the operator. Checked before the database is opened,
/// so nothing is imported.
fn refuse_hostile(names: &[String]) -> Result<(), StartError> {
    if names.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = names.iter().map(|n| escaped(n).into_owned()).collect();
    let (these, lead) = match listed.len() {
        1 => ("entry", "leads"),
        _ => ("entries", "lead"),
    };
    Err(StartError(format!(
        "the export is malformed: its {these} {} {lead} out of the export's folder \
         (an absolute name or one with ..), which Slack never writes; nothing was imported \
         (download or make the export again)",
        listed.join(", ")
    )))
}

fn bad(path: &Path) -> impl Fn(ExportError) -> StartError + '_ {
    move |e| {
        StartError(format!(
            "{} is not a Slack export natter can read: {e}",
            escaped(&path.display().to_string())
        ))
    }
}

fn failed(e: crate::domain::Error) -> StartError {
    StartError::from(ApiError::from(e))
}

/// One join link admitting `people` registrations.
async fn join_link(app: &App, given: Option<String>, people: u64) -> Result<String, String> {
    let site = match given {
        Some(url) => url,
        None => match site::recalled(app).await {
            Ok(Some(site)) => site,
            Ok(None) => {
                return Err(
                    "natter does not know its address yet; make one with `natter \
                            invite --uses N --url https://chat.example.org`"
                        .into(),
                )
            }
            Err(e) => return Err(ApiError::from(e).to_string()),
        },
    };
    let uses = i64::try_from(people).unwrap_or(i64::MAX);
    let invitation = admin::invite(app, Actor::Operator, Some(uses), Some(INVITE_SECS))
        .await
        .map_err(|e| ApiError::from(e).to_string())?;
    Ok(format!(
        "{}/join/{}",
        escaped(site.trim_end_matches('/')),
        invitation.code
    ))
}

/// The ways this server offers someone whose account has no password.
#[derive(Debug, Clone, Copy)]
struct Ways {
    /// Mail goes out (`--smtp`): "Forgot password?" mails a link to set one.
    mail: bool,
    /// A sign-in provider joins the account of the same verified email
    /// (`--oidc-link-verified-email`).
    provider: bool,
}

/// How each person brought in by this run signs in: their accounts have no password,
/// and what they can do about it depends on whether this server sends mail.
fn print_sign_in(
    newcomers: &[(String, String, bool)],
    ways: Ways,
    link: Option<Result<String, String>>,
) {
    if newcomers.is_empty() {
        return;
    }
    for line in sign_in_lines(newcomers, ways) {
        println!("{line}");
    }
    match link {
        Some(Ok(link)) => println!(
            "a join link for people who want a new account instead (as many registrations \
             as accounts made, valid 30 days):\n{link}"
        ),
        Some(Err(why)) => println!("no join link made: {why}"),
        None => {}
    }
}

/// The lines of [`print_sign_in`] before the join link: what to do on this server, then
/// each person's way in.
fn sign_in_lines(newcomers: &[(String, String, bool)], ways: Ways) -> Vec<String> {
    let provider = match ways.provider {
        true => {
            " Signing in through your OpenID provider also works: it joins the account of \
                 the same verified email."
        }
        false => "",
    };
    let mut lines = vec![match ways.mail {
        true => format!(
            "the accounts made have no password: each person sets one with \"Forgot \
             password?\" on the sign-in page, which mails a link to their Slack email.{provider}"
        ),
        false => format!(
            "the accounts made have no password, and this server sends no mail (no --smtp), \
             so \"Forgot password?\" cannot reach them: give each person a reset link (Admin \
             page, People, \"Reset password\") or set their password with `natter users \
             set-password NAME`.{provider}"
        ),
    }];
    for (name, email, active) in newcomers {
        let shown = escaped(name);
        let how = match (*active, email.is_empty(), ways.mail) {
            (false, _, _) => "deactivated (deleted in Slack)".to_string(),
            (true, false, true) => format!("\"Forgot password?\" with {}", escaped(email)),
            (true, false, false) => {
                format!("a reset link, or natter users set-password {shown}")
            }
            (true, true, _) => format!(
                "no email in the export: a reset link, or natter users set-password {shown}"
            ),
        };
        lines.push(format!("  {shown:<20} {how}"));
    }
    lines
}

/// What became of the export's general channel, as a sentence for the operator.
fn general_line(general: &General) -> String {
    match general {
        General::Merged {
            slack,
            room,
            joined,
        } => format!(
            "Slack's #{} is this server's general room now: it went into #{} (which held no \
             messages), with {joined} people added to its members; newcomers start there",
            escaped(slack),
            escaped(room)
        ),
        General::Adopted {
            slack,
            beside: None,
        } => format!(
            "Slack's #{} is this server's general room now: the server had no default room, \
             so it is one; newcomers start there",
            escaped(slack)
        ),
        General::Adopted {
            slack,
            beside: Some((room, messages)),
        } => format!(
            "Slack's #{} came in as a room of its own, made a default room (newcomers start \
             there): this server's #{} holds {messages} messages of its own, so the two were \
             not merged (the Admin page's \"Newcomers start here\" unmarks either)",
            escaped(slack),
            escaped(room)
        ),
    }
}

/// The summary: counts, then each kind of thing left out and why.
fn print_summary(file: &str, workspace: Option<&str>, s: &Summary, unlisted: &[String]) {
    println!("imported the Slack export {}:", escaped(file));
    if let Some(workspace) = workspace {
        println!("  workspace id    {:>8}", escaped(workspace));
    }
    println!("  people          {:>8}", s.users_new);
    println!("  bots            {:>8}", s.bots_new);
    println!("  conversations   {:>8}", s.chats_new);
    println!(
        "  messages        {:>8}  ({} thread replies, {} edited)",
        s.messages_new, s.replies_new, s.edits_new
    );
    println!("  reactions       {:>8}", s.reactions_new);
    println!("  pins            {:>8}", s.pins_new);
    if s.user_groups_new + s.user_groups_joined > 0 {
        println!(
            "  user groups     {:>8}  ({} made by an earlier run)",
            s.user_groups_new + s.user_groups_joined,
            s.user_groups_joined
        );
    }
    println!("  files as links  {:>8}", s.files_as_links);
    println!("  files copied    {:>8}", s.files_copied);
    if let Some(general) = &s.general {
        println!("  {}", general_line(general));
    }
    for (kind, n) in &s.already {
        println!("  already imported by an earlier run: {n} {kind}");
    }
    for (slack, natter, why) in &s.users_reused {
        println!(
            "  Slack's {} is the existing account {} ({why})",
            escaped(slack),
            escaped(natter)
        );
    }
    for (natter, address) in &s.addresses_taken {
        println!(
            "  {} goes to Slack's person, confirmed: the account {} held it unconfirmed",
            escaped(address),
            escaped(natter)
        );
    }
    for (slack, natter) in &s.users_renamed {
        println!(
            "  Slack's {} is imported as {}: the name was taken here",
            escaped(slack),
            escaped(natter)
        );
    }
    if !s.skipped.is_empty() || !unlisted.is_empty() {
        println!("left out or changed:");
    }
    for (why, n) in &s.skipped {
        println!("  {n:>6}  {why}");
    }
    for folder in unlisted {
        println!(
            "  folder {}: no conversation of the export's lists names it",
            escaped(folder)
        );
    }
}
