//! The `gxnews` binary: parse the command line, run, and turn any error into one line.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = gxnews::cli::args::Cli::parse();
    match gxnews::cli::run(cli).await {
        Ok(code) => code,
        // A reader that closed the pipe (`| head`) wanted no more: end quietly, as Unix tools do.
        Err(e) if gxnews::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
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
