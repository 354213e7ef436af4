//! `natter migrate-to-postgres --from natter.db --to postgres://...`: the whole SQLite
//! database copied into an empty PostgreSQL one (the copy itself, table by table, is
//! `store::moving::to_postgres`), after checking that each side is what its flag says.

use crate::kit::printable::{escaped, without_credentials};
use crate::startup::StartError;
use crate::store;

/// `migrate-to-postgres --from natter.db --to postgres://...`: copies the SQLite file into
/// an empty PostgreSQL database (`store::moving::to_postgres`) and says what it copied.
pub async fn run(from: String, to: String) -> Result<(), StartError> {
    check_migration(&from, &to)?;
    // The synchronous PostgreSQL client must not run on an async worker thread.
    let source = from.clone();
    let summary =
        tokio::task::spawn_blocking(move || store::moving::to_postgres::copy(&source, &to))
            .await
            .map_err(|e| StartError(format!("the copy stopped unexpectedly ({e})")))?
            .map_err(|e| StartError(format!("cannot copy {from} to PostgreSQL: {e}")))?;
    println!(
        "copied {} to PostgreSQL in {:.1} s; rows per table:",
        escaped(&from),
        summary.elapsed.as_secs_f64()
    );
    for (table, rows) in &summary.tables {
        println!("  {table:<14} {rows:>10}");
    }
    println!(
        "serve it with --db set to the same --to value; uploaded files stay where they are, \
         so keep the same --media-dir"
    );
    Ok(())
}

/// `--from` is an existing file (the SQLite database), `--to` a PostgreSQL database.
fn check_migration(from: &str, to: &str) -> Result<(), StartError> {
    if store::is_postgres(from) {
        return Err(StartError(format!(
            "--from {} is a PostgreSQL database: expected the path of the SQLite file to \
             copy, e.g. --from natter.db",
            without_credentials(from)
        )));
    }
    if from == ":memory:" {
        return Err(StartError(
            "--from :memory: has nothing to copy: a :memory: database lives only inside the \
             natter that serves it; expected the path of a SQLite file, e.g. natter.db"
                .into(),
        ));
    }
    match std::fs::metadata(from) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => {
            return Err(StartError(format!(
                "--from {from} is not a file: expected the path of natter's SQLite database, \
                 e.g. natter.db"
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StartError(format!(
                "no database at --from {from}: expected the path of an existing natter \
                 SQLite database, e.g. natter.db"
            )))
        }
        Err(e) => return Err(StartError(format!("cannot reach --from {from} ({e})"))),
    }
    if !store::is_postgres(to) {
        return Err(StartError(format!(
            "--to {} is not a PostgreSQL database: expected a postgres:// URL (e.g. \
             postgres://natter@localhost/natter) or a host=... string (e.g. \
             \"host=/run/postgresql dbname=natter\")",
            without_credentials(to)
        )));
    }
    Ok(())
}
