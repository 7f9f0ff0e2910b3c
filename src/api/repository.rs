//! A repository as Sentry's repository serializer answers it (`GET .../repos/`).

use serde::{Deserialize, Serialize};

use super::StrId;
use crate::model;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Repository {
    pub id: StrId,
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    #[serde(default)]
    pub date_created: Option<String>,
}

/// Who reads the repository: `{id: "git", name: "Git"}` for `relctl serve`'s local clones.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Provider {
    #[serde(default)]
    pub id: String,
    pub name: String,
}

impl Repository {
    pub fn from_model(repository: &model::Repository) -> Repository {
        Repository {
            id: StrId(repository.id),
            name: repository.name.clone(),
            url: repository.url.clone(),
            status: repository.status.clone(),
            provider: repository.provider.as_ref().map(|p| Provider {
                id: p.id.clone().unwrap_or_default(),
                name: p.name.clone(),
            }),
            date_created: repository.date_created.clone(),
        }
    }

    pub fn into_model(self) -> model::Repository {
        model::Repository {
            id: self.id.0,
            name: self.name,
            url: self.url,
            status: self.status,
            date_created: self.date_created,
            provider: self.provider.map(|p| model::RepositoryProvider {
                id: (!p.id.is_empty()).then_some(p.id),
                name: p.name,
            }),
        }
    }
}
