//! Organizations as the API has them: the detailed organization (GET/PUT
//! `/organizations/{org}/`), with each option as a top-level key as Sentry sends them and also
//! under relctl's `options`, and the audit log (`GET .../audit-logs/`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{StrId, null_default};
use crate::domain::org_options;
use crate::model;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: StrId,
    pub slug: String,
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub date_created: String,
    /// relctl's: every option by API field name. Absent from Sentry's answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Map<String, Value>>,
    /// Sentry's: the options (and any other key) at the top level.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

impl Organization {
    pub fn from_model(details: &model::OrganizationDetails) -> Organization {
        let org = &details.organization;
        Organization {
            id: StrId(org.id),
            slug: org.slug.clone(),
            name: org.name.clone(),
            date_created: org.date_created.clone(),
            options: Some(details.options.clone()),
            fields: details.options.clone(),
        }
    }

    /// The model's organization: the options from `options`, else those of `ORG_OPTIONS`
    /// among the top-level keys.
    pub fn into_model(self) -> model::OrganizationDetails {
        let options = match self.options {
            Some(options) => options,
            None => org_options::ORG_OPTIONS
                .iter()
                .filter_map(|o| Some((o.field.to_string(), self.fields.get(o.field)?.clone())))
                .collect(),
        };
        model::OrganizationDetails {
            organization: model::Organization {
                id: self.id.0,
                slug: self.slug,
                name: self.name,
                date_created: self.date_created,
            },
            options,
        }
    }
}

/// One audit-log entry; `event` is Sentry's name (`org.edit`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: StrId,
    pub event: String,
    #[serde(default, deserialize_with = "null_default")]
    pub data: Value,
    #[serde(default, deserialize_with = "null_default")]
    pub date_created: String,
}

/// The audit log's answer: `{rows, options}` (the event names one may filter by).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuditLog {
    pub rows: Vec<AuditEntry>,
    #[serde(default)]
    pub options: Vec<String>,
}

/// Sentry's audit-log event name (`org.edit`) of an entry stored as `ORG_EDIT`.
pub fn audit_event_name(event: &str) -> String {
    if event.chars().any(|c| c.is_ascii_lowercase()) {
        return event.to_string();
    }
    let lower = event.to_ascii_lowercase();
    match lower.split_once('_') {
        Some((group, rest)) => format!("{group}.{}", rest.replace('_', "-")),
        None => lower,
    }
}

impl AuditEntry {
    pub fn from_model(entry: &model::AuditEntry) -> AuditEntry {
        AuditEntry {
            id: StrId(entry.id),
            event: audit_event_name(&entry.event),
            data: entry.data.clone(),
            date_created: entry.date_created.clone(),
        }
    }

    /// The model's entry, named as the audit log stores it (`ORG_EDIT`) whichever the server.
    pub fn into_model(self) -> model::AuditEntry {
        let data = if self.data.is_null() {
            Value::Object(Map::new())
        } else {
            self.data
        };
        model::AuditEntry {
            id: self.id.0,
            event: self.event.replace(['.', '-'], "_").to_ascii_uppercase(),
            data,
            date_created: self.date_created,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn audit_events_get_sentry_names() {
        assert_eq!(audit_event_name("ORG_EDIT"), "org.edit");
        assert_eq!(
            audit_event_name("ORG_CONSOLE_PLATFORM_EDIT"),
            "org.console-platform-edit"
        );
        assert_eq!(audit_event_name("org.edit"), "org.edit");
    }

    #[test]
    fn options_are_top_level_and_nested_and_read_back_from_either() {
        let mut options = Map::new();
        options.insert("dataScrubber".into(), json!(true));
        let details = model::OrganizationDetails {
            organization: model::Organization {
                id: 1,
                slug: "acme".into(),
                name: "Acme".into(),
                date_created: "2024-01-01T00:00:00Z".into(),
            },
            options,
        };
        let value = serde_json::to_value(Organization::from_model(&details)).unwrap();
        assert_eq!(value["id"], "1");
        assert_eq!(value["dataScrubber"], true);
        assert_eq!(value["options"]["dataScrubber"], true);
        let back: Organization = serde_json::from_value(value).unwrap();
        assert_eq!(back.into_model(), details);
        let sentry: Organization = serde_json::from_value(json!({
            "id": "1", "slug": "acme", "name": "Acme", "dateCreated": "2024-01-01T00:00:00Z",
            "dataScrubber": true, "somethingElse": 1
        }))
        .unwrap();
        assert_eq!(sentry.into_model(), details);
    }
}
