//! Tests for the messenger surface.
