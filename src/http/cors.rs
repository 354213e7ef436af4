//! CORS as django-cors-headers does it (`--cors-origins`): which other origins' pages
//! may call the API from a browser. A preflight from an allowed origin is answered here,
//! before any route or credential is looked at; every other answer to an allowed origin
//! names it (`api::handle` calls [`Cors::apply`] on every HTTP answer, errors included).
//! `*` lets any page make token calls but never with the cookie: the answer then says
//! `*` and never `Allow-Credentials`, so browsers send no credentials. An origin that is
//! not allowed gets no `Access-Control-*` header at all, and its preflight is answered
//! as a plain `OPTIONS`.

use super::origin::Origin;
use warp::http::{header, HeaderMap, HeaderValue, Method};
use warp::reply::{Reply, Response};

/// django-cors-headers' `CORS_ALLOW_METHODS`.
const ALLOW_METHODS: &str = "DELETE, GET, OPTIONS, PATCH, POST, PUT";
/// django-cors-headers' `CORS_ALLOW_HEADERS` (its longer, pre-4.0 list).
const ALLOW_HEADERS: &str = "accept, accept-encoding, authorization, content-type, dnt, \
    origin, user-agent, x-csrftoken, x-requested-with";
/// How long a browser may keep a preflight's answer (`CORS_PREFLIGHT_MAX_AGE`), seconds.
const MAX_AGE: &str = "86400";

/// The `--cors-origins` setting.
#[derive(Debug, Default)]
pub struct Cors(Mode);

#[derive(Debug, Default)]
enum Mode {
    /// No list: same origin only, no CORS header ever.
    #[default]
    Off,
    /// `*`: any origin, never with credentials.
    Any,
    /// These origins, with credentials.
    Listed(Vec<Origin>),
}

impl Cors {
    /// From `--cors-origins`: `*` alone, or origins like `https://app.example.org`; a
    /// bad entry (or `*` mixed with a list) is an error naming it.
    pub fn new(list: &[String]) -> Result<Cors, String> {
        let entries: Vec<&str> = list
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        if entries.is_empty() {
            return Ok(Cors(Mode::Off));
        }
        if entries.contains(&"*") {
            if entries.len() > 1 {
                return Err(
                    "--cors-origins: `*` already allows every origin; give it alone".into(),
                );
            }
            return Ok(Cors(Mode::Any));
        }
        entries
            .iter()
            .map(|entry| {
                Origin::parse(entry).ok_or_else(|| {
                    format!(
                        "--cors-origins: {entry:?} is not an origin like https://app.example.org (or `*`)"
                    )
                })
            })
            .collect::<Result<_, _>>()
            .map(|list| Cors(Mode::Listed(list)))
    }

    /// The origins listed by name (never `*`'s "anyone"): their pages may also open
    /// sockets with the session cookie.
    pub(crate) fn listed(&self) -> &[Origin] {
        match &self.0 {
            Mode::Listed(list) => list,
            Mode::Off | Mode::Any => &[],
        }
    }

    /// The answer to a preflight (`OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`) from an allowed origin, on any path: 200 with no
    /// body, as django-cors-headers answers it. `None` for any other request.
    pub fn preflight(&self, method: &Method, headers: &HeaderMap) -> Option<Response> {
        if method != Method::OPTIONS || !headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
        {
            return None;
        }
        let origin = headers.get(header::ORIGIN);
        self.allow_origin(origin)?;
        let mut response = Vec::<u8>::new().into_response();
        let h = response.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOW_HEADERS),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(MAX_AGE),
        );
        self.apply(origin, &mut response);
        Some(response)
    }

    /// Adds to the answer of a request from `origin` (its `Origin` header) what that
    /// origin is granted, and `Vary: Origin` whenever the answer depends on it.
    pub fn apply(&self, origin: Option<&HeaderValue>, response: &mut Response) {
        let headers = response.headers_mut();
        let listed = matches!(self.0, Mode::Listed(_));
        if !matches!(self.0, Mode::Off) {
            // Caches must not hand one origin's answer to another (set even when this
            // request has no Origin, and for `*` too, as django-cors-headers'
            // `patch_vary_headers` does on every answer once CORS is on).
            headers.append(header::VARY, HeaderValue::from_static("Origin"));
        }
        let Some(allow) = self.allow_origin(origin) else {
            return;
        };
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allow);
        if listed {
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                HeaderValue::from_static("true"),
            );
        }
    }

    /// The `Access-Control-Allow-Origin` value for a request from `origin`; `None`
    /// when it is not allowed (or the request names no origin).
    fn allow_origin(&self, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
        let origin = origin?;
        match &self.0 {
            Mode::Off => None,
            Mode::Any => Some(HeaderValue::from_static("*")),
            Mode::Listed(list) => {
                let parsed = Origin::parse(origin.to_str().ok()?)?;
                list.contains(&parsed).then(|| origin.clone())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cors, Mode};
    use warp::http::{header, HeaderMap, HeaderValue, Method};
    use warp::reply::{Reply, Response};

    fn answer(cors: &Cors, origin: &str) -> Response {
        let mut response = Vec::<u8>::new().into_response();
        cors.apply(
            Some(&HeaderValue::from_str(origin).expect("ascii")),
            &mut response,
        );
        response
    }

    #[test]
    fn bad_entries_are_named_and_star_stands_alone() {
        let bad = Cors::new(&["app.example.org".into()]).expect_err("no scheme");
        assert!(bad.contains("app.example.org"), "{bad}");
        assert!(Cors::new(&["*".into(), "https://a.example".into()]).is_err());
        assert!(matches!(Cors::new(&[]), Ok(Cors(Mode::Off))));
        assert!(matches!(Cors::new(&[" * ".into()]), Ok(Cors(Mode::Any))));
    }

    #[test]
    fn a_listed_origin_is_echoed_with_credentials_and_others_get_nothing() {
        let cors = Cors::new(&["https://app.example.org".into()]).expect("valid");
        let granted = answer(&cors, "https://APP.example.org:443");
        let h = granted.headers();
        assert_eq!(
            h[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "https://APP.example.org:443"
        );
        assert_eq!(h[header::ACCESS_CONTROL_ALLOW_CREDENTIALS], "true");
        assert_eq!(h[header::VARY], "Origin");
        let refused = answer(&cors, "https://evil.example");
        assert!(!refused
            .headers()
            .keys()
            .any(|k| k.as_str().starts_with("access-control-")));
    }

    #[test]
    fn star_never_grants_credentials_and_off_grants_nothing() {
        let any = Cors::new(&["*".into()]).expect("valid");
        let h = answer(&any, "https://anyone.example");
        assert_eq!(h.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        // django-cors-headers varies on Origin whenever CORS is on, `*` included.
        assert_eq!(h.headers()[header::VARY], "Origin");
        assert!(!h
            .headers()
            .contains_key(header::ACCESS_CONTROL_ALLOW_CREDENTIALS));
        assert!(any.listed().is_empty());
        let off = answer(&Cors::default(), "https://anyone.example");
        assert!(!off
            .headers()
            .keys()
            .any(|k| k.as_str().starts_with("access-control-") || k == header::VARY));
    }

    #[test]
    fn only_an_allowed_preflight_is_answered_here() {
        let cors = Cors::new(&["http://localhost:3000".into()]).expect("valid");
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://localhost:3000"),
        );
        assert!(cors.preflight(&Method::OPTIONS, &headers).is_none());
        headers.insert(
            header::ACCESS_CONTROL_REQUEST_METHOD,
            HeaderValue::from_static("POST"),
        );
        let answered = cors
            .preflight(&Method::OPTIONS, &headers)
            .expect("preflight");
        assert_eq!(answered.headers()[header::ACCESS_CONTROL_MAX_AGE], "86400");
        assert!(cors.preflight(&Method::POST, &headers).is_none());
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://localhost:3001"),
        );
        assert!(cors.preflight(&Method::OPTIONS, &headers).is_none());
    }
}
