//! Uploaded files: their bytes on disk and their rows (`files`), and the room they may
//! take (`storage`: each person's quota and the disk's free space).

pub mod files;
pub mod storage;
