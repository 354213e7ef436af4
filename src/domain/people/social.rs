//! Profiles, posts and friends (the messenger surface's `profiles` app, seed 004): who a
//! user is to others, what they posted, and symmetric friendships. Field problems are
//! codes; the surface picks its own words for them and for refusals.

use crate::domain::error::{Error, Fields, Missing, Problem, Result};
use crate::state::App;
use crate::store::Conn;
use crate::store::{self, people::social::Post, people::users::User};

/// Longest post title, in characters (the upstream `CharField(max_length=255)`).
pub const MAX_TITLE_CHARS: usize = 255;
/// Longest post text, in characters (same bound as a message).
pub const MAX_POST_CHARS: usize = 10_000;
/// Longest `bio`, in characters.
pub const MAX_BIO_CHARS: usize = 1_000;
/// Longest profile `image` path or URL, in characters.
pub const MAX_IMAGE_CHARS: usize = 500;

/// A user with their friends (ids, ascending) and posts (oldest first).
pub struct Profile {
    pub user: User,
    pub friends: Vec<i64>,
    pub posts: Vec<Post>,
}

fn load_profile(c: &Conn, user: User) -> Result<Profile> {
    let friends = store::people::social::friend_ids(c, user.id)?;
    let posts = store::people::social::posts_by_author(c, user.id)?;
    Ok(Profile {
        user,
        friends,
        posts,
    })
}

/// The caller's own profile.
pub async fn profile(app: &App, me: &User) -> Result<Profile> {
    let me_id = me.id;
    app.db
        .read(move |c| {
            let user =
                store::people::users::by_id(c, me_id)?.ok_or(Error::NotFound(Missing::Caller))?;
            load_profile(c, user)
        })
        .await
}

/// The profile of the active user with exactly this username (case-sensitive), if any.
pub async fn find_profile(app: &App, username: String) -> Result<Option<Profile>> {
    app.db
        .read(
            move |c| match store::people::users::by_username_exact(c, &username)? {
                Some(user) if user.is_active => load_profile(c, user).map(Some),
                _ => Ok(None),
            },
        )
        .await
}

fn too_long(errors: &mut Fields, field: &'static str, value: &str, max: usize) {
    if value.chars().count() > max {
        errors.push((field, vec![Problem::TooLong { max }]));
    }
}

/// Whether `image` (trimmed) is a profile image: empty (the default), a path starting
/// with `/` (an upload on this server) or an `http(s)://` URL, with no white space.
pub fn image_shaped(image: &str) -> bool {
    let shaped = image.is_empty()
        || image.starts_with('/')
        || image.starts_with("http://")
        || image.starts_with("https://");
    shaped && !image.chars().any(char::is_whitespace)
}

/// Changes the caller's `bio` and/or `image` (`None` leaves a field as it is). An
/// image is a path starting with `/` or an `http(s)://` URL; empty means the default.
pub async fn update_profile(
    app: &App,
    me: &User,
    bio: Option<String>,
    image: Option<String>,
) -> Result<Profile> {
    let mut errors = Fields::new();
    if let Some(bio) = &bio {
        too_long(&mut errors, "bio", bio, MAX_BIO_CHARS);
    }
    let image = image.map(|i| i.trim().to_string());
    if let Some(image) = &image {
        too_long(&mut errors, "image", image, MAX_IMAGE_CHARS);
        if !image_shaped(image) {
            errors.push(("image", vec![Problem::BadImage]));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let me_id = me.id;
    app.db
        .write(move |c| {
            store::people::users::update_profile(c, me_id, None, bio.as_deref(), image.as_deref())?;
            if image.is_some() {
                // Matrix apps show pictures from memberships: each chat tells it again.
                store::matrix_log::note_profile(c, me_id)?;
            }
            let user =
                store::people::users::by_id(c, me_id)?.ok_or(Error::NotFound(Missing::Caller))?;
            load_profile(c, user)
        })
        .await
}

/// Every post of every user, oldest first.
pub async fn all_posts(app: &App) -> Result<Vec<Post>> {
    app.db
        .read(|c| Ok(store::people::social::all_posts(c)?))
        .await
}

/// Checks one required text field the way DRF's `CharField` does (trimmed, not blank,
/// bounded), recording the problem in `errors`.
fn required_text(
    errors: &mut Fields,
    field: &'static str,
    value: Option<String>,
    max: usize,
) -> String {
    let problem = match value.as_deref().map(str::trim) {
        None => Problem::Required,
        Some("") => Problem::Blank,
        Some(v) if v.chars().count() > max => Problem::TooLong { max },
        Some(v) => return v.to_string(),
    };
    errors.push((field, vec![problem]));
    String::new()
}

/// Publishes a post by the caller. Every field problem is reported at once.
pub async fn create_post(
    app: &App,
    me: &User,
    title: Option<String>,
    content: Option<String>,
) -> Result<Post> {
    let mut errors = Fields::new();
    let title = required_text(&mut errors, "title", title, MAX_TITLE_CHARS);
    let content = required_text(&mut errors, "content", content, MAX_POST_CHARS);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let me_id = me.id;
    app.db
        .write(move |c| {
            Ok(store::people::social::insert_post(
                c,
                me_id,
                &title,
                &content,
                &store::clock::now(),
            )?)
        })
        .await
}

/// Why a friendship change did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FriendRefusal {
    /// No active user has that username.
    UnknownUser,
    /// Befriending oneself.
    Yourself,
    /// Adding someone who already is a friend.
    AlreadyFriends,
    /// Removing someone who is not a friend.
    NotFriends,
}

/// Makes the caller and the user named `username` (exact, case-sensitive) friends of
/// each other. Returns the friend, or why not.
pub async fn add_friend(
    app: &App,
    me: &User,
    username: String,
) -> Result<std::result::Result<User, FriendRefusal>> {
    change_friendship(app, me.id, username, |c, me_id, friend| {
        if friend.id == me_id {
            return Ok(Err(FriendRefusal::Yourself));
        }
        if store::people::social::is_friend(c, me_id, friend.id)? {
            return Ok(Err(FriendRefusal::AlreadyFriends));
        }
        store::people::social::add_friendship(c, me_id, friend.id, &store::clock::now())?;
        Ok(Ok(friend))
    })
    .await
}

/// Ends the friendship between the caller and the user named `username`, both ways.
/// Returns the former friend, or why not.
pub async fn remove_friend(
    app: &App,
    me: &User,
    username: String,
) -> Result<std::result::Result<User, FriendRefusal>> {
    change_friendship(app, me.id, username, |c, me_id, friend| {
        if !store::people::social::remove_friendship(c, me_id, friend.id)? {
            return Ok(Err(FriendRefusal::NotFriends));
        }
        Ok(Ok(friend))
    })
    .await
}

/// Finds the active user named `username` (exact) and applies `change` to the caller's
/// friendship with them, in one write.
async fn change_friendship<F>(
    app: &App,
    me_id: i64,
    username: String,
    mut change: F,
) -> Result<std::result::Result<User, FriendRefusal>>
where
    F: FnMut(&Conn, i64, User) -> Result<std::result::Result<User, FriendRefusal>> + Send + 'static,
{
    app.db
        .write(move |c| {
            match store::people::users::by_username_exact(c, &username)?.filter(|u| u.is_active) {
                Some(friend) => change(c, me_id, friend),
                None => Ok(Err(FriendRefusal::UnknownUser)),
            }
        })
        .await
}

/// The active user with exactly this username (case-sensitive), if any: how the
/// messenger surface names people (`recipient`, `username`).
pub async fn user_by_username(app: &App, username: String) -> Result<Option<User>> {
    app.db
        .read(move |c| {
            Ok(store::people::users::by_username_exact(c, &username)?.filter(|u| u.is_active))
        })
        .await
}
