//! A person's own data, the zip their account page downloads (`personal`), read in short
//! read jobs and written through `archive`, a zip on disk written a batch at a time.
//! `natter export` (`crate::moving::export`) writes its zip through the same `archive`.

pub mod archive;
pub mod personal;
