//! The API root, `GET /api/0/`: who is asking (`auth` holds a token's scopes; `null` when
//! anonymous) and `user` (relctl has no users: always `null`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Root {
    pub version: String,
    pub auth: Option<Auth>,
    pub user: Option<serde_json::Value>,
}

/// The token a request came with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Auth {
    pub scopes: Vec<String>,
}
