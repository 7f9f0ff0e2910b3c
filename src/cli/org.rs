//! `relctl org`: organizations, their options and the audit log.

use clap::Subcommand;

use super::Ctx;
use crate::backend::{AuditQuery, CreateOrganization, OptionInput, UpdateOrganization};
use crate::error::Result;
use crate::model;
use crate::output::{details, table, when};

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Create an organization in the local store
    #[command(after_long_help = super::examples::ORG_CREATE)]
    Create {
        /// Slug: lower-case letters, digits, '-' and '_'
        slug: String,
        /// Display name (default: the slug)
        #[arg(long)]
        name: Option<String>,
    },
    /// List organizations
    #[command(after_long_help = super::examples::ORG_LIST)]
    List,
    /// Show the organization (--org) and every option's value
    #[command(after_long_help = super::examples::ORG_SHOW)]
    Show,
    /// Set an organization option by its API field name (e.g. scrapeJavaScript false)
    #[command(after_long_help = super::examples::ORG_SET)]
    Set {
        /// Option field name, as in Sentry's API: dataScrubber, scrapeJavaScript, sensitiveFields, ...
        key: String,
        /// The value: true/false, a number, text, or a list as "a,b" or '["a","b"]'
        value: String,
    },
    /// The audit log, newest first
    #[command(after_long_help = super::examples::ORG_AUDIT)]
    Audit {
        /// At most this many entries
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
}

pub fn run(ctx: &Ctx, cmd: OrgCommand) -> Result<()> {
    match cmd {
        OrgCommand::Create { slug, name } => {
            let org = ctx
                .backend()
                .create_organization(&CreateOrganization { slug, name })?;
            ctx.out
                .message(&format!("Created organization {}", org.slug));
            ctx.out.emit_written(&org, |o| {
                details(&[("slug", o.slug.clone()), ("name", o.name.clone())])
            })
        }
        OrgCommand::List => {
            let orgs: Vec<model::Organization> = ctx.backend().organizations()?;
            ctx.out.emit(&orgs, |orgs| {
                let rows: Vec<Vec<String>> = orgs
                    .iter()
                    .map(|o| vec![o.slug.clone(), o.name.clone(), when(&o.date_created)])
                    .collect();
                table(&["SLUG", "NAME", "CREATED"], &rows)
            })
        }
        OrgCommand::Show => {
            let org = ctx.backend().organization(&ctx.org())?;
            ctx.out.emit(&org, |o| {
                let mut pairs = vec![
                    ("slug", o.organization.slug.clone()),
                    ("name", o.organization.name.clone()),
                    ("created", o.organization.date_created.clone()),
                ];
                let options: Vec<Vec<String>> = o
                    .options
                    .iter()
                    .map(|(k, v)| vec![k.clone(), v.to_string()])
                    .collect();
                pairs.push(("options", String::new()));
                let mut text = details(&pairs);
                text.push_str(&table(&["OPTION", "VALUE"], &options));
                text
            })
        }
        OrgCommand::Set { key, value } => {
            let req = UpdateOrganization {
                org: ctx.org(),
                options: vec![(key.clone(), OptionInput::Text(value))],
            };
            let updated = ctx.backend().update_organization(&req)?;
            let change = updated
                .changes
                .iter()
                .find(|(field, _)| field.eq_ignore_ascii_case(&key))
                .map(|(_, change)| change.clone());
            let field = updated
                .organization
                .options
                .keys()
                .find(|field| field.eq_ignore_ascii_case(&key))
                .cloned()
                .unwrap_or(key);
            match &change {
                Some(text) => ctx.out.message(&format!("{field}: {text}")),
                None => ctx.out.message(&format!("{field} unchanged")),
            }
            let json = serde_json::json!({
                "value": updated.organization.options.get(&field),
                "field": field,
                "changed": change,
            });
            ctx.out.emit_written(&json, |_| String::new())
        }
        OrgCommand::Audit { limit } => {
            let entries = ctx.backend().audit_log(&AuditQuery {
                org: ctx.org(),
                limit,
                event: None,
            })?;
            ctx.out.emit(&entries, |entries| {
                let rows: Vec<Vec<String>> = entries
                    .iter()
                    .map(|e| vec![when(&e.date_created), e.event.clone(), e.data.to_string()])
                    .collect();
                table(&["DATE", "EVENT", "DATA"], &rows)
            })
        }
    }
}
