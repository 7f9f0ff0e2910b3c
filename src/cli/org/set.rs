//! `relctl org set`: set an organization option by its API field name, or its name or slug.

use clap::Args;

use crate::backend::{OptionInput, UpdateOrganization};
use crate::cli::Ctx;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Option field name, as in Sentry's API: dataScrubber, scrapeJavaScript, sensitiveFields,
    /// ...; or name, or slug (renames the organization)
    pub key: String,
    /// The value: true/false, a number, text, or a list as "a,b" or '["a","b"]'
    pub value: String,
}

pub fn run(ctx: &Ctx, args: SetArgs) -> Result<()> {
    let SetArgs { key, value } = args;
    let mut req = UpdateOrganization {
        org: ctx.org(),
        ..UpdateOrganization::default()
    };
    match key.as_str() {
        "name" => req.name = Some(value),
        "slug" => req.slug = Some(value),
        _ => req.options = vec![(key.clone(), OptionInput::Text(value))],
    }
    let updated = ctx.backend().update_organization(&req)?;
    let change = updated
        .changes
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(&key))
        .map(|(_, change)| change.clone());
    let organization = &updated.organization.organization;
    let (field, value) = match key.as_str() {
        "name" => (key.clone(), Some(serde_json::json!(organization.name))),
        "slug" => (key.clone(), Some(serde_json::json!(organization.slug))),
        _ => {
            let field = updated
                .organization
                .options
                .keys()
                .find(|field| field.eq_ignore_ascii_case(&key))
                .cloned()
                .unwrap_or(key);
            let value = updated.organization.options.get(&field).cloned();
            (field, value)
        }
    };
    match &change {
        Some(text) => ctx.out.message(&format!("{field}: {text}")),
        None => ctx.out.message(&format!("{field} unchanged")),
    }
    let json = serde_json::json!({
        "value": value,
        "field": field,
        "changed": change,
    });
    ctx.out.emit_written(&json, |_| String::new())
}
