//! The `natter` binary: parse flags, start logging, hand over to the library.

/// mimalloc instead of glibc malloc: faster for the many small allocations of JSON
/// rendering, and it returns freed memory instead of keeping per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    if let Err(e) = natter::start(natter::cli_errors::parse_or_exit()).await {
        // A failure may quote an argument or a path: never replay control characters.
        eprintln!(
            "natter: {}",
            natter::kit::printable::escaped(&e.to_string())
        );
        std::process::exit(1);
    }
}
