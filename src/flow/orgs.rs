//! Organizations and their options (server-flow.md section 6): type-checked values, Sentry's
//! change strings, and an `ORG_EDIT` audit entry only when something changed.

use crate::store::sql::Db;
use serde_json::{Map, Value};

use crate::domain::org_options::{self, OptionValue, OrgOption};
use crate::domain::org_rules;
use crate::domain::shown;
use crate::error::{Error, Result};
use crate::model;
use crate::store;
use crate::store::orgs::OrgRow;

use super::FlowEnv;

pub fn view(row: &OrgRow) -> model::Organization {
    model::Organization {
        id: row.id,
        slug: row.slug.clone(),
        name: row.name.clone(),
        date_created: row.date_added.clone(),
    }
}

/// A new organization: its slug passes the rules of a rename (Sentry's organization slug field
/// and `validate_slug`, `org_rules.rs`), refused as a `slug` field error; the name defaults to
/// the slug.
pub fn create(conn: &Db<'_>, env: &FlowEnv, slug: &str, name: Option<&str>) -> Result<OrgRow> {
    let checked = org_rules::check_slug(slug, |slug| {
        Ok::<_, Error>(store::orgs::find_by_slug(conn, slug)?.is_some())
    })?;
    let slug =
        checked.map_err(|messages| Error::invalid_fields(field_messages("slug", messages)))?;
    let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => org_rules::check_name(name)
            .map_err(|messages| Error::invalid_fields(field_messages("name", messages)))?,
        None => slug.clone(),
    };
    let now = env.now_text();
    let id = store::orgs::insert(conn, &slug, &name, &now)?;
    Ok(OrgRow {
        id,
        slug,
        name,
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
    let edit = OrgEdit {
        options: inputs,
        name: None,
        slug: None,
    };
    Ok(update(conn, env, org, &edit)?.1)
}

/// An organization change as it arrived: options by API field name as text, and a new name
/// and slug (Sentry's organization PUT).
#[derive(Debug, Clone, Copy, Default)]
pub struct OrgEdit<'a> {
    pub options: &'a [(String, String)],
    pub name: Option<&'a str>,
    pub slug: Option<&'a str>,
}

/// `OrganizationSerializer` (validation, then `save`, 6.3): every field is checked first, and
/// any refusal refuses the whole change with every refused field in the error
/// ([`Error::invalid_fields`]) and nothing written. Then the options are stored, the name and
/// slug changed, and the changes (Sentry's "to X" / "from A to B", the name's and slug's under
/// `name` and `slug`) go into one ORG_EDIT audit entry, written only when something changed.
/// Returns the organization as it now is (reachable by its new slug) and the changes.
pub fn update(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    edit: &OrgEdit<'_>,
) -> Result<(OrgRow, Vec<OptionChange>)> {
    let checked = check_edit(conn, org, edit)?;
    let mut data = Map::new();
    let mut changes = save_options(conn, org, checked.options, &mut data)?;

    // Tracked organization fields (6.3 step 6): "from OLD to NEW" when they changed.
    let mut renamed = org.clone();
    if let Some(name) = checked.name {
        renamed.name = name;
    }
    if let Some(slug) = checked.slug {
        renamed.slug = slug;
    }
    let tracked = [
        ("name", edit.name.is_some(), &org.name, &renamed.name),
        ("slug", edit.slug.is_some(), &org.slug, &renamed.slug),
    ];
    for (field, asked, old, new) in tracked {
        if !asked {
            continue;
        }
        let change = (old != new).then(|| format!("from {old} to {new}"));
        if let Some(change) = &change {
            data.insert(field.to_string(), Value::String(change.clone()));
        }
        changes.push(OptionChange {
            field: field.to_string(),
            value: OptionValue::Str(new.clone()),
            change,
        });
    }
    if renamed != *org {
        store::orgs::rename(conn, org.id, &renamed.slug, &renamed.name)?;
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
    Ok((renamed, changes))
}

/// A field's refusals as [`Error::invalid_fields`] takes them.
fn field_messages(field: &str, messages: Vec<String>) -> Vec<(String, String)> {
    messages
        .into_iter()
        .map(|message| (field.to_string(), message))
        .collect()
}

/// An organization change that passed every check: typed option values, the new name and slug.
struct CheckedEdit {
    options: Vec<(&'static OrgOption, OptionValue)>,
    name: Option<String>,
    slug: Option<String>,
}

/// Checks every field of `edit` (the serializer's validation): all refusals together, as one
/// [`Error::invalid_fields`], or the typed change.
fn check_edit(conn: &Db<'_>, org: &OrgRow, edit: &OrgEdit<'_>) -> Result<CheckedEdit> {
    let mut refused: Vec<(String, String)> = Vec::new();
    let mut options = Vec::with_capacity(edit.options.len());
    for (field, raw) in edit.options {
        let option = find(field)?;
        let checked = option
            .parse(raw)
            .and_then(|value| org_rules::check_option(option.field, &value).map(|()| value));
        match checked {
            Ok(value) => options.push((option, value)),
            Err(message) => refused.push((field.clone(), message)),
        }
    }
    let name = match edit.name.map(org_rules::check_name) {
        Some(Ok(name)) => Some(name),
        Some(Err(messages)) => {
            refused.extend(field_messages("name", messages));
            None
        }
        None => None,
    };
    let slug = match edit.slug {
        Some(raw) => {
            let checked = org_rules::check_slug(raw, |slug| {
                Ok::<_, Error>(
                    store::orgs::find_by_slug(conn, slug)?.is_some_and(|o| o.id != org.id),
                )
            })?;
            match checked {
                Ok(slug) => Some(slug),
                Err(messages) => {
                    refused.extend(field_messages("slug", messages));
                    None
                }
            }
        }
        None => None,
    };
    if !refused.is_empty() {
        return Err(Error::invalid_fields(refused));
    }
    Ok(CheckedEdit {
        options,
        name,
        slug,
    })
}

/// Stores each checked option (6.3 step 2), putting its change description into `data`.
fn save_options(
    conn: &Db<'_>,
    org: &OrgRow,
    options: Vec<(&'static OrgOption, OptionValue)>,
    data: &mut Map<String, Value>,
) -> Result<Vec<OptionChange>> {
    let mut changes = Vec::with_capacity(options.len().saturating_add(2));
    for (option, value) in options {
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
