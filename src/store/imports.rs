//! `import_keys`: what each import brought in, by the source's own ids, so an import run
//! again adds nothing twice and resumes where a stopped run ended.

use super::{Conn, StoreResult};

/// What natter made of `key` (a `kind` of thing of `source`), if it was imported.
pub fn natter_id(c: &Conn, source: &str, kind: &str, key: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT natter_id FROM import_keys WHERE source = ?1 AND kind = ?2 AND key = ?3",
        &[&source, &kind, &key],
        |r| r.get(0),
    )
}

/// Notes that `key` of `source` became `natter_id`.
pub fn note(c: &Conn, source: &str, kind: &str, key: &str, natter_id: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO import_keys (source, kind, key, natter_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source, kind, key) DO UPDATE SET natter_id = excluded.natter_id",
        &[&source, &kind, &key, &natter_id],
    )?;
    Ok(())
}

/// How many things of `kind` were imported from `source`.
pub fn count(c: &Conn, source: &str, kind: &str) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM import_keys WHERE source = ?1 AND kind = ?2",
        &[&source, &kind],
        |r| r.get(0),
    )
}
