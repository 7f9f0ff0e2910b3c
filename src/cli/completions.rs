//! Completion scripts and man pages, generated from the clap definitions.
//!
//! The checked-in copies under `completions/` and `man/` are produced by [`generated_files`];
//! a test fails when they drift from the code (`RELCTL_BLESS=1 cargo test` rewrites them).

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<()> {
    let script = completion_script(args.shell)?;
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(&script) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

fn completion_script(shell: Shell) -> Result<Vec<u8>> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "relctl", &mut script);
    Ok(script)
}

/// Every generated file: (path relative to the repository root, contents).
pub fn generated_files() -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for (shell, ext) in [
        (Shell::Bash, "bash"),
        (Shell::Zsh, "zsh"),
        (Shell::Fish, "fish"),
        (Shell::PowerShell, "ps1"),
        (Shell::Elvish, "elv"),
    ] {
        files.push((
            PathBuf::from(format!("completions/relctl.{ext}")),
            completion_script(shell)?,
        ));
    }
    let mut cmd = Cli::command();
    cmd.build();
    add_man_pages(&cmd, "relctl", &mut files)?;
    Ok(files)
}

fn add_man_pages(
    cmd: &clap::Command,
    name: &str,
    files: &mut Vec<(PathBuf, Vec<u8>)>,
) -> Result<()> {
    // The pages say the version alone (`-V`'s), not the commit `--version` names: they are
    // kept in the repository and must not change with every commit.
    let page_cmd = cmd
        .clone()
        .name(name.to_string())
        .long_version(None::<&'static str>);
    let mut page = Vec::new();
    clap_mangen::Man::new(page_cmd)
        .render(&mut page)
        .map_err(|err| Error::other(format!("cannot render the man page of {name}: {err}")))?;
    files.push((PathBuf::from(format!("man/{name}.1")), page));
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        add_man_pages(sub, &format!("{name}-{}", sub.get_name()), files)?;
    }
    Ok(())
}
