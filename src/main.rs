//! `partnership-portfolio`: the command-line tool that exposes the core
//! headlessly (for scripts, tests, benchmarks and people who like terminals).
//! Every error ends the program with a non-zero exit code and one line on
//! standard error.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
