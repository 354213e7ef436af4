//! The since token `/sync` hands out as `next_batch` (and the sliding sync inside its
//! `pos`), read back from the next sync and from `/keys/changes`: a log position, the
//! newest message and the typing seen, `s<log position>_<message id>_<typing stamp>`.

use crate::domain::matrix::sync::Position;

/// The since token of a position and of the typing seen:
/// `s<log position>_<message id>_<typing stamp>`.
pub(super) fn token(at: Position, typing: u64) -> String {
    format!("s{}_{}_{typing}", at.log, at.message)
}

/// The position a since token names, with its typing stamp (none in a token made
/// before typing was kept: every chat's typers are told again).
pub(super) fn position(token: &str) -> Option<(Position, Option<u64>)> {
    let mut parts = token.strip_prefix('s')?.split('_');
    let at = Position {
        log: parts.next()?.parse().ok()?,
        message: parts.next()?.parse().ok()?,
    };
    let typing = match parts.next() {
        Some(stamp) => Some(stamp.parse().ok()?),
        None => None,
    };
    (at.log >= 0 && at.message >= 0 && parts.next().is_none()).then_some((at, typing))
}
