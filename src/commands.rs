//! The commands other than serving: `create-user`, `backup`, `users ...` and `invite`
//! (in `users`), `rooms ...` (in `rooms`), `mail-test`, and the hidden benchmark helpers
//! `seed-messages` and `seed-people`; `export`, `migrate-to-postgres` and `import` are
//! run by `moving`. Each works on an existing database (never making one), beside a
//! running server or not, and closes it before exiting, so that without a server no
//! `-wal` or `-shm` file is left behind. Failures are sentences (`startup::StartError`).

mod password;
mod rooms;
mod users;

use crate::config::{Command, Config, ImportCommand};
use crate::domain;
use crate::http::error::ApiError;
use crate::kit::printable::escaped;
use crate::moving;
use crate::startup::{self, close, StartError};
use crate::state::App;
use crate::store;
use password::read_password;
use std::io::Write;
use std::path::Path;

/// Runs a non-serving command (`create-user`, `backup`, ...); `natter::start` serves.
pub async fn run_command(mut config: Config, command: Command) -> Result<(), StartError> {
    if let Some(db) = command.db() {
        config.db = db.to_string();
    }
    if matches!(command, Command::Serve) {
        return Err(StartError(
            "serving is not a command of its own here: natter::start serves".into(),
        ));
    }
    if let Command::MigrateToPostgres { from, to } = command {
        return moving::copy::run(from, to).await;
    }
    if let Command::MailTest { to } = &command {
        return match domain::mail::send_test_now(&config, to).await {
            Ok(relay) => {
                println!("sent to {to} through {relay}");
                Ok(())
            }
            Err(why) => Err(StartError(format!("mail-test: {why}"))),
        };
    }
    let makes_db = matches!(
        command,
        Command::CreateUser {
            create_db: true,
            ..
        }
    );
    if !makes_db {
        startup::check_existing_db(&config.db, command.name())?;
    }
    match command {
        // Run above.
        Command::Serve | Command::MigrateToPostgres { .. } => Ok(()),
        Command::Users { action } => users::run(config, action).await,
        Command::Rooms { action } => rooms::run(config, action).await,
        Command::Import {
            action:
                ImportCommand::Slack {
                    path,
                    map,
                    map_file,
                    ..
                },
        } => {
            let map = moving::import_map::read_map(&map, map_file.as_deref())?;
            moving::slack::command::run(config, &path, map).await
        }
        Command::Import { action } => moving::django::command::run(config, action).await,
        Command::Invite {
            uses, expires, url, ..
        } => users::invite(config, uses, expires, url).await,
        // Run above: it needs no database.
        Command::MailTest { .. } => Ok(()),
        Command::CreateUser {
            username,
            email,
            password,
            password_stdin,
            admin,
            create_db,
            ..
        } => {
            // Asked before the database is opened: nothing waits on a person typing.
            let password = read_password(password, password_stdin, &username, "create-user")?;
            let app = if create_db {
                startup::check_new_db(&config.db, "create-user")?;
                App::build_for_command(config).await?
            } else {
                App::build_existing(config).await?
            };
            let created = domain::people::accounts::register(
                &app,
                domain::people::accounts::Registration {
                    username: username.clone(),
                    email,
                    password,
                    display_name: String::new(),
                    is_admin: admin,
                    by: domain::people::accounts::Registrar::Operator,
                    joins_default_rooms: true,
                    email_confirmed: false,
                },
            )
            .await;
            close(&app).await;
            let user = created.map_err(|e| match ApiError::from(e) {
                ApiError::Validation(fields) => StartError(format!(
                    "cannot create user {username}: {}",
                    startup::field_sentence(&fields)
                )),
                other => other.into(),
            })?;
            println!("created user {} (id {})", user.username, user.id);
            Ok(())
        }
        Command::Export { path, .. } => {
            check_backup_target(&path)?;
            let app = App::build_existing(config.clone()).await?;
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| StartError(format!("cannot write {}: {e}", path.display())))?;
            let site = app.webhooks.base_url();
            let written = moving::export::export(&app, file, site).await;
            close(&app).await;
            match written {
                Ok(w) => {
                    println!(
                        "exported {} people, {} conversations, {} messages to {}",
                        w.users,
                        w.conversations,
                        w.messages,
                        path.display()
                    );
                    Ok(())
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&path);
                    Err(StartError(format!("cannot export: {}", ApiError::from(e))))
                }
            }
        }
        Command::Backup { path, .. } => {
            check_backup_target(&path)?;
            // Opened as the other commands open it (migrated, a foreign or newer file
            // refused), then closed: the copy is read on a connection of its own that
            // takes both names literally (`store::backup`).
            let app = App::build_existing(config.clone()).await?;
            close(&app).await;
            let source = std::path::PathBuf::from(&config.db);
            let dest = path.clone();
            let done =
                tokio::task::spawn_blocking(move || store::backup::write_copy(&source, &dest))
                    .await
                    .map_err(|e| StartError(format!("the backup stopped unexpectedly ({e})")))?;
            done.map_err(|e| {
                let why = match ApiError::from(e) {
                    ApiError::Internal(detail) => detail,
                    other => other.to_string(),
                };
                StartError(format!(
                    "cannot write the backup to {} ({why})",
                    path.display()
                ))
            })?;
            println!("backed up to {}", escaped(&path.display().to_string()));
            Ok(())
        }
        Command::SeedMessages {
            chat,
            user,
            count,
            words,
            ..
        } => {
            let app = App::build_existing(config).await?;
            let seeded =
                domain::messaging::messages::bulk_seed(&app, chat, user, count, &words).await;
            close(&app).await;
            println!("inserted {} messages", seeded.map_err(ApiError::from)?);
            Ok(())
        }
        Command::SeedPeople {
            prefix,
            count,
            password,
            ..
        } => {
            let app = App::build_existing(config).await?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut failed = None;
            let seeded =
                domain::people::seed_people::seed(&app, &prefix, count, password, |batch| {
                    for p in batch {
                        if let Err(e) = writeln!(out, "{}\t{}\t{}", p.id, p.username, p.key) {
                            failed.get_or_insert(e);
                        }
                    }
                })
                .await;
            close(&app).await;
            seeded.map_err(ApiError::from)?;
            out.flush()?;
            match failed {
                Some(e) => Err(StartError(format!("seed-people: cannot write: {e}"))),
                None => Ok(()),
            }
        }
    }
}

/// A backup goes to a new file in a folder that exists: an existing file is never
/// overwritten (it may be the previous good backup, or the database itself).
fn check_backup_target(path: &Path) -> Result<(), StartError> {
    if path.exists() {
        return Err(StartError(format!(
            "{} already exists: a backup is written to a new file, never over one",
            path.display()
        )));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(StartError(format!(
            "cannot write the backup to {}: the folder {} does not exist",
            path.display(),
            folder.display()
        )));
    }
    Ok(())
}
