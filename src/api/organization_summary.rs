//! Sentry's organization summary (`OrganizationSerializer`): one item of
//! `GET /api/0/organizations/`, what `sentry-cli organizations list` reads (it needs `id`,
//! `slug`, `name`, `dateCreated`, `isEarlyAdopter`, `require2FA`, `requireEmailVerification`
//! and `features`).

use serde::Serialize;

use super::issue::StringId;
use crate::model;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationSummary {
    pub id: StringId,
    pub slug: String,
    pub status: Status,
    pub name: String,
    pub date_created: String,
    pub is_early_adopter: bool,
    #[serde(rename = "require2FA")]
    pub require_2fa: bool,
    pub require_email_verification: bool,
    pub avatar: Avatar,
    pub features: Vec<String>,
    pub has_auth_provider: bool,
}

/// `{id, name}` of the organization's status; relctl's are all active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub id: &'static str,
    pub name: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Avatar {
    pub avatar_type: &'static str,
    pub avatar_uuid: Option<String>,
}

impl OrganizationSummary {
    pub fn new(org: &model::Organization) -> OrganizationSummary {
        OrganizationSummary {
            id: StringId(org.id),
            slug: org.slug.clone(),
            status: Status {
                id: "active",
                name: "active",
            },
            name: org.name.clone(),
            date_created: org.date_created.clone(),
            is_early_adopter: false,
            require_2fa: false,
            require_email_verification: false,
            avatar: Avatar {
                avatar_type: "letter_avatar",
                avatar_uuid: None,
            },
            features: Vec::new(),
            has_auth_provider: false,
        }
    }
}
