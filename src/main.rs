//! The `relctl` binary: parse, run, and map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
// zlib-rs provides the zlib symbols libgit2 links against (see Cargo.toml).
use libz_rs_sys as _;
use relctl::cli::{self, Cli};
use relctl::output::Output;

fn main() -> ExitCode {
    // SAFETY: first thing in the process, before any thread starts or libgit2 is used.
    unsafe { relctl::git::limit_pack_memory() };
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and --version are successes; every other parse error is a usage error (2),
            // reported on one line like every other error.
            if !err.use_stderr() {
                // A closed pipe (`--help | head -1`) is fine; a full disk is not a success.
                return match err
                    .print()
                    .and_then(|()| std::io::Write::flush(&mut std::io::stdout()))
                {
                    Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
                        relctl::output::write_stderr(&format!("error: {io}"));
                        ExitCode::from(1)
                    }
                    _ => ExitCode::SUCCESS,
                };
            }
            if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                // `relctl release` alone: the help of what was asked about is the useful answer.
                let _ = err.print();
            } else {
                let rendered = err.render().to_string();
                relctl::output::write_stderr(&one_line_usage_error(&rendered));
                if let Some(tip) = clap_tip(&rendered) {
                    relctl::output::write_stderr(&format!("hint: {tip}"));
                }
            }
            return ExitCode::from(2);
        }
    };
    let format = cli.global.format.unwrap_or(relctl::config::Format::Table);
    let quiet = cli.global.quiet;
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            Output::new(format, quiet).error(&err.to_string(), err.hint.as_deref());
            ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(1))
        }
    }
}

/// clap's suggestion for a misspelled command or flag ("a similar subcommand exists: 'list'"),
/// for the `hint:` line.
fn clap_tip(rendered: &str) -> Option<String> {
    rendered
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("tip: "))
        .filter(|tip| tip.contains("similar"))
        .map(|tip| relctl::output::for_terminal(tip, false).into_owned())
}

/// clap's multi-line usage error as one line: the error itself, the accepted values if clap
/// listed them, and where to look for more.
fn one_line_usage_error(rendered: &str) -> String {
    // The first paragraph is the error (missing arguments are listed on indented lines after
    // it); then clap may list the accepted values.
    let mut text = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        text = "error: invalid arguments".to_string();
    }
    let values = rendered
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("[possible values"));
    if let Some(values) = values.filter(|v| !text.contains(v)) {
        text.push(' ');
        text.push_str(values);
    }
    text.push_str(" (see --help)");
    text
}
