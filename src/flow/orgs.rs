//! Organizations and their options (server-flow.md section 6): type-checked values, Sentry's
//! change strings, and an `ORG_EDIT` audit entry only when something changed.

use crate::store::sql::Db;
use serde_json::{Map, Value};

use crate::domain::org_options::{self, OptionValue, OrgOption};
use crate::domain::shown;
use crate::error::{Error, Result};
use crate::model;
use crate::store;
use crate::store::orgs::OrgRow;

use super::FlowEnv;

const ORG_SLUG_MAX_LENGTH: usize = 50;

/// Checks an organization slug: lower-case letters, digits, `-` and `_`, not only digits.
pub fn validate_org_slug(slug: &str) -> Result<()> {
    let ok_chars = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if slug.is_empty() || !ok_chars {
        return Err(Error::usage(format!(
            "invalid organization slug {}: use lower-case letters, digits, '-' and '_'",
            shown(slug)
        )));
    }
    if slug.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::usage(format!(
            "invalid organization slug {}: it may not be only digits",
            shown(slug)
        )));
    }
    if slug.chars().count() > ORG_SLUG_MAX_LENGTH {
        return Err(Error::usage(format!(
            "invalid organization slug {}: longer than {ORG_SLUG_MAX_LENGTH} characters",
            shown(slug)
        )));
    }
    Ok(())
}

pub fn view(row: &OrgRow) -> model::Organization {
    model::Organization {
        id: row.id,
        slug: row.slug.clone(),
        name: row.name.clone(),
        date_created: row.date_added.clone(),
    }
}

pub fn create(conn: &Db<'_>, env: &FlowEnv, slug: &str, name: Option<&str>) -> Result<OrgRow> {
    validate_org_slug(slug)?;
    if store::orgs::find_by_slug(conn, slug)?.is_some() {
        return Err(Error::usage(format!(
            "organization {slug:?} already exists"
        )));
    }
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(slug);
    let now = env.now_text();
    let id = store::orgs::insert(conn, slug, name, &now)?;
    Ok(OrgRow {
        id,
        slug: slug.to_string(),
        name: name.to_string(),
        date_added: now,
    })
}

/// The organization with every option: stored value, else default.
pub fn details(conn: &Db<'_>, org: &OrgRow) -> Result<model::OrganizationDetails> {
    let stored: std::collections::HashMap<String, String> =
        store::orgs::options(conn, org.id)?.into_iter().collect();
    let mut options = Map::new();
    for option in org_options::ORG_OPTIONS {
        let value = match stored.get(option.key) {
            Some(json) => serde_json::from_str(json)?,
            None => serde_json::to_value((option.default)())?,
        };
        options.insert(option.field.to_string(), value);
    }
    Ok(model::OrganizationDetails {
        organization: view(org),
        options,
    })
}

/// What `org set` did.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionChange {
    pub field: String,
    pub value: OptionValue,
    /// Sentry's change string ("to X" / "from A to B"), None when nothing changed.
    pub change: Option<String>,
}

/// `OrganizationSerializer.save` for one option: validate, store, and audit when it changed.
pub fn set_option(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    field: &str,
    raw: &str,
) -> Result<OptionChange> {
    let mut changes = set_options(conn, env, org, &[(field.to_string(), raw.to_string())])?;
    changes
        .pop()
        .ok_or_else(|| Error::other("setting an option changed nothing"))
}

/// `OrganizationSerializer.save` (6.3) for several options, given as text: every value is
/// validated before anything is stored, and the changes go into one ORG_EDIT audit entry,
/// written only when something changed.
pub fn set_options(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    inputs: &[(String, String)],
) -> Result<Vec<OptionChange>> {
    let parsed = inputs
        .iter()
        .map(|(field, raw)| {
            let option = find(field)?;
            let value = option
                .parse(raw)
                .map_err(|err| Error::usage(format!("invalid value for {field}: {err}")))?;
            Ok((option, value))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut data = Map::new();
    let mut changes = Vec::with_capacity(parsed.len());
    for (option, value) in parsed {
        let previous = match store::orgs::option_value(conn, org.id, option.key)? {
            Some(json) => Some(serde_json::from_str::<OptionValue>(&json)?),
            None => None,
        };
        let change =
            org_options::change_description(&(option.default)(), previous.as_ref(), &value);
        store::orgs::save_option(conn, org.id, option.key, &serde_json::to_string(&value)?)?;
        if let Some(change) = &change {
            data.insert(option.field.to_string(), Value::String(change.clone()));
        }
        changes.push(OptionChange {
            field: option.field.to_string(),
            value,
            change,
        });
    }
    if !data.is_empty() {
        store::orgs::insert_audit(
            conn,
            org.id,
            "ORG_EDIT",
            &Value::Object(data).to_string(),
            &env.now_text(),
        )?;
    }
    Ok(changes)
}

fn find(field: &str) -> Result<&'static OrgOption> {
    org_options::find_option(field).ok_or_else(|| {
        let known: Vec<&str> = org_options::ORG_OPTIONS.iter().map(|o| o.field).collect();
        Error::usage(format!(
            "unknown organization option {}; known options: {}",
            shown(field),
            known.join(", ")
        ))
    })
}

/// The audit log, newest first. `event` filters by the stored name (`ORG_EDIT`) or the API's
/// (`org.edit`).
pub fn audit(
    conn: &Db<'_>,
    org: &OrgRow,
    event: Option<&str>,
    limit: i64,
) -> Result<Vec<model::AuditEntry>> {
    let event = event.map(|e| e.replace('.', "_").to_ascii_uppercase());
    store::orgs::audit(conn, org.id, event.as_deref(), limit)?
        .into_iter()
        .map(|row| {
            Ok(model::AuditEntry {
                id: row.id,
                event: row.event,
                data: serde_json::from_str(&row.data)?,
                date_created: row.date_added,
            })
        })
        .collect()
}
