//! Uploaded files: their bytes on disk and their rows (`files`), the room they may
//! take (`storage`: each person's quota and the disk's free space), and images'
//! thumbnails (`thumbnails`, with the sweep that makes those of older images).

pub mod files;
pub mod storage;
pub mod thumbnails;
