//! The `posts` and `friendships` tables (the messenger surface's profiles).
