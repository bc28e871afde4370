//! The `gxnews` binary: parse the command line, run, and turn any error into one line.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = gxnews::cli::args::Cli::parse();
    match gxnews::cli::run(cli).await {
        Ok(code) => code,
        Err(e) => {
            // One sentence, causes joined: no backtrace for a user's bad input or dead network.
            eprintln!(
                "gxnews: {}",
                gxnews::sanitize::clean_text(&format!("{e:#}"))
            );
            ExitCode::FAILURE
        }
    }
}
