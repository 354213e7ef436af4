//! A zip written to a file one batch at a time, each batch on a blocking thread of its
//! own, so that an export reads its rows in short database jobs and never holds the
//! archive in memory: a JSON array goes into its entry item by item, an uploaded file is
//! copied from disk in 64 KiB pieces. Both exports write through it.
//!
//! Before, each export was one read job that built the whole zip in a `Vec`: four
//! personal exports of one person with 40 MiB of uploads held the four reader threads
//! for seconds (everyone's reads waited 5-13 s) and grew memory by hundreds of MiB.

use crate::domain::error::{Error, Result};
use crate::hub::Hub;
use serde_json::Value;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Arc;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// How much of an uploaded file is copied between two looks at whether the server stops.
const PIECE: usize = 64 * 1024;

/// A zip being written, and where it is in a JSON array entry.
pub struct Archive {
    zip: ZipWriter<BufWriter<File>>,
    /// Inside an array entry: whether an item was written (the next needs a comma).
    array: Option<bool>,
    /// Asked between pieces: a server that stops does not wait for an export.
    hub: Arc<Hub>,
}

fn zip_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the export could not be written: {e}"))
}

/// What an export answers once the server has begun to stop (503, `Retry-After`).
pub fn stopped() -> Error {
    Error::Busy
}

impl Archive {
    /// A zip written into `file` (from its start); `hub` says when the server stops.
    pub fn new(file: File, hub: Arc<Hub>) -> Box<Archive> {
        Box::new(Archive {
            zip: ZipWriter::new(BufWriter::with_capacity(PIECE, file)),
            array: None,
            hub,
        })
    }

    /// Runs `job` with the archive on a blocking thread (the zip's writes and the
    /// file reads block) and gives the archive back with what `job` made.
    pub async fn run<T, F>(mut self: Box<Self>, job: F) -> Result<(Box<Archive>, T)>
    where
        T: Send + 'static,
        F: FnOnce(&mut Archive) -> Result<T> + Send + 'static,
    {
        if self.hub.shutting_down() {
            return Err(stopped());
        }
        tokio::task::spawn_blocking(move || {
            let made = job(&mut self)?;
            Ok((self, made))
        })
        .await
        .map_err(|e| Error::Internal(format!("export task: {e}")))?
    }

    /// Entry `name` holding `value` as JSON.
    pub fn json(&mut self, name: &str, value: &Value) -> Result<()> {
        self.start(name, CompressionMethod::Deflated)?;
        serde_json::to_writer_pretty(&mut self.zip, value).map_err(zip_error)
    }

    /// Starts entry `name` as a JSON array; [`Archive::item`] adds to it.
    pub fn open_array(&mut self, name: &str) -> Result<()> {
        self.start(name, CompressionMethod::Deflated)?;
        self.zip.write_all(b"[").map_err(zip_error)?;
        self.array = Some(false);
        Ok(())
    }

    /// One item of the array entry being written.
    pub fn item(&mut self, value: &Value) -> Result<()> {
        let separator: &[u8] = match self.array {
            Some(true) => b",\n",
            Some(false) => b"\n",
            None => return Err(zip_error("an item outside an array")),
        };
        self.zip.write_all(separator).map_err(zip_error)?;
        serde_json::to_writer(&mut self.zip, value).map_err(zip_error)?;
        self.array = Some(true);
        Ok(())
    }

    /// Whether an array entry is being written.
    pub fn in_array(&self) -> bool {
        self.array.is_some()
    }

    /// Ends the array entry being written, if one is.
    pub fn close_array(&mut self) -> Result<()> {
        if self.array.take().is_some() {
            self.zip.write_all(b"\n]\n").map_err(zip_error)?;
        }
        Ok(())
    }

    /// Entry `name` holding what `from` reads, stored as it is (uploads are mostly
    /// pictures and documents that are compressed already); `Ok(false)` when reading
    /// failed, which leaves the entry out.
    pub fn copy(&mut self, name: &str, from: &mut impl Read) -> Result<bool> {
        self.start(name, CompressionMethod::Stored)?;
        let mut piece = vec![0u8; PIECE];
        loop {
            if self.hub.shutting_down() {
                return Err(stopped());
            }
            let n = match from.read(&mut piece) {
                Ok(0) => return Ok(true),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    tracing::warn!("an export left out {name}: {e}");
                    self.zip.abort_file().map_err(zip_error)?;
                    return Ok(false);
                }
            };
            self.zip.write_all(&piece[..n]).map_err(zip_error)?;
        }
    }

    /// Ends the zip (on a blocking thread); its file, flushed, and its length.
    pub async fn finish(self: Box<Self>) -> Result<(File, u64)> {
        tokio::task::spawn_blocking(move || {
            let mut zip = *self;
            zip.close_array()?;
            let out = zip.zip.finish().map_err(zip_error)?;
            let mut file = out.into_inner().map_err(|e| zip_error(e.error()))?;
            let len = file.seek(SeekFrom::End(0)).map_err(zip_error)?;
            file.seek(SeekFrom::Start(0)).map_err(zip_error)?;
            Ok((file, len))
        })
        .await
        .map_err(|e| Error::Internal(format!("export task: {e}")))?
    }

    fn start(&mut self, name: &str, method: CompressionMethod) -> Result<()> {
        self.close_array()?;
        let options = SimpleFileOptions::default().compression_method(method);
        self.zip.start_file(name, options).map_err(zip_error)
    }
}
