//! Each chat's event sequence and the outbox (schema step 8), PostgreSQL with
//! several nodes only. An event that changes a chat is numbered and written here in the
//! transaction of its change, so a node that sees a number missing (NATS dropped it,
//! froze, or the node that committed it died before publishing) reads it from here and
//! delivers the chat's events in order. One SQLite node delivers in-process in commit
//! order and writes nothing here.

use super::{Conn, StoreResult};
use crate::hub::{Emit, Published};
use std::sync::Arc;

/// Rows older than this are pruned: a gap is repaired within seconds, or the sockets
/// that could have missed it are closed long before.
pub const KEEP_SECONDS: i64 = 600;

/// Numbers each event in `emitted` that belongs to its chat's order and writes it to the
/// outbox, in the job's transaction. One statement per event: the chat's row (locked
/// until COMMIT, so numbers follow commit order) gives the number, the outbox row takes
/// it. An event of a chat that no longer exists stays unnumbered.
pub fn record(c: &Conn, emitted: &[Emit]) -> StoreResult<()> {
    for emit in emitted {
        let Emit::Event(event) = emit else { continue };
        if !event.event.in_chat_order() {
            continue;
        }
        let body = serde_json::to_string(&**event)
            .map_err(|e| super::StoreError::Internal(format!("cannot encode an event: {e}")))?;
        let seq = c.opt(
            "WITH numbered AS (
                 UPDATE chats SET event_seq = event_seq + 1 WHERE id = ?1 RETURNING event_seq)
             INSERT INTO chat_events (chat_id, seq, body)
             SELECT ?1, event_seq, ?2 FROM numbered RETURNING seq",
            &[&event.chat_id, &body],
            |r| r.get::<i64>(0),
        )?;
        if let Some(seq) = seq {
            event.set_seq(seq as u64);
        }
    }
    Ok(())
}

/// Every chat's last number: where a node starts counting (chats not listed are at 0).
pub fn positions(c: &Conn) -> StoreResult<Vec<(i64, u64)>> {
    c.all(
        "SELECT id, event_seq FROM chats WHERE event_seq > 0",
        &[],
        |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)? as u64)),
    )
}

/// The last number of each chat with an event written in the last `window_ms`: what a
/// node compares with what it delivered, to find events that never reached it.
pub fn recent_heads(c: &Conn, window_ms: i64) -> StoreResult<Vec<(i64, u64)>> {
    c.all(
        "SELECT chat_id, max(seq) FROM chat_events
         WHERE created_at >= clock_timestamp() - ?1::bigint * interval '1 millisecond'
         GROUP BY chat_id",
        &[&window_ms],
        |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)? as u64)),
    )
}

/// The events of `chat_id` numbered `from..=to`, in order. Fewer than asked for means
/// some were pruned already.
pub fn range(c: &Conn, chat_id: i64, from: u64, to: u64) -> StoreResult<Vec<Arc<Published>>> {
    let rows = c.all(
        "SELECT seq, body FROM chat_events
         WHERE chat_id = ?1 AND seq >= ?2 AND seq <= ?3 ORDER BY seq",
        &[&chat_id, &(from as i64), &(to as i64)],
        |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)),
    )?;
    let mut events = Vec::with_capacity(rows.len());
    for (seq, body) in rows {
        let event: Published = serde_json::from_str(&body).map_err(|e| {
            super::StoreError::Internal(format!("outbox row {chat_id}/{seq} unreadable: {e}"))
        })?;
        event.set_seq(seq as u64);
        events.push(Arc::new(event));
    }
    Ok(events)
}

/// Removes outbox rows older than [`KEEP_SECONDS`]; how many went.
pub fn prune(c: &Conn) -> StoreResult<usize> {
    c.exec(
        "DELETE FROM chat_events
         WHERE created_at < clock_timestamp() - ?1::bigint * interval '1 second'",
        &[&KEEP_SECONDS],
    )
}
