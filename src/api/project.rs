//! Projects as the API has them: the project serializer's answer (project list, details, PUT,
//! the team POST) and the short form inside a release's `projects`.

use serde::{Deserialize, Serialize};

use super::{StrId, null_default};
use crate::model;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub id: StrId,
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub platform: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub date_created: String,
}

impl Project {
    pub fn from_model(project: &model::Project) -> Project {
        Project {
            id: StrId(project.id),
            slug: project.slug.clone(),
            name: project.name.clone(),
            platform: project.platform.clone(),
            date_created: project.date_created.clone(),
        }
    }

    pub fn into_model(self) -> model::Project {
        model::Project {
            id: self.id.0,
            slug: self.slug,
            name: self.name,
            platform: self.platform,
            date_created: self.date_created,
        }
    }
}

/// A project in a release's `projects`: `{id, slug, name, newGroups}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseProject {
    pub id: StrId,
    pub slug: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub new_groups: i64,
}

impl ReleaseProject {
    pub fn from_model(project: &model::ProjectRef) -> ReleaseProject {
        ReleaseProject {
            id: StrId(project.id),
            slug: project.slug.clone(),
            name: project.name.clone(),
            new_groups: 0,
        }
    }

    pub fn into_model(self) -> model::ProjectRef {
        model::ProjectRef {
            id: self.id.0,
            slug: self.slug,
            name: self.name,
        }
    }
}
