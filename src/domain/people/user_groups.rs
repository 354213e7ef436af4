//! User groups: named sets of people (`@design`) that a message mentions as one
//! (`domain::messaging::mentions`). Administrators make, change and remove them
//! (everyone, with `--user-groups-by-everyone`); every signed-in person lists them, for
//! the composer's `@` suggestions and the directory. A handle is matched by its name key
//! (NFKC and case folding, as usernames are), so `@Design` is `@design`; it may not be a
//! person's name or one of the wide words (`@here`, `@channel`, `@everyone`), which
//! would make one mention mean two things. Every change is told live to everyone
//! (`Event::UserGroupChanged`).

use crate::domain::error::{Error, Missing, Problem, Refusal, Result};
use crate::hub::Published;
use crate::kit::names;
use crate::model::events::Event;
use crate::state::App;
use crate::store::people::users::User;
use crate::store::user_groups::{GroupMember, NewGroup, UserGroup};
use crate::store::{self, Conn, Tx};

/// Longest handle, in characters (Slack's is 21; imports bring longer ones).
pub const MAX_HANDLE: usize = 80;

/// Longest name, in characters.
pub const MAX_NAME: usize = 100;

/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 500;

/// At most this many people are added in one request.
pub const MAX_ADD: usize = 1000;

/// Words a handle may not be: the wide mentions and Slack's `@all`.
const RESERVED: [&str; 4] = ["here", "channel", "everyone", "all"];

/// A handle another group or a person has.
const TAKEN: Problem = Problem::Worded("A group or a person already has this handle.");

/// A group with its members.
pub struct GroupView {
    pub group: UserGroup,
    pub members: Vec<GroupMember>,
}

/// What a change to a group asks for; `None` leaves a field as it is.
#[derive(Default)]
pub struct GroupChanges {
    pub handle: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
}

/// Whether `me` may make, change and remove groups on this server.
pub fn may_manage(app: &App, me: &User) -> bool {
    me.is_admin || app.config.user_groups_by_everyone
}

fn require_manager(app: &App, me: &User) -> Result<()> {
    if may_manage(app, me) {
        Ok(())
    } else {
        Err(Error::Forbidden(Refusal::NotServerAdmin))
    }
}

/// Checks a handle (a leading `@` dropped): letters, digits, `.`, `-` and `_`, 1 to
/// [`MAX_HANDLE`] of them, not a reserved word. Answers it with its key.
pub fn check_handle(raw: &str) -> Result<(String, String)> {
    let handle = raw.trim().trim_start_matches('@').to_string();
    if handle.is_empty() {
        return Err(Error::field("handle", Problem::Blank));
    }
    if handle.chars().count() > MAX_HANDLE {
        return Err(Error::field("handle", Problem::TooLong { max: MAX_HANDLE }));
    }
    // The characters a mention's name runs over, less `@` and `+` (`@design+` reads as
    // the group followed by a sign) and never ending in `.` (a sentence's full stop).
    if !handle
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
        || handle.ends_with('.')
    {
        return Err(Error::field(
            "handle",
            Problem::Worded("Use only letters, digits, ., - and _."),
        ));
    }
    let key = names::name_key(&handle);
    if RESERVED.contains(&key.as_str()) {
        return Err(Error::field(
            "handle",
            Problem::Worded("This word mentions a whole chat; choose another handle."),
        ));
    }
    Ok((handle, key))
}

fn check_text(field: &'static str, value: &str, max: usize, blank_ok: bool) -> Result<String> {
    let value = value.trim().to_string();
    if value.is_empty() && !blank_ok {
        return Err(Error::field(field, Problem::Blank));
    }
    if value.chars().count() > max {
        return Err(Error::field(field, Problem::TooLong { max }));
    }
    Ok(value)
}

/// What a sign-up answers on `username` when a group's handle is that name (by its name
/// key, so `OnCall` and `ｏｎｃａｌｌ` are `@oncall`): people and groups share one namespace
/// of mentionable names, so a person who took a group's handle would take its mentions.
/// `None` when no group has it.
pub fn handle_problem(c: &Conn, username: &str) -> Result<Option<Problem>> {
    let taken = store::user_groups::id_by_key(c, &names::name_key(username))?.is_some();
    Ok(taken.then_some(GROUP_HAS_IT))
}

/// A name a user group has as its handle.
const GROUP_HAS_IT: Problem =
    Problem::Worded("A user group has this name as its handle; choose another username.");

/// Refuses a key that another group or a person has.
fn require_free(c: &Conn, key: &str, this_group: Option<i64>) -> Result<()> {
    let other_group = store::user_groups::id_by_key(c, key)?.filter(|id| Some(*id) != this_group);
    if other_group.is_some() || store::user_groups::person_named(c, key)? {
        return Err(Error::field("handle", TAKEN));
    }
    Ok(())
}

/// Queues the live frame of a group's change (`created`, `updated`, `members`,
/// `deleted`) for everyone: autocomplete and the directory read the groups again.
fn tell(c: &Tx, group_id: i64, handle: &str, change: &str) -> Result<()> {
    let everyone = store::people::status::everyone(c)?;
    c.publish(Published::new(
        0,
        everyone.into(),
        Event::UserGroupChanged {
            group_id,
            handle: handle.to_string(),
            change: change.to_string(),
        },
    ));
    Ok(())
}

/// Every group, by handle, with its member count.
pub async fn list(app: &App) -> Result<Vec<UserGroup>> {
    Ok(app.db.read(store::user_groups::all).await?)
}

fn view_on(c: &Conn, id: i64) -> Result<GroupView> {
    let group = store::user_groups::by_id(c, id)?.ok_or(Error::NotFound(Missing::UserGroup))?;
    let members = store::user_groups::members(c, id)?;
    Ok(GroupView { group, members })
}

/// One group with its members (any signed-in person may read it).
pub async fn get(app: &App, id: i64) -> Result<GroupView> {
    app.db.read(move |c| view_on(c, id)).await
}

/// Makes a group with `members` (people's ids; an unknown one is refused).
pub async fn create(
    app: &App,
    me: &User,
    handle: &str,
    name: &str,
    description: &str,
    members: Vec<i64>,
) -> Result<GroupView> {
    require_manager(app, me)?;
    let (handle, key) = check_handle(handle)?;
    let name = check_text("name", name, MAX_NAME, true)?;
    let name = if name.is_empty() {
        handle.clone()
    } else {
        name
    };
    let description = check_text("description", description, MAX_DESCRIPTION, true)?;
    check_count(&members)?;
    let me_id = me.id;
    app.db
        .write(move |c| {
            require_free(c, &key, None)?;
            require_people(c, &members)?;
            let now = store::clock::now();
            let new = NewGroup {
                handle: &handle,
                handle_key: &key,
                name: &name,
                description: &description,
                created_by: Some(me_id),
            };
            let id = store::user_groups::insert(c, &new, &now)?
                .ok_or_else(|| Error::field("handle", TAKEN))?;
            for user in &members {
                store::user_groups::add_member(c, id, *user, &now)?;
            }
            tell(c, id, &handle, "created")?;
            view_on(c, id)
        })
        .await
}

fn check_count(members: &[i64]) -> Result<()> {
    if members.len() > MAX_ADD {
        return Err(Error::field("user_ids", Problem::TooLong { max: MAX_ADD }));
    }
    Ok(())
}

/// Refuses an id that is no person's.
fn require_people(c: &Conn, ids: &[i64]) -> Result<()> {
    let found = store::people::users::by_ids(c, ids)?;
    match ids.iter().find(|id| !found.iter().any(|u| u.id == **id)) {
        Some(pk) => Err(Error::field("user_ids", Problem::NoSuchObject { pk: *pk })),
        None => Ok(()),
    }
}

/// Changes a group's handle, name or description.
pub async fn update(app: &App, me: &User, id: i64, changes: GroupChanges) -> Result<GroupView> {
    require_manager(app, me)?;
    let handle = changes.handle.as_deref().map(check_handle).transpose()?;
    let name = changes
        .name
        .as_deref()
        .map(|n| check_text("name", n, MAX_NAME, false))
        .transpose()?;
    let description = changes
        .description
        .as_deref()
        .map(|d| check_text("description", d, MAX_DESCRIPTION, true))
        .transpose()?;
    app.db
        .write(move |c| {
            store::user_groups::by_id(c, id)?.ok_or(Error::NotFound(Missing::UserGroup))?;
            if let Some((_, key)) = &handle {
                require_free(c, key, Some(id))?;
            }
            store::user_groups::update(
                c,
                id,
                handle.as_ref().map(|(h, k)| (h.as_str(), k.as_str())),
                name.as_deref(),
                description.as_deref(),
                &store::clock::now(),
            )?;
            let view = view_on(c, id)?;
            tell(c, id, &view.group.handle, "updated")?;
            Ok(view)
        })
        .await
}

/// Removes a group. Messages that mentioned it keep their text and their mentions.
pub async fn delete(app: &App, me: &User, id: i64) -> Result<()> {
    require_manager(app, me)?;
    app.db
        .write(move |c| {
            let group =
                store::user_groups::by_id(c, id)?.ok_or(Error::NotFound(Missing::UserGroup))?;
            if !store::user_groups::delete(c, id)? {
                return Err(Error::NotFound(Missing::UserGroup));
            }
            tell(c, id, &group.handle, "deleted")
        })
        .await
}

/// Puts people in a group (those already in it stay as they are).
pub async fn add_members(app: &App, me: &User, id: i64, users: Vec<i64>) -> Result<GroupView> {
    require_manager(app, me)?;
    if users.is_empty() {
        return Err(Error::field("user_ids", Problem::Required));
    }
    check_count(&users)?;
    app.db
        .write(move |c| {
            store::user_groups::by_id(c, id)?.ok_or(Error::NotFound(Missing::UserGroup))?;
            require_people(c, &users)?;
            let now = store::clock::now();
            for user in &users {
                store::user_groups::add_member(c, id, *user, &now)?;
            }
            store::user_groups::touch(c, id, &now)?;
            let view = view_on(c, id)?;
            tell(c, id, &view.group.handle, "members")?;
            Ok(view)
        })
        .await
}

/// Takes a person out of a group: later mentions of the group no longer reach them.
pub async fn remove_member(app: &App, me: &User, id: i64, user: i64) -> Result<()> {
    require_manager(app, me)?;
    app.db
        .write(move |c| {
            let group =
                store::user_groups::by_id(c, id)?.ok_or(Error::NotFound(Missing::UserGroup))?;
            if !store::user_groups::remove_member(c, id, user)? {
                return Err(Error::NotFound(Missing::Member));
            }
            store::user_groups::touch(c, id, &store::clock::now())?;
            tell(c, id, &group.handle, "members")
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::check_handle;

    #[test]
    fn handles_are_plain_words_and_never_a_wide_one() {
        let key = |h: &str| check_handle(h).ok().map(|(_, k)| k);
        assert_eq!(key("@Design").as_deref(), Some("design"));
        assert_eq!(key("front-end_2.web").as_deref(), Some("front-end_2.web"));
        for bad in [
            "", "@", "a b", "x+y", "ends.", "here", "@Channel", "everyone", "all",
        ] {
            assert!(check_handle(bad).is_err(), "{bad:?}");
        }
        assert!(check_handle(&"x".repeat(81)).is_err());
    }
}
