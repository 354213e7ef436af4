//! The web client as natter serves it: the embedded files (`files`), how each is
//! answered (`static_files`: validators, encodings) and the pages built on them (`pages`).

pub mod compressible;
pub mod files;
pub mod pages;
pub mod static_files;
