//! The `natter-bench` binary: parse the scenario, run it, print one line per figure
//! and a final JSON line.

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = natter_bench::Cli::parse();
    let holder = matches!(cli.scenario, natter_bench::Scenario::Hold(_));
    match natter_bench::run(cli).await {
        // A holder speaks only to its parent, on stdout.
        Ok(_) if holder => {}
        Ok(report) => report.print(),
        Err(e) => {
            eprintln!("natter-bench: {e}");
            std::process::exit(1);
        }
    }
}
