//! The media type a `Content-Type` names, as `type/subtype` in lower case, parameters
//! left out. Uploads, request bodies, hooks' payloads and bots' answers all read theirs
//! here, with the `mime` crate's parser.

/// HTML forms' media type.
pub const FORM: &str = "application/x-www-form-urlencoded";

/// The `type/subtype` of `raw`, or `None` when it is not one (empty, no slash, a
/// character a media type cannot hold).
pub fn essence(raw: &str) -> Option<String> {
    let head = raw.split(';').next().unwrap_or("").trim();
    let parsed: mime::Mime = head.parse().ok()?;
    let essence = parsed.essence_str().to_ascii_lowercase();
    // A type and a subtype of at most 127 characters each (RFC 6838 4.2).
    (essence.len() <= 255).then_some(essence)
}

/// Whether `raw` is JSON: `application/json`, or a type with the `+json` suffix.
pub fn is_json(raw: &str) -> bool {
    essence(raw).is_some_and(|e| e == "application/json" || e.ends_with("+json"))
}

/// Whether `raw` is an HTML form's body.
pub fn is_form(raw: &str) -> bool {
    essence(raw).is_some_and(|e| e == FORM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_essence_leaves_parameters_and_case_out() {
        assert_eq!(
            essence("Image/PNG; charset=x").as_deref(),
            Some("image/png")
        );
        assert_eq!(
            essence("application/json;").as_deref(),
            Some("application/json")
        );
        assert_eq!(essence(""), None);
        assert_eq!(essence("png"), None);
        assert_eq!(essence("a/b c"), None);
        assert_eq!(essence("text/\u{0}"), None);
        assert!(is_json("application/vnd.api+json; charset=utf-8"));
        assert!(!is_json("application/jsonx"));
        assert!(is_form("Application/X-WWW-Form-Urlencoded; charset=utf-8"));
    }
}
