//! A deploy as Sentry's deploy serializer answers it (`POST`/`GET .../releases/{v}/deploys/`,
//! a release's `lastDeploy`).

use serde::{Deserialize, Serialize};

use super::StrId;
use crate::model;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Deploy {
    pub id: StrId,
    pub environment: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub date_started: Option<String>,
    pub date_finished: String,
}

impl Deploy {
    pub fn from_model(deploy: &model::Deploy) -> Deploy {
        Deploy {
            id: StrId(deploy.id),
            environment: deploy.environment.clone(),
            name: deploy.name.clone(),
            url: deploy.url.clone(),
            date_started: deploy.date_started.clone(),
            date_finished: deploy.date_finished.clone(),
        }
    }

    pub fn into_model(self) -> model::Deploy {
        model::Deploy {
            id: self.id.0,
            environment: self.environment,
            name: self.name,
            url: self.url,
            date_started: self.date_started,
            date_finished: self.date_finished,
        }
    }
}
