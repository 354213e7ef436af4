//! Chats of every kind: direct (one per pair), group and room; members and roles.
