//! Command-line flags and their environment variables (README.md's table of flags).
//!
//! One long file on purpose: every flag with its documentation (what `--help` prints),
//! its environment variable and its default, in the order `--help` lists them.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

mod link_previews;
mod matrix;
pub use link_previews::LinkPreviews;

/// `natter [FLAGS] [COMMAND]`: serving is the default command.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "natter",
    // `natter --version`: `natter 0.1.0 (commit abc1234)` (the commit from build.rs)
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("NATTER_COMMIT"), ")"),
    about = "A self-hosted messaging server speaking five Django chat APIs"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary was asked to do besides serving. The server's flags go before the
/// command's name (`natter --db X backup PATH`); a command's own `--db` may also come
/// after it (`natter backup PATH --db X`), so its `--help` lists only what it reads.
#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Serve HTTP and WebSockets (the default; the server's flags go before `serve`).
    Serve,
    /// Create an account in an existing database, or a new one with --create-db (safe
    /// while natter serves it).
    #[command(after_help = "The password comes one of three ways: piped in with \
        --password-stdin; typed at a prompt that does not echo it (on a terminal, when \
        neither flag is given); or --password, which other users of the machine can read \
        in the process list.")]
    CreateUser {
        /// The new account's name: letters, digits and @.+-_, with at least one non-digit.
        username: String,
        /// The new account's email address.
        #[arg(long)]
        email: String,
        /// The password, at least 8 characters (prefer --password-stdin or the prompt).
        #[arg(long, conflicts_with = "password_stdin")]
        password: Option<String>,
        /// Read the password from standard input (one trailing newline is dropped), as
        /// `docker login` does.
        #[arg(long)]
        password_stdin: bool,
        /// Make the account an administrator.
        #[arg(long)]
        admin: bool,
        /// Make the database (schema included) if there is none yet, so that the first
        /// administrator exists before the server's first start; without it a missing
        /// database is an error, so that a mistyped --db makes no stray file.
        #[arg(long)]
        create_db: bool,
        #[command(flatten)]
        target: Existing,
    },
    /// Write a consistent copy of an existing database to PATH (safe while natter serves it).
    Backup {
        /// Where to write the copy: a new file (an existing one is never overwritten).
        path: PathBuf,
        #[command(flatten)]
        target: Existing,
    },
    /// Write the whole server to PATH as a Slack-format export zip (people, rooms, groups,
    /// direct chats, messages with threads, edits, reactions and file links), which other
    /// chat servers and `natter import slack` read (safe while natter serves it).
    Export {
        /// Where to write the zip: a new file (an existing one is never overwritten).
        path: PathBuf,
        #[command(flatten)]
        target: Existing,
    },
    /// Copy a natter SQLite database (live or stopped) into a new, empty PostgreSQL
    /// database, then serve that with `--db <the same URL>`.
    #[command(
        after_help = "The SQLite file is read in one read transaction, so a natter \
        serving it may keep running: the copy holds everything committed before it began. \
        PostgreSQL is written in one transaction: it gets the whole copy or nothing, and a \
        database that already holds users, chats or messages is refused. Uploaded files \
        stay in their folder: serve with the same --media-dir."
    )]
    MigrateToPostgres {
        /// The SQLite database file to copy, e.g. natter.db.
        #[arg(long, value_name = "PATH")]
        from: String,
        /// The PostgreSQL database to copy into: a postgres:// URL, or a
        /// `host=/socket/dir port=N user=U dbname=D` string.
        #[arg(long, value_name = "URL")]
        to: String,
    },
    /// Look after people's accounts: list, deactivate, reactivate, set a password,
    /// promote, demote (safe while natter serves it; a change reaches it at once).
    Users {
        #[command(subcommand)]
        action: UsersCommand,
    },
    /// The rooms every newcomer starts in: list the rooms, mark one, unmark one (safe
    /// while natter serves it).
    Rooms {
        #[command(subcommand)]
        action: RoomsCommand,
    },
    /// Create an invitation and print its join link (safe while natter serves it).
    #[command(
        after_help = "With --registration invite, a person registers only with an \
        invitation: the link is the web client's /join/CODE page, and CODE is the \
        invite_code every register endpoint takes. The link goes to standard output alone; \
        what the invitation admits, to standard error."
    )]
    Invite {
        /// How many registrations the invitation admits.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(i64).range(1..))]
        uses: i64,
        /// How long it lasts: 7d, 12h, 30m, 45s (up to ten years), or `never`.
        #[arg(long, value_name = "DURATION", default_value = "7d", value_parser = expiry)]
        expires: Expiry,
        /// The address people reach natter at, which the link starts with (default:
        /// --public-url / NATTER_PUBLIC_URL, else the address the server last started
        /// on noted, as its --public-url or listening address), e.g.
        /// https://chat.example.org.
        #[arg(long, value_name = "URL", value_parser = site_url)]
        url: Option<String>,
        #[command(flatten)]
        target: Existing,
    },
    /// Send a test mail through the relay of --smtp (with --mail-from and the password
    /// as the server would), and say what the relay answered. Needs no database.
    MailTest {
        /// The address to send it to.
        #[arg(long, value_name = "ADDRESS")]
        to: String,
    },
    /// Bring people, chats and history in from another chat server (safe while natter
    /// serves the database; running it again adds nothing twice).
    Import {
        #[command(subcommand)]
        action: ImportCommand,
    },
    /// Hidden benchmark helper: bulk-insert N messages into chat CHAT from user USER.
    #[command(hide = true)]
    SeedMessages {
        #[arg(long)]
        chat: i64,
        #[arg(long)]
        user: i64,
        #[arg(long)]
        count: u64,
        /// Words added to the end of every message (`natter-bench search`'s query of
        /// many common words).
        #[arg(long, default_value = "")]
        words: String,
        #[command(flatten)]
        target: Existing,
    },
    /// Hidden benchmark helper: COUNT accounts named PREFIX_0.. sharing one password hash,
    /// each with an API key; prints `id<TAB>username<TAB>key` per account.
    #[command(hide = true)]
    SeedPeople {
        #[arg(long)]
        prefix: String,
        #[arg(long)]
        count: u64,
        #[arg(long, default_value = "bench-password-1")]
        password: String,
        #[command(flatten)]
        target: Existing,
    },
}

/// `natter import SOURCE-KIND ...`.
#[derive(Subcommand, Debug, Clone)]
pub enum ImportCommand {
    /// Import one of the five Django messaging apps' SQLite databases: its users (with
    /// their password hashes and DRF keys), chats, members and messages.
    Django {
        /// The Django app's SQLite database file (opened read-only), or its PostgreSQL
        /// database as a `postgres://user:password@host/name` URL (read in one read-only
        /// transaction).
        source: PathBuf,
        /// Which of the five apps it is: 000, 001, 002, 003 or 004.
        #[arg(long, value_parser = ["000", "001", "002", "003", "004"])]
        seed: String,
        /// The Django app's MEDIA_ROOT: its attachments and profile images are copied
        /// into natter's file storage (within --max-upload-mb).
        #[arg(long, value_name = "DIR")]
        media: Option<PathBuf>,
        /// The name this source's records are kept under, so a run again (from a copy or
        /// a moved file too) adds nothing twice; defaults to the file's name.
        #[arg(long, value_name = "NAME")]
        source_name: Option<String>,
        /// Make a Django user whose username natter already has that account even when
        /// their emails differ (otherwise they are imported under a new username).
        #[arg(long)]
        merge_existing: bool,
        /// A Django user who is an existing natter account: DJANGO_USERNAME=USERNAME
        /// (repeatable). Otherwise only an account whose confirmed address is theirs.
        #[arg(long = "map", value_name = "PERSON=USERNAME")]
        map: Vec<String>,
        /// A file of such pairs, one `PERSON=USERNAME` a line (`#` starts a comment).
        #[arg(long, value_name = "FILE")]
        map_file: Option<PathBuf>,
        #[command(flatten)]
        target: Existing,
    },
    /// A Slack export (the zip from Slack's "Export data"): people, channels, direct
    /// messages, threads, edits and reactions.
    Slack {
        /// The export's zip file.
        path: PathBuf,
        /// A Slack person who is an existing natter account: SLACK=USERNAME, SLACK being
        /// their Slack id, name or email (repeatable). Otherwise only an account whose
        /// confirmed address is theirs.
        #[arg(long = "map", value_name = "PERSON=USERNAME")]
        map: Vec<String>,
        /// A file of such pairs, one `PERSON=USERNAME` a line (`#` starts a comment).
        #[arg(long, value_name = "FILE")]
        map_file: Option<PathBuf>,
        #[command(flatten)]
        target: Existing,
    },
}

impl ImportCommand {
    /// The database named after the action, if any.
    pub fn target(&self) -> &Existing {
        match self {
            ImportCommand::Django { target, .. } | ImportCommand::Slack { target, .. } => target,
        }
    }

    /// The command's name as typed, action included.
    pub fn name(&self) -> &'static str {
        match self {
            ImportCommand::Django { .. } => "import django",
            ImportCommand::Slack { .. } => "import slack",
        }
    }
}

/// `natter users ACTION`: the operator's care of people's accounts. NAME is a username
/// as people sign in with it.
#[derive(Subcommand, Debug, Clone)]
pub enum UsersCommand {
    /// Print every account: id, username, email, active, admin, last seen, joined.
    List {
        #[command(flatten)]
        target: Existing,
    },
    /// Lock a person out: every session, key, token and socket of theirs ends at once;
    /// their messages stay. Never the last active administrator.
    Deactivate {
        /// The account's username.
        name: String,
        #[command(flatten)]
        target: Existing,
    },
    /// Let a deactivated person sign in again.
    Reactivate {
        /// The account's username.
        name: String,
        #[command(flatten)]
        target: Existing,
    },
    /// Set a person's password: every session, key, token and socket of theirs ends.
    #[command(
        after_help = "The password is typed twice at a prompt that does not echo \
        it (on a terminal), or piped in with --password-stdin."
    )]
    SetPassword {
        /// The account's username.
        name: String,
        /// Read the password from standard input (one trailing newline is dropped), as
        /// `docker login` does.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        target: Existing,
    },
    /// Turn off a person's two-factor sign-in (they lost their phone and their recovery
    /// codes): their password alone signs in again, and they can set it up anew.
    ResetTwoFactor {
        /// The account's username.
        name: String,
        #[command(flatten)]
        target: Existing,
    },
    /// Confirm a person's email address on your word (they cannot receive the link, or
    /// mail is off): imports and sign-in providers may then match it, and mail carrying
    /// messages goes to it.
    ConfirmEmail {
        /// The account's username.
        name: String,
        #[command(flatten)]
        target: Existing,
    },
    /// Make a person an administrator.
    Promote {
        /// The account's username.
        name: String,
        #[command(flatten)]
        target: Existing,
    },
    /// Make an administrator a person like the others (never the last active one).
    Demote {
        /// The account's username.
        name: String,
        #[command(flatten)]
        target: Existing,
    },
}

impl UsersCommand {
    /// The database named after the action, if any.
    pub fn target(&self) -> &Existing {
        match self {
            UsersCommand::List { target }
            | UsersCommand::Deactivate { target, .. }
            | UsersCommand::Reactivate { target, .. }
            | UsersCommand::SetPassword { target, .. }
            | UsersCommand::ResetTwoFactor { target, .. }
            | UsersCommand::ConfirmEmail { target, .. }
            | UsersCommand::Promote { target, .. }
            | UsersCommand::Demote { target, .. } => target,
        }
    }

    /// The command's name as typed, action included.
    pub fn name(&self) -> &'static str {
        match self {
            UsersCommand::List { .. } => "users list",
            UsersCommand::Deactivate { .. } => "users deactivate",
            UsersCommand::Reactivate { .. } => "users reactivate",
            UsersCommand::SetPassword { .. } => "users set-password",
            UsersCommand::ResetTwoFactor { .. } => "users reset-two-factor",
            UsersCommand::ConfirmEmail { .. } => "users confirm-email",
            UsersCommand::Promote { .. } => "users promote",
            UsersCommand::Demote { .. } => "users demote",
        }
    }
}

/// `natter rooms ACTION`.
#[derive(clap::Subcommand, Debug, Clone)]
pub enum RoomsCommand {
    /// Print every room: id, name, members, whether newcomers start in it.
    List {
        #[command(flatten)]
        target: Existing,
    },
    /// Make a room one every newcomer starts in (those who arrive by a join link, a
    /// sign-in provider, create-user or the web client's sign-up).
    Default {
        /// The room's id, or its exact name.
        room: String,
        #[command(flatten)]
        target: Existing,
    },
    /// Newcomers no longer start in the room (its members stay).
    NotDefault {
        /// The room's id, or its exact name.
        room: String,
        #[command(flatten)]
        target: Existing,
    },
}

impl RoomsCommand {
    /// The database named after the action, if any.
    pub fn target(&self) -> &Existing {
        match self {
            RoomsCommand::List { target }
            | RoomsCommand::Default { target, .. }
            | RoomsCommand::NotDefault { target, .. } => target,
        }
    }

    /// The command's name as typed, action included.
    pub fn name(&self) -> &'static str {
        match self {
            RoomsCommand::List { .. } => "rooms list",
            RoomsCommand::Default { .. } => "rooms default",
            RoomsCommand::NotDefault { .. } => "rooms not-default",
        }
    }
}

/// `invite --expires`: seconds from now, or `None` for `never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expiry(pub Option<i64>);

/// `--expires`: `never`, or a duration as people type it (`7d`, `12h`, `30m`, `45s`) of
/// at most ten years.
fn expiry(value: &str) -> Result<Expiry, String> {
    match crate::kit::expiry::parse_expiry(value) {
        Some(expiry) => Ok(Expiry(expiry)),
        None => Err(
            "expected a duration such as 7d, 12h, 30m or 45s (up to ten years), or \
                  never"
                .into(),
        ),
    }
}

/// `invite --url`: an `http://` or `https://` address with a host, kept without its
/// trailing `/`.
fn site_url(value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    let host = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match host {
        Some(h) if !h.is_empty() && !h.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Ok(trimmed.to_string())
        }
        _ => {
            Err("expected the address people reach natter at, e.g. https://chat.example.org".into())
        }
    }
}

/// The database a command works on, when named after the command's name.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Existing {
    /// The existing database file (default: `--db` before the command, NATTER_DB, or
    /// natter.db).
    #[arg(long = "db", value_name = "PATH")]
    pub db: Option<String>,
}

impl Command {
    /// The database named after the command, if any (it wins over the server's `--db`).
    pub fn db(&self) -> Option<&str> {
        match self {
            // Names its two databases with --from and --to, never the server's --db.
            Command::Serve | Command::MigrateToPostgres { .. } | Command::MailTest { .. } => None,
            Command::CreateUser { target, .. }
            | Command::Backup { target, .. }
            | Command::Export { target, .. }
            | Command::Invite { target, .. }
            | Command::SeedMessages { target, .. }
            | Command::SeedPeople { target, .. } => target.db.as_deref(),
            Command::Users { action } => action.target().db.as_deref(),
            Command::Rooms { action } => action.target().db.as_deref(),
            Command::Import { action } => action.target().db.as_deref(),
        }
    }

    /// The command's name as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Serve => "serve",
            Command::CreateUser { .. } => "create-user",
            Command::Backup { .. } => "backup",
            Command::Export { .. } => "export",
            Command::MigrateToPostgres { .. } => "migrate-to-postgres",
            Command::Users { action } => action.name(),
            Command::Rooms { action } => action.name(),
            Command::Import { action } => action.name(),
            Command::Invite { .. } => "invite",
            Command::MailTest { .. } => "mail-test",
            Command::SeedMessages { .. } => "seed-messages",
            Command::SeedPeople { .. } => "seed-people",
        }
    }
}

/// `on` / `off` switches.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    On,
    Off,
}

/// Who checkpoints SQLite's write-ahead log into the database file.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalCheckpoints {
    /// natter: SQLite's automatic checkpoints, and a full one on a clean stop.
    Natter,
    /// Another process (Litestream): natter never checkpoints, so no WAL frame is folded
    /// away before that process has copied it.
    External,
}

/// `--wide-mentions`: whose `@here`, `@channel` and `@everyone` notify a chat larger
/// than `--wide-mentions-members`, so an operator can keep a big team's rooms from being
/// paged by anyone.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum WideMentions {
    /// Every member of the chat.
    Anyone,
    /// Server administrators and the chat's own administrators; anyone else's message is
    /// sent but notifies nobody by the wide word.
    Admins,
}

/// `--password-sign-in`: who may sign in with a password.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordSignIn {
    /// Everyone with a password.
    All,
    /// Only administrators; everyone else through a sign-in provider.
    Admins,
}

/// `--registration`: who may create an account.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationMode {
    /// Anyone who can reach the server.
    Open,
    /// Only with a valid invitation.
    Invite,
    /// Nobody: accounts come from `create-user` or an administrator.
    Closed,
}

impl RegistrationMode {
    /// The mode as the flag spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationMode::Open => "open",
            RegistrationMode::Invite => "invite",
            RegistrationMode::Closed => "closed",
        }
    }
}

/// `--show-emails`: whose email addresses others see.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowEmails {
    /// Everyone's, to everyone (the seeds' behaviour).
    All,
    /// Only to administrators and to the person themself.
    Admins,
}

/// SQLite `synchronous` setting: `full` survives power loss, `normal` may lose the last commits.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    Full,
    Normal,
}

/// Longest token lifetime accepted: ten years, far past any sensible setting and far
/// from overflowing `now + ttl`.
const MAX_TTL_SECS: i64 = 10 * 366 * 24 * 3600;

/// `--access-ttl-secs`, `--refresh-ttl-secs`: a token must live at least a second.
fn lifetime_secs(value: &str) -> Result<i64, String> {
    match value.trim().parse::<i64>() {
        Ok(secs) if (1..=MAX_TTL_SECS).contains(&secs) => Ok(secs),
        _ => Err(format!(
            "expected a number of seconds from 1 to {MAX_TTL_SECS} (ten years)"
        )),
    }
}

/// `--cluster-name` and `--node-id`: a NATS subject token (letters, digits, `-` and `_`,
/// 1 to 64), so either fits a subject and a header.
fn subject_token(value: &str) -> Result<String, String> {
    let ok = (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(value.to_string())
    } else {
        Err("expected 1 to 64 letters, digits, '-' or '_'".into())
    }
}

/// `--max-upload-mb`: at least 1 MiB, at most 1 TiB.
fn upload_mib(value: &str) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(mib) if (1..=1024 * 1024).contains(&mib) => Ok(mib),
        _ => Err("expected a whole number of MiB from 1 to 1048576".into()),
    }
}

/// `--storage-quota-mb` and `--min-free-disk-mb`: a whole number of MiB up to 1 PiB, so
/// the byte count always fits.
fn storage_mib(value: &str) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(mib) if mib <= 1 << 30 => Ok(mib),
        _ => Err("expected a whole number of MiB from 0 to 1073741824".into()),
    }
}

/// A STUN or TURN URL (RFC 7064, RFC 7065) as a browser's `RTCIceServer.urls` takes it.
fn ice_url(value: &str, schemes: &[&str]) -> Result<String, String> {
    let value = value.trim();
    let scheme_ok = schemes.iter().any(|s| {
        value
            .strip_prefix(s)
            .is_some_and(|rest| rest.starts_with(':') && rest.len() > 1)
    });
    if !scheme_ok || value.len() > 512 || value.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "expected {}:HOST[:PORT] (for example {}:turn.example.org:3478)",
            schemes.join(" or "),
            schemes[0]
        ));
    }
    Ok(value.to_string())
}

/// `--stun`.
fn stun_url(value: &str) -> Result<String, String> {
    ice_url(value, &["stun", "stuns"])
}

/// `--smtp`: an `smtp://` or `smtps://` URL with a host, and no password in it.
fn smtp_url(value: &str) -> Result<String, String> {
    let url = url::Url::parse(value.trim()).map_err(|e| format!("not a URL: {e}"))?;
    if !matches!(url.scheme(), "smtp" | "smtps") {
        return Err("give smtp://HOST[:PORT] (STARTTLS) or smtps://HOST[:PORT] (TLS)".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the URL names no host".into());
    }
    if url.password().is_some() {
        return Err(
            "keep the password out of the URL: set NATTER_SMTP_PASSWORD or give --smtp-password-file PATH"
                .into(),
        );
    }
    for (key, value) in url.query_pairs() {
        match (key.as_ref(), value.as_ref()) {
            ("tls", "required" | "none") => {}
            _ => {
                return Err(format!(
                    "unknown setting {key}={value}: only tls=required or tls=none"
                ))
            }
        }
    }
    Ok(value.trim().to_string())
}

/// `--sfu`, `--sfu-public-url`: Janus's HTTP API.
fn sfu_url(value: &str) -> Result<String, String> {
    url_with_scheme(value, &["http", "https"])
}

/// `value` when it is a URL with a host and one of `schemes`.
fn url_with_scheme(value: &str, schemes: &[&str]) -> Result<String, String> {
    let url = url::Url::parse(value).map_err(|e| format!("not a URL: {e}"))?;
    if !schemes.contains(&url.scheme()) || url.host_str().is_none() {
        return Err(format!("give {}://HOST[:PORT]/PATH", schemes.join("|")));
    }
    Ok(value.to_string())
}

/// `--turn`.
fn turn_url(value: &str) -> Result<String, String> {
    ice_url(value, &["turn", "turns"])
}

/// `--unattached-uploads-kept`: `Ns`, `Nm` or `Nh`, from one second to ten years.
fn kept_duration(value: &str) -> Result<std::time::Duration, String> {
    let wrong = || {
        format!("expected a number followed by s, m or h (e.g. 24h), from 1s to {MAX_TTL_SECS}s")
    };
    let value = value.trim();
    let split = value.len().saturating_sub(1);
    let (number, unit) = (
        value.get(..split).unwrap_or(""),
        value.get(split..).unwrap_or(""),
    );
    let scale: u64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => return Err(wrong()),
    };
    let secs = number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .filter(|secs| (1..=MAX_TTL_SECS as u64).contains(secs))
        .ok_or_else(wrong)?;
    Ok(std::time::Duration::from_secs(secs))
}

/// Every setting of a running natter.
#[derive(clap::Args, Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, env = "NATTER_LISTEN", default_value = "127.0.0.1:8000")]
    pub listen: String,
    /// SQLite database file (or `:memory:`), or PostgreSQL (`postgres://...`,
    /// `postgresql://...` or `host=... dbname=...`).
    #[arg(long, env = "NATTER_DB", default_value = "natter.db")]
    pub db: String,
    /// How live events reach sockets on other nodes: `local` (this node only), or
    /// `nats://host:port[,nats://...]` to share them over NATS with every natter node of
    /// the cluster (needs a PostgreSQL `--db`).
    #[arg(long, env = "NATTER_HUB", default_value = "local")]
    pub hub: String,
    /// Subject prefix on NATS, so one NATS can serve several natter clusters.
    #[arg(long, env = "NATTER_CLUSTER_NAME", default_value = "natter", value_parser = subject_token)]
    pub cluster_name: String,
    /// This node's name among the cluster's (its own events are not delivered twice; a
    /// node's calls end when it stops beating). Default: the host name and a random suffix.
    #[arg(long, env = "NATTER_NODE_ID", value_parser = subject_token)]
    pub node_id: Option<String>,
    /// Where uploaded files are kept, by their sha256.
    #[arg(long, env = "NATTER_MEDIA_DIR", default_value = "media")]
    pub media_dir: PathBuf,
    /// Rate limits: logins and sign-ups 5 a minute per address, the rooms API, uploads and
    /// socket frames per user (docs/api.md, docs/security.md); `off` for a local trial.
    #[arg(long, env = "NATTER_RATE_LIMITS", value_enum, default_value = "on")]
    pub rate_limits: Switch,
    /// Durability of commits.
    #[arg(long, env = "NATTER_SYNC", value_enum, default_value = "full")]
    pub sync: SyncMode,
    /// `external` when a WAL replicator such as Litestream checkpoints the database.
    #[arg(
        long,
        env = "NATTER_WAL_CHECKPOINTS",
        value_enum,
        default_value = "natter"
    )]
    pub wal_checkpoints: WalCheckpoints,
    /// Who may create an account: `open` (anyone, every seed's register endpoint as
    /// documented), `invite` (only with a valid invitation's `invite_code`), `closed`
    /// (accounts come from `create-user` or an administrator).
    #[arg(long, env = "NATTER_REGISTRATION", value_enum, default_value = "open")]
    pub registration: RegistrationMode,
    /// An OpenID Connect provider people may sign in with:
    /// `NAME=ISSUER_URL,CLIENT_ID[,BUTTON LABEL]`, repeated for several (`;` between them
    /// in `NATTER_OIDC`). NAME (lower-case letters, digits, `-`, `_`) names its redirect
    /// URL, `<public URL>/auth/oidc/NAME/callback`. Its client secret is read from
    /// `NATTER_OIDC_<NAME>_SECRET` (NAME upper-cased, `-` as `_`) or from
    /// `--oidc-secret-file`, never from the command line.
    #[arg(long = "oidc", env = "NATTER_OIDC", value_delimiter = ';', value_parser = oidc_provider)]
    pub oidc: Vec<OidcProvider>,
    /// `NAME=PATH`: the file holding provider NAME's client secret (repeated; `;` between
    /// them in `NATTER_OIDC_SECRET_FILES`). Takes precedence over the environment.
    #[arg(
        long = "oidc-secret-file",
        env = "NATTER_OIDC_SECRET_FILES",
        value_delimiter = ';',
        value_parser = oidc_secret_file
    )]
    pub oidc_secret_files: Vec<OidcSecretFile>,
    /// Email domains (comma-separated) whose people may make an account by signing in
    /// through a provider under `--registration invite` without a join link: the
    /// provider's verified email (or Google's `hd`) must be in one of them.
    #[arg(long, env = "NATTER_OIDC_ALLOWED_DOMAINS", value_delimiter = ',')]
    pub oidc_allowed_domains: Vec<String>,
    /// Let a first sign-in through a provider take over the existing account with the
    /// same email, when the provider says that email is verified. Off: such a person must
    /// sign in with their password and link the provider from their account page.
    #[arg(long, env = "NATTER_OIDC_LINK_VERIFIED_EMAIL")]
    pub oidc_link_verified_email: bool,
    /// Who may sign in with a password: `all`, or `admins` (everyone else signs in
    /// through an `--oidc` provider; natter refuses to start with `admins` and no
    /// provider). Told only to someone whose password was right.
    #[arg(
        long,
        env = "NATTER_PASSWORD_SIGN_IN",
        value_enum,
        default_value = "all"
    )]
    pub password_sign_in: PasswordSignIn,
    /// Whose email addresses people see in user lists and people search: `all` (the
    /// seeds' behaviour) or `admins` (others see an empty string; administrators and
    /// the person themself see it).
    #[arg(long, env = "NATTER_SHOW_EMAILS", value_enum, default_value = "all")]
    pub show_emails: ShowEmails,
    /// Administrators must turn on two-factor sign-in (an authenticator app's codes)
    /// before the admin API and page answer them; they can still sign in to set it up.
    #[arg(long, env = "NATTER_TWO_FACTOR_FOR_ADMINS")]
    pub two_factor_for_admins: bool,
    /// STUN servers the web client's calls use to find their public address
    /// (`stun:stun.example.org:3478`), comma-separated.
    #[arg(long, env = "NATTER_STUN", value_delimiter = ',', value_parser = stun_url)]
    pub stun: Vec<String>,
    /// TURN servers that relay a call's media when no direct path exists
    /// (`turn:turn.example.org:3478?transport=udp`, `turns:...:5349`), comma-separated.
    /// Needs the secret shared with the TURN server (coturn's `static-auth-secret`), from
    /// `--turn-secret-file` or `NATTER_TURN_SECRET`, never the command line.
    #[arg(long, env = "NATTER_TURN", value_delimiter = ',', value_parser = turn_url)]
    pub turn: Vec<String>,
    /// The file holding the TURN shared secret (takes precedence over `NATTER_TURN_SECRET`).
    #[arg(long, env = "NATTER_TURN_SECRET_FILE")]
    pub turn_secret_file: Option<PathBuf>,
    /// How long the TURN credentials natter hands a caller stay valid: `Ns`, `Nm` or `Nh`.
    #[arg(
        long,
        env = "NATTER_TURN_CREDENTIAL_TTL",
        default_value = "1h",
        value_parser = kept_duration
    )]
    pub turn_credential_ttl: std::time::Duration,
    /// The mail relay natter sends through (password resets, invitations, missed
    /// messages): `smtp://[USER@]HOST[:PORT]` (submission, STARTTLS required; add
    /// `?tls=none` for a relay on this machine that speaks no TLS) or
    /// `smtps://[USER@]HOST[:PORT]` (implicit TLS). The password comes from
    /// `--smtp-password-file` or `NATTER_SMTP_PASSWORD`, never the command line. Without
    /// it natter sends no mail.
    #[arg(long, env = "NATTER_SMTP", value_parser = smtp_url)]
    pub smtp: Option<String>,
    /// The file holding the relay's password (takes precedence over `NATTER_SMTP_PASSWORD`).
    #[arg(long, env = "NATTER_SMTP_PASSWORD_FILE")]
    pub smtp_password_file: Option<PathBuf>,
    /// A PEM file of certificates to trust for the relay besides the usual public ones
    /// (a relay with its own certificate authority), or the relay's own self-signed
    /// certificate, trusted when the relay presents exactly that one.
    #[arg(long, env = "NATTER_SMTP_CA_FILE")]
    pub smtp_ca_file: Option<PathBuf>,
    /// Whom natter's mail is from: `chat@example.org` or `Team chat <chat@example.org>`.
    /// Needed with `--smtp`.
    #[arg(long, env = "NATTER_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// How long a mention or direct message waits unread before it is mailed (a person
    /// gets at most one such mail per this delay), for everyone who chose no delay of
    /// their own: `Ns`, `Nm` or `Nh`.
    #[arg(
        long,
        env = "NATTER_MISSED_MAIL_DELAY",
        default_value = "10m",
        value_parser = kept_duration
    )]
    pub missed_mail_delay: std::time::Duration,
    /// How long without activity on any device before a person shows as away: `Ns`,
    /// `Nm` or `Nh`.
    #[arg(
        long,
        env = "NATTER_AWAY_AFTER",
        default_value = "10m",
        value_parser = kept_duration
    )]
    pub away_after: std::time::Duration,
    /// The most people in one call: 8 by default, where each sends its media to every
    /// other (a mesh), 25 with `--sfu`, where each sends one stream to the SFU.
    #[arg(
        long,
        env = "NATTER_CALL_MAX_PARTICIPANTS",
        value_parser = clap::value_parser!(u64).range(2..=50)
    )]
    pub call_max_participants: Option<u64>,
    /// The SFU calls' media goes through: Janus's HTTP API as natter reaches it
    /// (`http://127.0.0.1:8088/janus`), its VideoRoom plugin holding a room per call.
    /// Needs the secret shared with Janus (its `api_secret`, `token_auth_secret` and the
    /// VideoRoom's `admin_key`), from `--sfu-secret-file` or `NATTER_SFU_SECRET`, never
    /// the command line. Without it calls are a mesh.
    #[arg(long, env = "NATTER_SFU", value_parser = sfu_url)]
    pub sfu: Option<String>,
    /// Janus's HTTP API as browsers reach it (`https://chat.example.org/janus` behind a
    /// proxy), when not the `--sfu` address.
    #[arg(long, env = "NATTER_SFU_PUBLIC_URL", value_parser = sfu_url)]
    pub sfu_public_url: Option<String>,
    /// The file holding the SFU's shared secret (takes precedence over `NATTER_SFU_SECRET`).
    #[arg(long, env = "NATTER_SFU_SECRET_FILE")]
    pub sfu_secret_file: Option<PathBuf>,
    /// Who may notify a whole chat with `@here`, `@channel` or `@everyone` in a chat of
    /// more than `--wide-mentions-members` members: `anyone`, or `admins` (server
    /// administrators and the chat's administrators; anyone else's message is still sent
    /// and notifies nobody by the wide word). Smaller chats: anyone, always.
    #[arg(
        long,
        env = "NATTER_WIDE_MENTIONS",
        value_enum,
        default_value = "anyone"
    )]
    pub wide_mentions: WideMentions,
    /// The size past which `--wide-mentions admins` applies. The default, 10, is where a
    /// chat's notification level turns to `mentions` by default: in a smaller chat
    /// everyone hears every message anyway, in a larger one a wide mention is what
    /// breaks the quiet its members were given.
    #[arg(
        long,
        env = "NATTER_WIDE_MENTIONS_MEMBERS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(0..=1_000_000_000)
    )]
    pub wide_mentions_members: u64,
    /// Who runs this server, for push services (the VAPID `sub`, RFC 8292): a
    /// `mailto:` or `https:` address. Apple's push service refuses pushes without it.
    #[arg(long, env = "NATTER_PUSH_CONTACT", value_parser = push_contact)]
    pub push_contact: Option<String>,
    /// Also push to `http://` endpoints and to loopback and private addresses: for a
    /// push service on your own network (ntfy, a UnifiedPush distributor) and for tests.
    /// Off, a subscription must name a public `https://` push service, so nobody can
    /// make natter post to the machines around it.
    #[arg(long, env = "NATTER_PUSH_PRIVATE_ENDPOINTS")]
    pub push_private_endpoints: bool,
    /// Also call bots' outgoing webhooks on `http://` loopback and private addresses (a
    /// bot running beside natter, on your own network). Off, a webhook must be on a
    /// public address, so nobody can make natter post to the machines around it. Never
    /// natter's own address either way.
    #[arg(long, env = "NATTER_WEBHOOK_ALLOW_PRIVATE")]
    pub webhook_allow_private: bool,
    /// Link previews under messages: `on` (any site on a public address), `off`, or the
    /// only sites previewed, comma-separated (`github.com,example.org`, each with its
    /// subdomains). natter fetches the page and its picture itself; readers' browsers never
    /// contact the site.
    #[arg(
        long,
        env = "NATTER_LINK_PREVIEWS",
        default_value = "on",
        value_parser = link_previews::link_previews
    )]
    pub link_previews: LinkPreviews,
    /// Private addresses link previews may also be fetched from, comma-separated:
    /// `10.0.0.5` (any port) or `10.0.0.5:8080` (that port): an intranet site written
    /// as its address. Names that resolve to private addresses stay refused.
    #[arg(
        long,
        env = "NATTER_LINK_PREVIEWS_PRIVATE",
        value_delimiter = ',',
        value_parser = link_previews::private_address
    )]
    pub link_previews_private: Vec<(std::net::IpAddr, Option<u16>)>,
    /// How long fetching one link's preview may take in all (redirects, page, oEmbed and
    /// picture each within it): `Ns` or `Nm`.
    #[arg(
        long,
        env = "NATTER_LINK_PREVIEW_TIMEOUT",
        default_value = "5s",
        value_parser = kept_duration
    )]
    pub link_preview_timeout: std::time::Duration,
    /// Let every signed-in person add custom emoji (`:name:`), not only administrators.
    /// Who added one, or an administrator, may remove it.
    #[arg(long, env = "NATTER_CUSTOM_EMOJI_BY_EVERYONE")]
    pub custom_emoji_by_everyone: bool,
    /// Let every signed-in person make, change and remove user groups (`@design`), not
    /// only administrators.
    #[arg(long, env = "NATTER_USER_GROUPS_BY_EVERYONE")]
    pub user_groups_by_everyone: bool,
    /// The HTTP proxy that push deliveries and bots' webhook calls go through
    /// (`http://proxy.internal:3128`). natter then resolves each target's name itself
    /// first and refuses it when an address is one it may not reach. Without this flag
    /// natter connects directly and ignores `HTTP_PROXY`, `HTTPS_PROXY` and `ALL_PROXY`.
    #[arg(long, env = "NATTER_OUTBOUND_PROXY", value_parser = outbound_proxy)]
    pub outbound_proxy: Option<String>,
    /// The address people and bots reach this server at (`https://chat.example.org`),
    /// for the links natter writes where no request says it: the `reply_url` of a bot's
    /// outgoing webhook. Default: the address natter listens on.
    #[arg(long, env = "NATTER_PUBLIC_URL", value_parser = public_url)]
    pub public_url: Option<String>,
    /// The Matrix server name, after the `:` of every Matrix user and room id
    /// (`chat.example.org`). Chosen on the first start and kept in the database: a later
    /// start that names another is refused. Default: the host of `--public-url`, else the
    /// address natter listens on.
    #[arg(long, env = "NATTER_MATRIX_SERVER_NAME", value_parser = matrix::server_name)]
    pub matrix_server_name: Option<String>,
    /// Refuse end-to-end encryption from Matrix apps: no encrypted rooms or messages are
    /// kept, and the well-known tells Element's apps not to offer it. Element X then
    /// cannot start a direct message or a private room (docs/matrix-encryption.md).
    #[arg(long, env = "NATTER_REFUSE_ENCRYPTION")]
    pub refuse_encryption: bool,
    /// Serve shared files at the unauthenticated media paths older Matrix apps use
    /// (`/_matrix/media/v3/download` and `thumbnail`; Debian's nheko, Quaternion,
    /// NeoChat) to whoever holds a file's media id, as Synapse's
    /// `enable_authenticated_media: false` does. Media ids carry a tag keyed by the
    /// server's secret, so they cannot be guessed; but a link to one, once passed on,
    /// opens the file to anyone (docs/api.md).
    #[arg(long, env = "NATTER_MATRIX_UNAUTHENTICATED_MEDIA")]
    pub matrix_unauthenticated_media: bool,
    /// Largest accepted upload, in MiB.
    #[arg(
        long,
        env = "NATTER_MAX_UPLOAD_MB",
        default_value_t = 25,
        value_parser = upload_mib
    )]
    pub max_upload_mb: u64,
    /// Storage each person's uploads may take, in MiB (profile images too); 0 for no
    /// limit. An upload past it is refused with 507.
    #[arg(
        long,
        env = "NATTER_STORAGE_QUOTA_MB",
        default_value_t = 1024,
        value_parser = storage_mib
    )]
    pub storage_quota_mb: u64,
    /// Free space, in MiB, that uploads leave on the disk of `--media-dir`: an upload that
    /// would go below it is refused with 507 (messages are not).
    #[arg(
        long,
        env = "NATTER_MIN_FREE_DISK_MB",
        default_value_t = 512,
        value_parser = storage_mib
    )]
    pub min_free_disk_mb: u64,
    /// How long an upload that no message holds (and that is not its uploader's profile
    /// image) is kept before it is removed: `Ns`, `Nm` or `Nh`.
    #[arg(
        long,
        env = "NATTER_UNATTACHED_UPLOADS_KEPT",
        default_value = "24h",
        value_parser = kept_duration
    )]
    pub unattached_uploads_kept: std::time::Duration,
    /// Log filter (`error`, `warn`, `info`, `debug`, or a tracing filter).
    #[arg(long, env = "NATTER_LOG", default_value = "info")]
    pub log: String,
    /// Lifetime of an access JWT, in seconds.
    #[arg(
        long,
        env = "NATTER_ACCESS_TTL",
        default_value_t = 300,
        value_parser = lifetime_secs,
        allow_negative_numbers = true
    )]
    pub access_ttl_secs: i64,
    /// Lifetime of a refresh JWT, in seconds.
    #[arg(
        long,
        env = "NATTER_REFRESH_TTL",
        default_value_t = 86_400,
        value_parser = lifetime_secs,
        allow_negative_numbers = true
    )]
    pub refresh_ttl_secs: i64,
    /// How long an access token a Matrix app got through OAuth 2.0 works, in seconds; its
    /// refresh token then brings a new one. Hidden: five minutes is the setting (as
    /// Matrix Authentication Service's), and the tests shorten it.
    #[arg(
        long,
        hide = true,
        default_value_t = 300,
        value_parser = lifetime_secs,
        allow_negative_numbers = true
    )]
    pub matrix_oauth_access_secs: i64,
    /// Other origins (scheme://host[:port]) whose pages may open sockets with the
    /// session cookie, comma-separated; the server's own origin always may.
    #[arg(long, env = "NATTER_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,
    /// Seconds a client has to send a request's whole head (a socket handshake too),
    /// from the moment the connection opens (nginx's `client_header_timeout`).
    #[arg(
        long,
        env = "NATTER_HEADER_TIMEOUT",
        default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub header_timeout_secs: u64,
    /// Seconds an idle keep-alive connection is kept open between requests (nginx's
    /// `keepalive_timeout`).
    #[arg(
        long,
        env = "NATTER_KEEP_ALIVE",
        default_value_t = 75,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub keep_alive_secs: u64,
    /// Open connections (sockets included) one client address may hold at once.
    #[arg(
        long,
        env = "NATTER_MAX_CONNECTIONS_PER_IP",
        default_value_t = 256,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub max_connections_per_ip: u64,
    /// Open WebSockets one user may hold at once, over every surface.
    #[arg(
        long,
        env = "NATTER_MAX_SOCKETS_PER_USER",
        default_value_t = 32,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub max_sockets_per_user: u64,
    /// Personal exports (`GET /api/account/export/`) made or downloaded at once over the
    /// whole server; one more is 429 with `Retry-After`. Each person has one at a time.
    #[arg(
        long,
        env = "NATTER_EXPORTS_AT_ONCE",
        default_value_t = 2,
        value_parser = clap::value_parser!(u64).range(1..=64)
    )]
    pub exports_at_once: u64,
    /// Memory for ready pages, in MiB: history pages and chat lists kept as their bytes
    /// and answered again while their chats are unchanged (each request still checks
    /// its caller and the chats' live versions). 0 keeps none.
    #[arg(
        long,
        env = "NATTER_READY_PAGES_MIB",
        default_value_t = 64,
        value_parser = clap::value_parser!(u64).range(0..=65536)
    )]
    pub ready_pages_mib: u64,
    /// Reverse proxies (CIDRs or addresses, comma-separated) whose `X-Forwarded-For`,
    /// `-Proto` and `-Host` are believed; from any other peer they are ignored.
    #[arg(long, env = "NATTER_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
    /// PEM certificate chain: with `--tls-key`, serve HTTPS and `wss://` directly.
    #[arg(long, env = "NATTER_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key of `--tls-cert`.
    #[arg(long, env = "NATTER_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Origins (scheme://host[:port], comma-separated) whose pages may call the API
    /// from a browser, with credentials, as django-cors-headers allows them; `*` lets
    /// any page make token calls (never with the cookie). Default: same origin only.
    #[arg(long, env = "NATTER_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Address (host:port) of a separate listener serving Prometheus metrics at
    /// `/metrics`; off by default. Keep it private: loopback or an internal address.
    #[arg(long, env = "NATTER_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
}

impl Config {
    /// Settings for tests and embedding: everything default except the database path.
    pub fn for_db(db: impl Into<String>) -> Self {
        let cli = Cli::parse_from(["natter"]);
        Config {
            db: db.into(),
            ..cli.config
        }
    }

    /// The most people in one call: `--call-max-participants`, else 25 through an SFU
    /// and 8 in a mesh (each person's upload carries every other's copy of their media).
    pub fn call_max(&self) -> u64 {
        self.call_max_participants
            .unwrap_or(if self.sfu.is_some() { 25 } else { 8 })
    }

    /// The NATS servers of `--hub`, or `None` for `--hub local`.
    pub fn nats_servers(&self) -> Option<Vec<String>> {
        let hub = self.hub.trim();
        (hub != "local").then(|| {
            hub.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
    }

    /// `--node-id`, or the host name with a random suffix (made once per process).
    pub fn node_id(&self) -> String {
        static DEFAULT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        if let Some(id) = &self.node_id {
            return id.clone();
        }
        DEFAULT
            .get_or_init(|| {
                let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
                    .ok()
                    .map(|h| {
                        h.trim()
                            .chars()
                            .map(|c| {
                                if c.is_ascii_alphanumeric() || c == '-' {
                                    c
                                } else {
                                    '_'
                                }
                            })
                            .take(40)
                            .collect::<String>()
                    })
                    .filter(|h| !h.is_empty())
                    .unwrap_or_else(|| "natter".into());
                format!("{host}-{:08x}", rand::random::<u32>())
            })
            .clone()
    }

    /// Whether the rate limiter is active.
    pub fn rate_limits_on(&self) -> bool {
        self.rate_limits == Switch::On
    }
}

/// `--public-url`: an absolute `http(s)://` origin, written without a trailing `/`.
fn public_url(s: &str) -> Result<String, String> {
    let url = url::Url::parse(s.trim()).map_err(|_| "give an http:// or https:// URL")?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("give an http:// or https:// URL".into());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// One OpenID Connect provider (`--oidc`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcProvider {
    /// The operator's name: the provider's paths and its secret's variable.
    pub name: String,
    /// The issuer URL, as the provider's discovery document states it.
    pub issuer: String,
    /// The client id the provider gave natter.
    pub client_id: String,
    /// What the sign-in button says ("Sign in with LABEL"); the name when not given.
    pub label: String,
}

/// Where one provider's client secret is read from (`--oidc-secret-file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcSecretFile {
    /// The provider's name, as in `--oidc NAME=...`.
    pub name: String,
    /// The file; its content, trimmed, is the secret.
    pub path: PathBuf,
}

/// A provider's name: 1-32 of lower-case ASCII letters, digits, `-` and `_`.
fn oidc_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.len() <= 32
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(name.to_string())
    } else {
        Err(format!(
            "the provider name {name:?} must be 1-32 lower-case letters, digits, - or _"
        ))
    }
}

/// `--oidc NAME=ISSUER_URL,CLIENT_ID[,LABEL]`.
fn oidc_provider(s: &str) -> Result<OidcProvider, String> {
    let usage = "give NAME=ISSUER_URL,CLIENT_ID[,BUTTON LABEL]";
    let (name, rest) = s.split_once('=').ok_or(usage)?;
    let name = oidc_name(name)?;
    let mut parts = rest.splitn(3, ',').map(str::trim);
    let issuer = parts.next().filter(|p| !p.is_empty()).ok_or(usage)?;
    let client_id = parts.next().filter(|p| !p.is_empty()).ok_or(usage)?;
    let label = parts
        .next()
        .filter(|p| !p.is_empty())
        .unwrap_or(&name)
        .to_string();
    let url = url::Url::parse(issuer)
        .map_err(|_| format!("the issuer {issuer:?} is not an http:// or https:// URL"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!(
            "the issuer {issuer:?} is not an http:// or https:// URL"
        ));
    }
    Ok(OidcProvider {
        name,
        issuer: issuer.to_string(),
        client_id: client_id.to_string(),
        label,
    })
}

/// `--oidc-secret-file NAME=PATH`.
fn oidc_secret_file(s: &str) -> Result<OidcSecretFile, String> {
    let (name, path) = s.split_once('=').ok_or("give NAME=PATH")?;
    let path = path.trim();
    if path.is_empty() {
        return Err("give NAME=PATH".into());
    }
    Ok(OidcSecretFile {
        name: oidc_name(name)?,
        path: PathBuf::from(path),
    })
}

/// `--outbound-proxy`: an `http://` or `https://` proxy URL, with a user and password
/// when the proxy asks for them.
fn outbound_proxy(s: &str) -> Result<String, String> {
    let url = url::Url::parse(s.trim()).map_err(|_| "give an http:// or https:// proxy URL")?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("give an http:// or https:// proxy URL".into());
    }
    reqwest::Proxy::all(url.as_str()).map_err(|e| format!("not a proxy natter can use: {e}"))?;
    Ok(url.to_string())
}

/// `--push-contact`: a `mailto:` or `https:` address (RFC 8292's `sub`).
fn push_contact(s: &str) -> Result<String, String> {
    let s = s.trim();
    let ok = (s.starts_with("mailto:") && s.len() > "mailto:".len() && s.contains('@'))
        || (s.starts_with("https://") && s.len() > "https://".len());
    if ok && !s.chars().any(char::is_whitespace) {
        Ok(s.to_string())
    } else {
        Err("give a mailto: address (mailto:you@example.org) or an https:// URL".into())
    }
}
