//! The `file_images` and `file_thumbnails` tables: an image file's size as shown and
//! the smaller copies served in its place (`domain::uploads::thumbnails` makes them).

use crate::model::{FileMeta, ImageInfo, Thumbnail};
use crate::store::engine::sql::IdList;
use crate::store::{Conn, StoreError, StoreResult};
use std::collections::HashMap;

/// One thumbnail to record: the side it was made for, its size, type and bytes.
pub struct NewThumbnail<'a> {
    pub side: i64,
    pub width: i64,
    pub height: i64,
    pub content_type: &'a str,
    pub content: &'a [u8],
}

/// Records that `file_id` was looked at: its size upright (0 x 0 when it could not be
/// read) and its thumbnails. A file looked at already (by another node, or the sweep)
/// keeps what it has; returns whether this call recorded it.
pub fn record(
    c: &Conn,
    file_id: i64,
    width: i64,
    height: i64,
    thumbnails: &[NewThumbnail<'_>],
) -> StoreResult<bool> {
    // The file may be gone meanwhile (the sweep of unattached files): nothing to record.
    let inserted = c.exec(
        "INSERT INTO file_images (file_id, width, height)
         SELECT id, ?2, ?3 FROM files WHERE id = ?1
         ON CONFLICT (file_id) DO NOTHING",
        &[&file_id, &width, &height],
    )?;
    if inserted == 0 {
        return Ok(false);
    }
    for t in thumbnails {
        c.exec(
            "INSERT INTO file_thumbnails (file_id, side, width, height, content_type, content)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                &file_id,
                &t.side,
                &t.width,
                &t.height,
                &t.content_type,
                &t.content,
            ],
        )?;
    }
    Ok(true)
}

/// What is known of these files' images, by file id; files not looked at are absent.
pub fn of_files(c: &Conn, file_ids: &[i64]) -> StoreResult<HashMap<i64, ImageInfo>> {
    let mut out: HashMap<i64, ImageInfo> = HashMap::new();
    if file_ids.is_empty() {
        return Ok(out);
    }
    c.each(
        "SELECT i.file_id, i.width, i.height, t.side, t.width, t.height
         FROM file_images i LEFT JOIN file_thumbnails t ON t.file_id = i.file_id
         WHERE i.file_id IN rarray(?1) ORDER BY i.file_id, t.side",
        &[&IdList::new(file_ids)],
        |r| {
            let file_id: i64 = r.get(0)?;
            let info = out.entry(file_id).or_insert_with(|| ImageInfo {
                width: 0,
                height: 0,
                thumbnails: Vec::new(),
            });
            info.width = r.get(1)?;
            info.height = r.get(2)?;
            let side: Option<i64> = r.get(3)?;
            if let Some(side) = side {
                info.thumbnails.push(Thumbnail {
                    side,
                    width: r.get(4)?,
                    height: r.get(5)?,
                });
            }
            Ok::<_, StoreError>(())
        },
    )?;
    Ok(out)
}

/// Fills in the image of each of `files` that has been looked at.
pub fn fill(c: &Conn, files: &mut [FileMeta]) -> StoreResult<()> {
    let ids: Vec<i64> = files
        .iter()
        .filter(|f| f.content_type.starts_with("image/"))
        .map(|f| f.id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut images = of_files(c, &ids)?;
    for f in files {
        f.image = images.remove(&f.id);
    }
    Ok(())
}

/// A thumbnail's type and bytes.
pub fn content(c: &Conn, file_id: i64, side: i64) -> StoreResult<Option<(String, Vec<u8>)>> {
    c.opt(
        "SELECT content_type, content FROM file_thumbnails WHERE file_id = ?1 AND side = ?2",
        &[&file_id, &side],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Up to `limit` image files, after `after` by id, that were never looked at (uploaded
/// before thumbnails existed, or while the worker was full or the node stopped).
pub fn not_looked_at(c: &Conn, after: i64, limit: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT f.id FROM files f
         WHERE f.id > ?1 AND f.content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')
           AND NOT EXISTS (SELECT 1 FROM file_images i WHERE i.file_id = f.id)
         ORDER BY f.id LIMIT ?2",
        &[&after, &limit],
        |r| r.get(0),
    )
}
