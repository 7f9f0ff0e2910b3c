//! `relctl org create`: create an organization in the local store.

use clap::Args;

use crate::backend::CreateOrganization;
use crate::cli::Ctx;
use crate::error::Result;
use crate::output::details;

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Slug: 3 to 50 lower-case letters, digits and '-', not starting or ending with '-', not
    /// only digits, not one Sentry reserves (api, settings, ...)
    pub slug: String,
    /// Display name (default: the slug)
    #[arg(long)]
    pub name: Option<String>,
}

pub fn run(ctx: &Ctx, args: CreateArgs) -> Result<()> {
    let org = ctx.backend().create_organization(&CreateOrganization {
        slug: args.slug,
        name: args.name,
    })?;
    ctx.out
        .message(&format!("Created organization {}", org.slug));
    ctx.out.emit_written(&org, |o| {
        details(&[("slug", o.slug.clone()), ("name", o.name.clone())])
    })
}
