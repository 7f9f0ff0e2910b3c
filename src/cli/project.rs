//! `relctl project`: create (slug rules, snowflake id), list, show, delete.

use clap::Subcommand;

use super::Ctx;
use crate::backend::CreateProject;
use crate::error::{Error, Result};
use crate::model;
use crate::output::{details, or_dash, table, when};

#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// Create a project; its slug comes from the name unless --slug is given
    #[command(after_long_help = super::examples::PROJECT_CREATE)]
    Create {
        /// Display name, e.g. "Backend API" (slug backend-api)
        name: String,
        /// Use this slug instead of one made from the name
        #[arg(long)]
        slug: Option<String>,
        /// Platform, e.g. python or javascript
        #[arg(long)]
        platform: Option<String>,
    },
    /// List the organization's projects
    #[command(after_long_help = super::examples::PROJECT_LIST)]
    List,
    /// Show one project
    #[command(after_long_help = super::examples::PROJECT_SHOW)]
    Show { slug: String },
    /// Delete a project and everything that belongs to it
    #[command(after_long_help = super::examples::PROJECT_DELETE)]
    Delete {
        slug: String,
        /// Confirm the deletion
        #[arg(long)]
        yes: bool,
    },
}

fn render(project: &model::Project) -> String {
    details(&[
        ("id", project.id.to_string()),
        ("slug", project.slug.clone()),
        ("name", project.name.clone()),
        ("platform", or_dash(project.platform.as_deref())),
        ("created", project.date_created.clone()),
    ])
}

pub fn run(ctx: &Ctx, cmd: ProjectCommand) -> Result<()> {
    match cmd {
        ProjectCommand::Create {
            name,
            slug,
            platform,
        } => {
            let req = CreateProject {
                org: ctx.org(),
                name,
                slug,
                platform,
            };
            let project = ctx.backend().create_project(&req)?;
            ctx.out
                .message(&format!("Created project {}", project.slug));
            ctx.out.emit_written(&project, render)
        }
        ProjectCommand::List => {
            let projects = ctx.backend().projects(&ctx.org())?;
            ctx.out.emit(&projects, |projects| {
                let rows: Vec<Vec<String>> = projects
                    .iter()
                    .map(|p| {
                        vec![
                            p.slug.clone(),
                            p.name.clone(),
                            p.id.to_string(),
                            when(&p.date_created),
                        ]
                    })
                    .collect();
                table(&["SLUG", "NAME", "ID", "CREATED"], &rows)
            })
        }
        ProjectCommand::Show { slug } => {
            let project = ctx.backend().project(&ctx.org(), &slug)?;
            ctx.out.emit(&project, render)
        }
        ProjectCommand::Delete { slug, yes } => {
            if !yes {
                return Err(Error::usage(format!(
                    "deleting project {slug:?} removes its releases links, issues and deploy records; add --yes to confirm"
                )));
            }
            let org = ctx.org();
            let project = ctx.backend().delete_project(&org, &slug)?;
            ctx.out
                .message(&format!("Deleted project {}", project.slug));
            ctx.out.emit_written(&project, |_| String::new())
        }
    }
}
