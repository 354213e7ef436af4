//! The `natter` binary: parse flags, start logging, hand over to the library.

use clap::Parser;
use natter::config::Cli;

/// mimalloc instead of glibc malloc: faster for the many small allocations of JSON
/// rendering, and it returns freed memory instead of keeping per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    if let Err(e) = natter::start(Cli::parse()).await {
        eprintln!("natter: {e}");
        std::process::exit(1);
    }
}
