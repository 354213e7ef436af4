//! The wall clock in the unit the outbox tables keep (push deliveries, bot deliveries,
//! their due times): unix milliseconds.

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
