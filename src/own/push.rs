//! natter's own Web Push routes, in DRF's shape: the server's VAPID
//! public key with the caller's subscriptions (`GET /api/push/`), adding a browser's
//! subscription as `PushSubscription.toJSON()` gives it, and removing one.

use crate::domain::push;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::routing::caller::Caller;
use crate::state::App;
use crate::store::people::users::User;
use crate::store::push::Subscription;
use serde_json::{json, Value};
use warp::reply::Response;

fn subscription_json(s: &Subscription) -> Value {
    json!({"id": s.id, "endpoint": s.endpoint, "created_at": s.created_at})
}

/// `GET /api/push/` -> `{"public_key", "subscriptions": [{"id", "endpoint", "created_at"}]}`.
pub(crate) async fn overview(app: &App, me: User) -> ApiResult<Response> {
    let mine = push::subscriptions(app, me.id).await?;
    Ok(reply::ok(json!({
        "public_key": app.push.public_key(),
        "subscriptions": mine.iter().map(subscription_json).collect::<Vec<_>>(),
    })))
}

/// `POST /api/push/subscriptions/` with `{"endpoint", "keys": {"p256dh", "auth"}}` (the
/// keys may also come at the top level, as a form sends them) -> 201 with the row.
pub(crate) async fn subscribe(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    let made_with = caller.credential().digest().map(<[u8]>::to_vec);
    let me = caller.user(app).await?;
    let f = req.fields()?;
    let endpoint = f.required_string("endpoint")?;
    let keys = f.value("keys").and_then(Value::as_object);
    let key = |name: &str| -> ApiResult<String> {
        let nested = keys.and_then(|k| k.get(name)).and_then(Value::as_str);
        match nested {
            Some(v) if !v.trim().is_empty() => Ok(v.trim().to_string()),
            _ => f.required_string(name),
        }
    };
    let (p256dh, auth) = match (key("p256dh"), key("auth")) {
        (Ok(p), Ok(a)) => (p, a),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
        (Err(ApiError::Validation(mut a)), Err(ApiError::Validation(b))) => {
            a.extend(b);
            return Err(ApiError::Validation(a));
        }
        (Err(e), Err(_)) => return Err(e),
    };
    let row = push::subscribe(app, me.id, endpoint, p256dh, auth, made_with).await?;
    Ok(reply::created(subscription_json(&row)))
}

/// `DELETE /api/push/subscriptions/{id}/` -> 204.
pub(crate) async fn unsubscribe(app: &App, me: User, id: i64) -> ApiResult<Response> {
    push::unsubscribe(app, me.id, id).await?;
    Ok(reply::no_content())
}
