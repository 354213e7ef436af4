//! Why a socket upgrade was refused, said in one line of the log. Before, a
//! refused socket showed only as a 401 or 403 in the access line, and nginx sending
//! `X-Forwarded-Host $host` (no port) left every web client "reconnecting" with no word
//! anywhere. Each reason is written at most once every `QUIET` (a client retrying in a
//! loop cannot flood the log; an origin that differs from the server's own only by port or
//! scheme, a proxy's mistake, counts apart from other origins, so that another site's
//! attempts cannot hide it); the next line says how many were not written. A line names
//! the Origin and the server's own origin (both parsed, so only `scheme://host:port`
//! characters), never a cookie, token or header value.

use crate::http::origin::Origin;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Shortest time between two lines for one reason.
const QUIET: Duration = Duration::from_secs(5);

/// The log target of these lines: operators filter on it (docs/running.md quotes it),
/// so it stays as it was when this module lived in `api/`.
const TARGET: &str = "natter::api::socket_refusals";

/// Why a socket upgrade was refused.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// A session-cookie upgrade without an `Origin` header.
    NoOrigin,
    /// An `Origin` that is `null` or not `scheme://host[:port]`.
    UnreadableOrigin,
    /// No usable `Host` (or trusted `X-Forwarded-Host`): the server's own origin is unknown.
    NoHost,
    /// An `Origin` that is neither the server's own nor listed.
    Origin { origin: Origin, own: Origin },
    /// No `?token=`, no `Authorization` header, no session cookie.
    NoCredential,
    /// A `?token=` or `Authorization` that is not a live key or access JWT.
    BadToken,
    /// A session cookie that names no live session.
    NoSession,
}

impl Refusal {
    /// Which rate-limit slot the reason uses.
    fn slot(&self) -> usize {
        match self {
            Refusal::NoOrigin => 0,
            Refusal::UnreadableOrigin => 1,
            Refusal::NoHost => 2,
            // A proxy's missing port or scheme has a line of its own, so that another
            // site's attempts cannot hide it.
            Refusal::Origin { origin, own } if origin.host() == own.host() => {
                if origin.scheme() == own.scheme() {
                    7
                } else {
                    8
                }
            }
            Refusal::Origin { .. } => 3,
            Refusal::NoCredential => 4,
            Refusal::BadToken => 5,
            Refusal::NoSession => 6,
        }
    }

    /// The sentence, without the count of lines left unwritten.
    pub(crate) fn sentence(&self) -> String {
        match self {
            Refusal::NoOrigin => "socket refused: it rides the session cookie but sent no \
                Origin header, so it may come from another site"
                .into(),
            Refusal::UnreadableOrigin => "socket refused: it rides the session cookie and its \
                Origin header is \"null\" or not scheme://host[:port]"
                .into(),
            Refusal::NoHost => "socket refused: it rides the session cookie but its Host (or \
                trusted X-Forwarded-Host) header is missing or not a host, so this server's \
                own origin is unknown"
                .into(),
            Refusal::Origin { origin, own } => {
                let mut line = format!(
                    "socket refused: its Origin {origin} is not this server's own ({own}, \
                     from the Host header or a trusted proxy's X-Forwarded-Host and \
                     X-Forwarded-Proto) nor in --allowed-origins"
                );
                if origin.host() == own.host() && origin.scheme() == own.scheme() {
                    line.push_str(
                        "; only the ports differ: a proxy on a port of its own must pass \
                         it in X-Forwarded-Host (nginx: $http_host, not $host)",
                    );
                } else if origin.host() == own.host() {
                    line.push_str(
                        "; only the schemes differ: the proxy must send X-Forwarded-Proto \
                         and be in --trusted-proxies",
                    );
                }
                line
            }
            Refusal::NoCredential => "socket refused: it carries no credential (no ?token=, \
                no Authorization header, no session cookie)"
                .into(),
            Refusal::BadToken => "socket refused: its token (?token= or Authorization) is \
                not a live key or access JWT"
                .into(),
            Refusal::NoSession => "socket refused: its session cookie names no live \
                session (signed out or expired)"
                .into(),
        }
    }

    /// Writes the sentence unless this reason was written less than `QUIET` ago.
    pub(crate) fn log(&self) {
        let Some(unwritten) = take_turn(self.slot(), Instant::now()) else {
            return;
        };
        let sentence = self.sentence();
        let more = match unwritten {
            0 => String::new(),
            n => format!(" ({n} more refused for this reason since the last such line)"),
        };
        match self {
            // A wrong origin is a misconfigured proxy or a cross-site attempt: both want
            // the operator's eye. A missing or stale credential is an ordinary client.
            Refusal::NoOrigin
            | Refusal::UnreadableOrigin
            | Refusal::NoHost
            | Refusal::Origin { .. } => tracing::warn!(target: TARGET, "{sentence}{more}"),
            _ => tracing::info!(target: TARGET, "{sentence}{more}"),
        }
    }
}

/// Per reason: when its last line was written, and how many were refused since.
static SLOTS: [Mutex<(Option<Instant>, u64)>; 9] = [const { Mutex::new((None, 0)) }; 9];

/// `Some(refusals left unwritten since the last line)` if a line may be written now.
fn take_turn(slot: usize, now: Instant) -> Option<u64> {
    let mut guard = SLOTS.get(slot)?.lock().unwrap_or_else(|e| e.into_inner());
    let (last, unwritten) = &mut *guard;
    if last.is_some_and(|at| now.duration_since(at) < QUIET) {
        *unwritten += 1;
        return None;
    }
    *last = Some(now);
    Some(std::mem::take(unwritten))
}

#[cfg(test)]
mod tests {
    use super::{take_turn, Refusal, QUIET};
    use crate::http::origin::Origin;
    use std::time::Instant;

    #[test]
    fn one_line_per_reason_per_quiet_spell_and_the_next_counts_the_rest() {
        // Slot 6 is used by no other unit test.
        let start = Instant::now();
        assert_eq!(take_turn(6, start), Some(0));
        assert_eq!(take_turn(6, start), None);
        assert_eq!(take_turn(6, start), None);
        assert_eq!(take_turn(6, start + QUIET), Some(2));
    }

    #[test]
    fn a_port_dropped_by_the_proxy_is_named() {
        let origin = Origin::parse("http://127.0.0.1:8081").expect("origin");
        let own = Origin::parse("http://127.0.0.1").expect("origin");
        let line = Refusal::Origin { origin, own }.sentence();
        assert!(
            line.starts_with(
                "socket refused: its Origin http://127.0.0.1:8081 is not this server's own \
                 (http://127.0.0.1,"
            ),
            "{line}"
        );
        assert!(line.contains("$http_host"), "{line}");
    }
}
