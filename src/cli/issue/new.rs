//! `relctl issue new`: create an issue with the project's next short id, in the inbox.

use clap::Args;

use super::render;
use crate::backend::CreateIssue;
use crate::cli::Ctx;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The project (env RELCTL_PROJECT, SENTRY_PROJECT)
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
    /// What went wrong
    pub title: String,
}

pub fn run(ctx: &Ctx, args: NewArgs) -> Result<()> {
    let names = ctx.projects(&args.project);
    let project = match names.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(Error::usage(
                "an issue needs a project: pass -p/--project, or set RELCTL_PROJECT",
            ));
        }
        _ => {
            return Err(Error::usage(format!(
                "an issue belongs to one project; {} were given ({})",
                names.len(),
                names.join(", ")
            )));
        }
    };
    let req = CreateIssue {
        org: ctx.org(),
        project,
        title: args.title,
    };
    let issue = ctx.backend().create_issue(&req)?;
    ctx.out
        .message(&format!("Created issue {}", issue.short_id));
    ctx.out.emit_written(&issue, render)
}
