//! natter's user groups in this surface: the list every signed-in person reads for the
//! composer's `@` suggestions and the directory (`/messages/api/groups/`), one group with
//! its members, and the changes administrators (everyone, with
//! `--user-groups-by-everyone`) make.

use crate::domain::people::user_groups::{self, GroupChanges, GroupView};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::FieldCheck;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use crate::store::user_groups::UserGroup;
use serde_json::{json, Map, Value};
use warp::reply::Response;

fn group_json(g: &UserGroup) -> Map<String, Value> {
    let mut v = Map::new();
    v.insert("id".into(), json!(g.id));
    v.insert("handle".into(), json!(g.handle));
    v.insert("name".into(), json!(g.name));
    v.insert("description".into(), json!(g.description));
    v.insert("member_count".into(), json!(g.member_count));
    v.insert("created_by".into(), json!(g.created_by));
    v.insert("created_at".into(), json!(g.created_at));
    v.insert("updated_at".into(), json!(g.updated_at));
    v
}

fn view_json(view: &GroupView) -> Value {
    let mut v = group_json(&view.group);
    let members: Vec<Value> = view
        .members
        .iter()
        .map(|m| json!({"id": m.id, "username": m.username, "display_name": m.display_name}))
        .collect();
    v.insert("members".into(), Value::Array(members));
    Value::Object(v)
}

/// `GET /messages/api/groups/` -> `{"count", "results", "may_manage"}`, by handle.
pub(crate) async fn list(app: &App, me: User) -> ApiResult<Response> {
    let groups = user_groups::list(app).await?;
    let rows: Vec<Value> = groups
        .iter()
        .map(|g| Value::Object(group_json(g)))
        .collect();
    Ok(reply::ok(json!({
        "count": rows.len(),
        "results": rows,
        "may_manage": user_groups::may_manage(app, &me),
    })))
}

/// `POST /messages/api/groups/` with `{"handle", "name", "description", "user_ids"}` ->
/// 201 with the group and its members.
pub(crate) async fn create(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let handle = check.take(f.string("handle"));
    let name = check.take(f.string("name")).unwrap_or_default();
    let description = check.take(f.string("description")).unwrap_or_default();
    let users = check.take(f.pk_list("user_ids")).unwrap_or_default();
    check.finish()?;
    let handle = handle.ok_or_else(|| ApiError::field("handle", "This field is required."))?;
    let view = user_groups::create(app, &me, &handle, &name, &description, users).await?;
    Ok(reply::created(view_json(&view)))
}

/// `GET /messages/api/groups/{id}/` -> the group with its members.
pub(crate) async fn detail(app: &App, id: i64) -> ApiResult<Response> {
    Ok(reply::ok(view_json(&user_groups::get(app, id).await?)))
}

/// `PATCH` (or `PUT`) `/messages/api/groups/{id}/` with any of `handle`, `name`,
/// `description` -> the group.
pub(crate) async fn update(app: &App, req: &Request, me: User, id: i64) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let changes = GroupChanges {
        handle: check.take(f.string("handle")),
        name: check.take(f.string("name")),
        description: check.take(f.string("description")),
    };
    check.finish()?;
    let view = user_groups::update(app, &me, id, changes).await?;
    Ok(reply::ok(view_json(&view)))
}

/// `DELETE /messages/api/groups/{id}/` -> 204.
pub(crate) async fn delete(app: &App, me: User, id: i64) -> ApiResult<Response> {
    user_groups::delete(app, &me, id).await?;
    Ok(reply::no_content())
}

/// `POST /messages/api/groups/{id}/members/` with `{"user_ids": [...]}` -> the group.
pub(crate) async fn add_members(
    app: &App,
    req: &Request,
    me: User,
    id: i64,
) -> ApiResult<Response> {
    let users = req.fields()?.pk_list("user_ids")?.unwrap_or_default();
    let view = user_groups::add_members(app, &me, id, users).await?;
    Ok(reply::ok(view_json(&view)))
}

/// `DELETE /messages/api/groups/{id}/members/{user_id}/` -> 204.
pub(crate) async fn remove_member(app: &App, me: User, id: i64, user: i64) -> ApiResult<Response> {
    user_groups::remove_member(app, &me, id, user).await?;
    Ok(reply::no_content())
}
