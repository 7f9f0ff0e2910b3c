//! The Sentry REST API's JSON shapes, as typed structs: what `relctl serve` answers and what the
//! remote client reads, in one place.
//!
//! One file per shape Sentry's serializers produce (release, commit, deploy, project,
//! organization with its audit log, repository, the API root). Each struct's field names are the
//! API contract (`serde` renames), and ids are [`StrId`]: written as strings, as Sentry sends
//! every id, read from a string or a number. The server builds these from `crate::model` values
//! (`from_model`); the client reads a server's answer into them, Sentry's variations included
//! (a commit's repository as an object, authors as users, keys Sentry leaves out), and turns
//! them into model values (`into_model`). Answers are never edited as JSON after the fact.

pub mod commit;
pub mod deploy;
pub mod issue;
pub mod organization;
pub mod organization_summary;
pub mod project;
pub mod release;
pub mod repository;
pub mod root;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use commit::{Author, Commit, CommitSummary};
pub use deploy::Deploy;
pub use organization::{AuditEntry, Organization};
pub use project::{Project, ReleaseProject};
pub use release::Release;
pub use repository::Repository;

/// An id as the API has it: a string on the wire (`"42"`), a number here. Read from a string
/// or a JSON number, since relctl's own JSON and older servers send numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct StrId(pub i64);

impl Serialize for StrId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for StrId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::model::int_or_string(deserializer).map(StrId)
    }
}

/// A value that may be missing or `null`: the type's default then.
fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// An empty JSON object (`data`, `currentProjectMeta`: keys Sentry always sends).
fn empty_object() -> serde_json::Map<String, serde_json::Value> {
    serde_json::Map::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_are_strings_out_and_either_in() {
        assert_eq!(serde_json::to_value(StrId(42)).unwrap(), json!("42"));
        let from_text: StrId = serde_json::from_value(json!("42")).unwrap();
        let from_number: StrId = serde_json::from_value(json!(42)).unwrap();
        assert_eq!((from_text, from_number), (StrId(42), StrId(42)));
        assert!(serde_json::from_value::<StrId>(json!("4x")).is_err());
    }
}
