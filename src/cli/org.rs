//! `relctl org`: organizations, their options and the audit log.

use clap::Subcommand;

use super::Ctx;
use crate::error::Result;
use crate::flow;
use crate::model;
use crate::output::{details, table};
use crate::store;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Create an organization in the local store
    Create {
        /// Slug: lower-case letters, digits, '-' and '_'
        slug: String,
        /// Display name (default: the slug)
        #[arg(long)]
        name: Option<String>,
    },
    /// List organizations
    List,
    /// Show the organization (--org) and every option's value
    Show,
    /// Set an organization option by its API field name (e.g. scrapeJavaScript false)
    Set {
        /// Option field name, as in Sentry's API: dataScrubber, scrapeJavaScript, sensitiveFields, ...
        key: String,
        /// The value: true/false, a number, text, or a list as "a,b" or '["a","b"]'
        value: String,
    },
    /// The audit log, newest first
    Audit {
        /// At most this many entries
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

pub fn run(ctx: &Ctx, cmd: OrgCommand) -> Result<()> {
    match cmd {
        OrgCommand::Create { slug, name } => {
            let env = ctx.flow_env();
            let org = ctx.with_store(|s| {
                s.write(|tx| flow::orgs::create(tx, &env, &slug, name.as_deref()))
            })?;
            ctx.out
                .message(&format!("Created organization {}", org.slug));
            ctx.out.emit(&flow::orgs::view(&org), |o| {
                details(&[("slug", o.slug.clone()), ("name", o.name.clone())])
            })
        }
        OrgCommand::List => {
            let orgs = ctx.with_store_for_reading(|s| s.read(|tx| store::orgs::list(tx)))?;
            let views: Vec<model::Organization> = orgs.iter().map(flow::orgs::view).collect();
            ctx.out.emit(&views, |orgs| {
                let rows: Vec<Vec<String>> = orgs
                    .iter()
                    .map(|o| vec![o.slug.clone(), o.name.clone(), o.date_created.clone()])
                    .collect();
                table(&["SLUG", "NAME", "CREATED"], &rows)
            })
        }
        OrgCommand::Show => {
            let org = ctx.read(|tx, org| flow::orgs::details(tx, org))?;
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
            let change =
                ctx.write(|tx, env, org| flow::orgs::set_option(tx, env, org, &key, &value))?;
            match &change.change {
                Some(text) => ctx.out.message(&format!("{}: {text}", change.field)),
                None => ctx.out.message(&format!("{} unchanged", change.field)),
            }
            let json = serde_json::json!({
                "field": change.field,
                "value": change.value,
                "changed": change.change,
            });
            ctx.out.emit(&json, |_| String::new())
        }
        OrgCommand::Audit { limit } => {
            let entries = ctx.read(|tx, org| flow::orgs::audit(tx, org, i64::from(limit)))?;
            ctx.out.emit(&entries, |entries| {
                let rows: Vec<Vec<String>> = entries
                    .iter()
                    .map(|e| vec![e.date_created.clone(), e.event.clone(), e.data.to_string()])
                    .collect();
                table(&["DATE", "EVENT", "DATA"], &rows)
            })
        }
    }
}
