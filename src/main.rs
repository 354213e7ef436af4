//! The `natter` binary: parse flags, start logging, hand over to the library.

use clap::Parser;
use natter::config::{Cli, Command};

/// mimalloc instead of glibc malloc: faster for the many small allocations of JSON
/// rendering, and it returns freed memory instead of keeping per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    natter::init_logging(&cli.config.log);
    let result = match cli.command.clone().unwrap_or(Command::Serve) {
        Command::Serve => natter::run(cli.config).await,
        other => natter::run_command(cli.config, other).await,
    };
    if let Err(e) = result {
        eprintln!("natter: {e}");
        std::process::exit(1);
    }
}
