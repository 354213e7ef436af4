//! Tests for the inbox surface.
