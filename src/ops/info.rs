//! `relctl info` (sentry-cli's `info`): where commands go, and whether the target takes the
//! token, with its scopes.
//!
//! The local store needs no token: its answer is always a success. A server is asked who the
//! token is (Sentry's `GET /api/0/`, which answers `auth: null` for a token it does not take);
//! no token, a token refused (401, 403, or `auth: null`) is exit 6, after what could be said was
//! shown. A server that cannot be reached is exit 5, as for any command: whether the token works
//! is then unknown. `--config-status-json` is sentry-cli's status document, always exit 0:
//! tools read `auth.successful` from it.

use serde::Serialize;

use crate::backend::Backend;
use crate::config::Settings;
use crate::error::{Error, ErrorKind, Result};

/// What `info` shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TargetInfo {
    /// `local` (the store) or `server`.
    pub target: &'static str,
    /// The server, passwords masked.
    pub url: Option<String>,
    /// The local store, as `config show` shows it.
    pub store: Option<String>,
    pub org: String,
    pub projects: Vec<String>,
    pub auth: AuthStatus,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AuthStatus {
    /// `token` when one is set; none for the local store, or no token.
    pub method: Option<&'static str>,
    /// Whether the target takes the caller (always, for the local store).
    pub successful: bool,
    /// The user the token belongs to, when the server says.
    pub user: Option<String>,
    pub scopes: Vec<String>,
}

/// What `info` found, and the error it ends with when the token does not work.
pub struct Info {
    pub info: TargetInfo,
    pub failure: Option<Error>,
}

/// Describes the target of `settings` (`remote`: commands go to its server) and asks it about
/// the token. Only a server that cannot be reached or answers nonsense is an `Err`.
pub fn read(backend: &dyn Backend, settings: &Settings, remote: bool) -> Result<Info> {
    let has_token = settings.auth_token.is_some();
    let mut info = TargetInfo {
        target: if remote { "server" } else { "local" },
        url: remote
            .then_some(settings.url.as_ref())
            .flatten()
            .map(|url| crate::secrets::mask_passwords(&url.value)),
        store: if remote {
            None
        } else {
            settings
                .store
                .value
                .as_ref()
                .ok()
                .map(|path| crate::store::Location::parse(path).shown())
        },
        org: settings.org.value.clone(),
        projects: settings.projects.value.clone(),
        auth: AuthStatus {
            method: (remote && has_token).then_some("token"),
            successful: !remote,
            user: None,
            scopes: Vec::new(),
        },
    };
    if !remote {
        // The store is the target: one that is not relctl's, or a database that is down, is
        // the command's error (a store not made yet is fine: the first write makes it).
        backend.organizations()?;
        return Ok(Info {
            info,
            failure: None,
        });
    }
    if !has_token {
        let failure = Error::new(
            ErrorKind::Auth,
            "no auth token for the server: give --auth-token, RELCTL_AUTH_TOKEN or SENTRY_AUTH_TOKEN",
        );
        return Ok(Info {
            info,
            failure: Some(failure),
        });
    }
    let failure = match backend.auth_info() {
        Ok(Some(answer)) => {
            info.auth.user = answer.user.and_then(|user| user.email);
            match answer.auth {
                Some(auth) => {
                    info.auth.successful = true;
                    info.auth.scopes = auth.scopes;
                    None
                }
                None => Some(Error::new(
                    ErrorKind::Auth,
                    "the server did not take the auth token (it answered as to no one)",
                )),
            }
        }
        Ok(None) => None,
        Err(err) if err.kind == ErrorKind::Auth => Some(err),
        Err(err) => return Err(err),
    };
    Ok(Info { info, failure })
}

/// sentry-cli's `info --config-status-json` document: `{config: {org, project, url}, auth:
/// {type, successful}, have_dsn}` (relctl has no DSN).
pub fn config_status(info: &TargetInfo) -> serde_json::Value {
    serde_json::json!({
        "config": {
            "org": info.org,
            "project": info.projects.first(),
            "url": info.url,
        },
        "auth": {
            "type": info.auth.method,
            "successful": info.auth.successful,
        },
        "have_dsn": false,
    })
}
