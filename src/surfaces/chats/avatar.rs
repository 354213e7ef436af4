//! The chats surface's (seed 001) `avatar_url`: the user's profile image, or a generated
//! SVG data URL with their initial on a colour derived from their id, as upstream's
//! default. Presentation, so it lives beside the surface's renderer, not on
//! `model::UserBrief`.
//!
//! There is no cache: a history page renders each sender once (`RenderedSenders` in
//! `chats_render`) and copies the JSON into every message, so the URL is made once per
//! sender per page, as the `OnceLock` on `UserBrief` used to make it once per loaded user.

use crate::model::UserBrief;
use std::borrow::Cow;

/// Background colours, percent-encoded for the data URL.
const COLOURS: [&str; 8] = [
    "%23e57373",
    "%2364b5f6",
    "%2381c784",
    "%23ffb74d",
    "%23ba68c8",
    "%234db6ac",
    "%23f06292",
    "%239575cd",
];

/// The user's avatar URL: the profile image if set (borrowed), else the generated SVG.
pub fn avatar_url(u: &UserBrief) -> Cow<'_, str> {
    if !u.image.is_empty() {
        return Cow::Borrowed(&u.image);
    }
    let colour = COLOURS[(u.id.unsigned_abs() % COLOURS.len() as u64) as usize];
    let initial: String = u
        .display_name
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_else(|| "?".into());
    Cow::Owned(format!(
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><rect width='64' height='64' fill='{colour}'/><text x='50%' y='55%' font-size='32' text-anchor='middle' dominant-baseline='middle' fill='white' font-family='sans-serif'>{}</text></svg>",
        percent_encoding::utf8_percent_encode(&initial, percent_encoding::NON_ALPHANUMERIC)
    ))
}
