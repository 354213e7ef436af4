//! Custom emoji: a server's own emoji, used as `:name:` in messages and reactions.
//! Administrators add them (everyone, with `--custom-emoji-by-everyone`); who added one,
//! or an administrator, removes it. The image is read within bounds and shrunk to at
//! most [`SIDE`] pixels a side on a blocking thread, an animated GIF or WebP kept
//! animated (as a GIF). Messages and reactions keep only the name, so a removed emoji
//! leaves `:name:` readable as text. Each addition and removal is told live to everyone
//! (`Event::CustomEmojiChanged`).

use crate::domain::error::{Error, Missing, Problem, Refusal, Result};
use crate::hub::Published;
use crate::kit::images::{self, Bounds};
use crate::model::events::Event;
use crate::state::App;
use crate::store::{self, custom_emoji::CustomEmoji, people::users::User};

/// Largest image accepted, in bytes (Slack takes 128 KB; animations need more).
pub const MAX_UPLOAD: usize = 1024 * 1024;

/// Longest side of a stored emoji, in pixels: drawn at 20-22 px in text and 32 px in
/// the picker, so 128 covers screens of up to four pixels a point.
pub const SIDE: u32 = 128;

/// Frames an animated emoji may have.
pub const MAX_FRAMES: usize = 200;

/// Longest name, in characters.
pub const MAX_NAME: usize = 64;

/// Canvas pixels an emoji's frames may draw in all: 200 frames of 400 x 400. A few KB
/// of one-pixel frames on a large canvas would otherwise draw gigabytes.
pub const MAX_DRAWN: u64 = 32_000_000;

/// A picture this small is read within these bounds: 4,096 px a side, 64 MiB, and
/// [`MAX_DRAWN`] pixels over all its frames.
const BOUNDS: Bounds = Bounds {
    max_side: 4096,
    max_pixels: 4096 * 4096,
    max_alloc: 64 * 1024 * 1024,
    max_drawn: MAX_DRAWN,
};

/// Every custom emoji, by name.
pub async fn list(app: &App) -> Result<Vec<CustomEmoji>> {
    Ok(app.db.read(store::custom_emoji::all).await?)
}

/// Whether `me` may add emoji on this server.
pub fn may_add(app: &App, me: &User) -> bool {
    me.is_admin || app.config.custom_emoji_by_everyone
}

/// Checks a name: lower-case letters, digits, `_`, `-` and `+`, 1 to 64 of them, not a
/// standard emoji's shortcode (`:smile:` stays the standard one).
pub fn check_name(raw: &str) -> Result<String> {
    let name = raw.trim().trim_matches(':').to_ascii_lowercase();
    if name.is_empty() {
        return Err(Error::field("name", Problem::Blank));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::field("name", Problem::TooLong { max: MAX_NAME }));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '+'))
    {
        return Err(Error::field(
            "name",
            Problem::Worded("Use only letters, digits, _, - and +."),
        ));
    }
    if emojis::get_by_shortcode(&name).is_some() {
        return Err(Error::field("name", Problem::Taken));
    }
    Ok(name)
}

/// Adds an emoji called `name` with the picture `bytes`, for `me`.
pub async fn add(app: &App, me: &User, name: &str, bytes: bytes::Bytes) -> Result<CustomEmoji> {
    if !may_add(app, me) {
        return Err(Error::Forbidden(Refusal::NotServerAdmin));
    }
    let name = check_name(name)?;
    if bytes.is_empty() {
        return Err(Error::field("image", Problem::EmptyFile));
    }
    if bytes.len() > MAX_UPLOAD {
        return Err(Error::TooLarge);
    }
    let picture = tokio::task::spawn_blocking(move || {
        images::small_picture(&bytes, &BOUNDS, SIDE, MAX_FRAMES)
    })
    .await
    .map_err(|e| Error::Internal(format!("emoji task: {e}")))?
    .map_err(|refusal| {
        tracing::info!("custom emoji refused: {refusal}");
        Error::field("image", Problem::Worded(why_refused(&refusal)))
    })?;
    let me_id = me.id;
    app.db
        .write(move |c| {
            let id = store::custom_emoji::insert(
                c,
                &name,
                picture.content_type,
                &picture.bytes,
                i64::from(picture.width),
                i64::from(picture.height),
                me_id,
                &store::clock::now(),
            )?
            .ok_or_else(|| Error::field("name", Problem::Taken))?;
            let emoji =
                store::custom_emoji::by_id(c, id)?.ok_or(Error::NotFound(Missing::Emoji))?;
            tell(c, &emoji, true)?;
            Ok(emoji)
        })
        .await
}

/// What the person is told when their picture is refused.
fn why_refused(refusal: &images::Refusal) -> &'static str {
    match refusal {
        images::Refusal::TooMuchToDraw { .. } => {
            "An animated emoji may draw at most 32 megapixels in all (its frames times its \
             canvas): use fewer frames or a smaller canvas."
        }
        images::Refusal::TooManyFrames { .. } => "An animated emoji may have at most 200 frames.",
        _ => "Use a PNG, JPEG, GIF or WebP picture of at most 4,096 pixels a side.",
    }
}

/// Removes the emoji `id`: its adder or an administrator may.
pub async fn remove(app: &App, me: &User, id: i64) -> Result<()> {
    let (me_id, admin) = (me.id, me.is_admin);
    app.db
        .write(move |c| {
            let emoji =
                store::custom_emoji::by_id(c, id)?.ok_or(Error::NotFound(Missing::Emoji))?;
            if !admin && emoji.created_by != Some(me_id) {
                return Err(Error::Forbidden(Refusal::NotServerAdmin));
            }
            store::custom_emoji::delete(c, id)?;
            tell(c, &emoji, false)
        })
        .await
}

/// Queues the live frame of an emoji added (`added`) or removed, for everyone: pickers,
/// autocomplete and drawn `:name:` follow without a reload.
fn tell(c: &store::Tx, emoji: &CustomEmoji, added: bool) -> Result<()> {
    let everyone = store::people::status::everyone(c)?;
    c.publish(Published::new(
        0,
        everyone.into(),
        Event::CustomEmojiChanged {
            emoji_id: emoji.id,
            name: emoji.name.clone(),
            added,
        },
    ));
    Ok(())
}

/// An emoji's image: its type and bytes.
pub async fn image(app: &App, id: i64) -> Result<(String, Vec<u8>)> {
    app.db
        .read(move |c| Ok::<_, Error>(store::custom_emoji::image(c, id)?))
        .await?
        .ok_or(Error::NotFound(Missing::Emoji))
}

/// Whether `emoji` may be a reaction: any 1 to 10 characters (what the chats API has
/// always taken), any standard emoji however many code points it has (a family or a
/// flag with skin tones runs past ten), or `:name:` of a custom emoji that exists.
pub fn reaction_ok(c: &crate::store::Conn, emoji: &str) -> Result<bool> {
    if emoji.chars().count() <= 10 || emojis::get(emoji).is_some() {
        return Ok(true);
    }
    let Some(name) = emoji.strip_prefix(':').and_then(|e| e.strip_suffix(':')) else {
        return Ok(false);
    };
    Ok(store::custom_emoji::by_name(c, name)?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_and_never_a_standard_shortcode() {
        assert_eq!(check_name(":ShipIt:").ok().as_deref(), Some("shipit"));
        assert!(check_name("party-parrot_2+").is_ok());
        assert!(check_name("smile").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_name("").is_err());
        assert!(check_name(&"x".repeat(65)).is_err());
    }
}
