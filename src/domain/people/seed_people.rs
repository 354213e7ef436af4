//! The hidden benchmark helper `seed-people`: many accounts at once, each with an API key,
//! for `natter-bench reach` (10,000 people). Signing them up one by one costs an argon2
//! hash each (20-40 ms of a core: minutes for 10,000); here one hash is made and shared,
//! which no real account may do, so nothing but the hidden command calls this.

use crate::domain::auth;
use crate::domain::error::Result;
use crate::kit::random::random_hex;
use crate::state::App;
use crate::store::{self, people::users::NewUser};

/// Accounts written per write job.
const BATCH: u64 = 500;

/// One seeded account: its id, name and API key (the key is shown only here).
#[derive(Debug, Clone)]
pub struct Seeded {
    pub id: i64,
    pub username: String,
    pub key: String,
}

/// Makes `count` accounts named `{prefix}_{i}` (email `{prefix}_{i}@bench.invalid`), all
/// with `password`, each with one API key; hands each batch to `out` as it commits.
pub async fn seed(
    app: &App,
    prefix: &str,
    count: u64,
    password: String,
    mut out: impl FnMut(&[Seeded]),
) -> Result<u64> {
    let hash = auth::hash_password_async(app, password).await?;
    let mut done = 0u64;
    while done < count {
        let batch = (count - done).min(BATCH);
        let (hash, prefix) = (hash.clone(), prefix.to_string());
        let seeded = app
            .db
            .write(move |c| -> Result<Vec<Seeded>> {
                let now = store::clock::now();
                let mut seeded = Vec::with_capacity(batch as usize);
                for i in done..done + batch {
                    let username = format!("{prefix}_{i}");
                    let email = format!("{username}@bench.invalid");
                    let user = store::people::users::insert(
                        c,
                        &NewUser {
                            username: &username,
                            email: &email,
                            password_hash: &hash,
                            display_name: "",
                            is_admin: false,
                        },
                        &now,
                    )?;
                    let key = random_hex(20);
                    store::people::tokens::insert(c, &auth::digest(&key), user.id, &now)?;
                    seeded.push(Seeded {
                        id: user.id,
                        username,
                        key,
                    });
                }
                Ok(seeded)
            })
            .await?;
        out(&seeded);
        done += batch;
    }
    Ok(done)
}
