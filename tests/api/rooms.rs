//! Tests for the rooms surface.
