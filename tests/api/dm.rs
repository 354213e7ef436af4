//! Tests for the dm surface.
