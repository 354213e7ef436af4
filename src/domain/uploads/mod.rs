//! Uploaded files: their bytes on disk and their rows (`files`), the room they may
//! take (`storage`: each person's quota and the disk's free space), and images'
//! thumbnails (`thumbnails`, with the sweep that makes those of older images), and
//! the files Matrix apps upload encrypted, opened with the key their message carries
//! (`sealed`).

pub mod files;
pub mod sealed;
pub mod storage;
pub mod thumbnails;
