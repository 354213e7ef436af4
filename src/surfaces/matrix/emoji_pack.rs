//! natter's custom emoji as a Matrix image pack (the `im.ponies.user_emotes` account
//! data that FluffyChat, Cinny and nheko read): each emoji's `:name:` shortcode with its
//! picture as `mxc://<server>/ce_<id>`, which anyone signed in may download. A reaction
//! an app sends with such a picture as its key is natter's `:name:` reaction; natter's
//! reactions go out with `:name:` as their key, which every app can show as text.

use crate::domain::matrix::ids::server_name;
use crate::domain::messaging::custom_emoji;
use crate::http::error::ApiResult;
use crate::state::App;
use crate::store::custom_emoji::CustomEmoji;
use serde_json::{json, Map, Value};

/// The media id prefix of a custom emoji's picture.
pub const PICTURE: &str = "ce_";

/// The content URI of emoji `e`'s picture.
fn uri(server: &str, e: &CustomEmoji) -> String {
    format!("mxc://{server}/{PICTURE}{}", e.id)
}

/// The pack as the account data event a first sync carries; `None` when the server has
/// no custom emoji.
pub async fn account_data(app: &App) -> ApiResult<Option<Value>> {
    let all = custom_emoji::list(app).await?;
    if all.is_empty() {
        return Ok(None);
    }
    let server = server_name(app);
    let images: Map<String, Value> = all
        .iter()
        .map(|e| {
            let image = json!({
                "url": uri(server, e),
                "body": format!(":{}:", e.name),
                "info": {"mimetype": e.content_type, "w": e.width, "h": e.height},
            });
            (e.name.clone(), image)
        })
        .collect();
    Ok(Some(json!({
        "type": "im.ponies.user_emotes",
        "content": {
            "pack": {"display_name": "natter", "usage": ["emoticon"]},
            "images": images,
        },
    })))
}

/// The `:name:` of the custom emoji whose picture `key` is, for a reaction an app sent
/// with it; `None` for any other key.
pub async fn shortcode_of(app: &App, key: &str) -> ApiResult<Option<String>> {
    let Some(id) = key
        .strip_prefix("mxc://")
        .and_then(|rest| rest.strip_prefix(server_name(app)))
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|media| media.strip_prefix(PICTURE))
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return Ok(None);
    };
    let all = custom_emoji::list(app).await?;
    Ok(all
        .iter()
        .find(|e| e.id == id)
        .map(|e| format!(":{}:", e.name)))
}

/// The picture of custom emoji `id` (its media id after the prefix): type and bytes.
pub async fn picture(app: &App, id: &str) -> ApiResult<Option<(String, Vec<u8>)>> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(custom_emoji::image(app, id).await.ok())
}
