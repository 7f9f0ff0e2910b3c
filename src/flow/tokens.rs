//! API bearer tokens for `relctl serve`: creation, listing, revocation, authentication and scope
//! checks.
//!
//! `serve` speaks Sentry's REST API, so its clients (sentry-cli, relctl's remote mode, scripts)
//! send `Authorization: Bearer <token>` and each endpoint needs a Sentry scope
//! (server-flow.md section 9). This module is where a token's secret is made and checked:
//!
//! - the secret is 32 random bytes from a cryptographic generator, hex, prefixed `relctl_`, and is
//!   returned once, by [`create`]; the store keeps only its hex SHA-256;
//! - [`authenticate`] hashes what a client presents, looks the hash up, and compares the hashes
//!   in constant time, so neither the store nor the comparison's timing reveals a secret;
//! - no error message or log line ever contains a secret;
//! - [`has_scope`] applies Sentry's scope hierarchy, so a handler names the one scope it needs.

use crate::store::sql::Db;
use sha2::{Digest, Sha256};

use crate::domain::shown;
use crate::error::{Error, Result};
use crate::model;
use crate::store;
use crate::store::orgs::OrgRow;
use crate::store::tokens::{Binding, NewTokenRow, TokenRow};

use super::FlowEnv;

/// Every scope name Sentry accepts for an API token (`SENTRY_SCOPES` in Sentry's
/// `src/sentry/conf/server.py`, which its token serializer validates against).
pub const SCOPES: &[&str] = &[
    "org:read",
    "org:write",
    "org:admin",
    "org:integrations",
    "org:ci",
    "member:read",
    "member:write",
    "member:admin",
    "member:invite",
    "team:read",
    "team:write",
    "team:admin",
    "project:read",
    "project:write",
    "project:admin",
    "project:releases",
    "project:distribution",
    "event:read",
    "event:write",
    "event:admin",
    "alerts:read",
    "alerts:write",
    "openid",
    "profile",
    "email",
];

/// The scopes of a token created without any: enough to create releases and read the
/// organization, what a CI job needs.
pub const DEFAULT_SCOPES: &[&str] = &["project:releases", "org:read"];

/// Every secret starts with this, so a leaked one is recognisable (e.g. by secret scanners).
pub const SECRET_PREFIX: &str = "relctl_";

/// How many random bytes a secret carries.
const SECRET_BYTES: usize = 32;

/// The scopes a granted scope also satisfies, besides itself: Sentry's
/// `SENTRY_SCOPE_HIERARCHY_MAPPING`, plus the release permission of Sentry's release endpoints
/// (`project:write`, `project:admin` and `org:ci` may do what `project:releases` may).
const IMPLIED: &[(&str, &[&str])] = &[
    ("org:write", &["org:read"]),
    ("org:admin", &["org:read", "org:write", "org:integrations"]),
    ("org:ci", &["project:releases"]),
    ("member:invite", &["member:read"]),
    ("member:write", &["member:read", "member:invite"]),
    (
        "member:admin",
        &["member:read", "member:invite", "member:write"],
    ),
    ("team:write", &["team:read"]),
    ("team:admin", &["team:read", "team:write"]),
    ("project:write", &["project:read", "project:releases"]),
    (
        "project:admin",
        &["project:read", "project:write", "project:releases"],
    ),
    ("event:write", &["event:read"]),
    ("event:admin", &["event:read", "event:write"]),
    ("alerts:write", &["alerts:read"]),
];

/// Creates a token with `scopes` (checked; none given means [`DEFAULT_SCOPES`]) that acts in
/// `organization` only, or in all of them (`None`), and returns it with its secret. Only the
/// secret's hash is stored: this is the one time the secret is known.
pub fn create(
    conn: &Db<'_>,
    env: &FlowEnv,
    name: Option<&str>,
    scopes: &[String],
    organization: Option<&OrgRow>,
) -> Result<model::NewToken> {
    let scopes = validate_scopes(scopes)?;
    let secret = new_secret();
    let date_created = env.now_text();
    let id = store::tokens::insert(
        conn,
        &NewTokenRow {
            name,
            token_hash: &hash_secret(&secret),
            scopes: &scopes,
            date_created: &date_created,
            organization_id: organization.map(|org| org.id),
        },
    )?;
    Ok(model::NewToken {
        id,
        token: secret,
        scopes,
        date_created,
        organization: organization.map(|org| org.slug.clone()),
    })
}

/// Every token, oldest first, without secrets.
pub fn list(conn: &Db<'_>) -> Result<Vec<model::Token>> {
    Ok(store::tokens::list(conn)?.into_iter().map(view).collect())
}

/// Deletes a token; requests bearing it are refused from then on.
pub fn revoke(conn: &Db<'_>, id: i64) -> Result<()> {
    if store::tokens::delete(conn, id)? {
        Ok(())
    } else {
        Err(Error::not_found(format!(
            "API token {id} not found; see `relctl token list`"
        )))
    }
}

/// The token whose secret is `secret`, with its last use recorded as `now`; `None` when no token
/// has that secret. Needs a write transaction (it updates `last_used`).
pub fn authenticate(conn: &Db<'_>, secret: &str, now: &str) -> Result<Option<model::Token>> {
    let Some(mut token) = verify(conn, secret)? else {
        return Ok(None);
    };
    store::tokens::touch_last_used(conn, token.id, now)?;
    token.last_used = Some(now.to_string());
    Ok(Some(token))
}

/// The token whose secret this is, without recording the use (a read: `serve` records uses
/// at most once a minute, so authentication does not take the write lock on every request).
pub fn verify(conn: &Db<'_>, secret: &str) -> Result<Option<model::Token>> {
    let presented = hash_secret(secret);
    let Some(row) = store::tokens::find_by_hash(conn, &presented)? else {
        return Ok(None);
    };
    // The lookup already matched on the hash; comparing again in constant time means a
    // database that compared by prefix, or a future change to the lookup, cannot turn into a
    // timing oracle.
    if !constant_time_eq(row.token_hash.as_bytes(), presented.as_bytes()) {
        return Ok(None);
    }
    Ok(Some(view(row)))
}

/// Whether `token` may act in the organization `slug`: one bound to another organization may
/// not (the API answers as if the organization did not exist).
pub fn may_act_in(token: &model::Token, slug: &str) -> bool {
    token.organization.as_deref().is_none_or(|own| own == slug)
}

/// Whether `token` may do what needs scope `needed`: it holds `needed` or a scope implying it
/// (`X:admin` implies `X:write` and `X:read`, `X:write` implies `X:read`, `project:write`,
/// `project:admin` and `org:ci` imply `project:releases`, as in Sentry).
pub fn has_scope(token: &model::Token, needed: &str) -> bool {
    token
        .scopes
        .iter()
        .any(|granted| scope_implies(granted, needed))
}

fn scope_implies(granted: &str, needed: &str) -> bool {
    granted == needed
        || IMPLIED
            .iter()
            .any(|(scope, implied)| *scope == granted && implied.contains(&needed))
}

/// Checks every scope against [`SCOPES`]; drops repeats, keeping the first of each; none given
/// means [`DEFAULT_SCOPES`].
fn validate_scopes(scopes: &[String]) -> Result<Vec<String>> {
    if scopes.is_empty() {
        return Ok(DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect());
    }
    let mut valid: Vec<String> = Vec::with_capacity(scopes.len());
    for scope in scopes {
        if !SCOPES.contains(&scope.as_str()) {
            return Err(Error::usage(format!(
                "unknown scope {}; valid scopes: {}",
                shown(scope),
                SCOPES.join(", ")
            )));
        }
        if !valid.contains(scope) {
            valid.push(scope.clone());
        }
    }
    Ok(valid)
}

fn view(row: TokenRow) -> model::Token {
    let (organization, all_organizations) = match row.binding {
        Binding::Organization(_, slug) => (Some(slug), false),
        Binding::All => (None, true),
        Binding::Unbound => (None, false),
    };
    model::Token {
        id: row.id,
        name: row.name,
        scopes: row.scopes,
        date_created: row.date_created,
        last_used: row.last_used,
        organization,
        all_organizations,
    }
}

/// How long a login to the release pages lasts.
pub const SESSION_HOURS: i64 = 12;

/// Starts a release-page session for `token` and returns its secret (for the cookie): random,
/// like a token's, and only its hash is stored. Expired sessions are removed meanwhile.
pub fn start_session(conn: &Db<'_>, env: &FlowEnv, token: &model::Token) -> Result<String> {
    let secret = random_hex();
    let now = env.now;
    let expires = now + chrono::Duration::hours(SESSION_HOURS);
    let now_text = crate::time::format_ts(now);
    store::tokens::delete_sessions(conn, None, &now_text)?;
    store::tokens::insert_session(
        conn,
        &hash_secret(&secret),
        token.id,
        &now_text,
        &crate::time::format_ts(expires),
    )?;
    Ok(secret)
}

/// The token of the live session whose secret this is (`None`: no such session, expired, or its
/// token was revoked, which ends its sessions).
pub fn session_token(conn: &Db<'_>, env: &FlowEnv, secret: &str) -> Result<Option<model::Token>> {
    let now = crate::time::format_ts(env.now);
    let found = store::tokens::find_by_session(conn, &hash_secret(secret), &now)?;
    Ok(found.map(view))
}

/// Ends the session whose secret this is (and every expired one).
pub fn end_session(conn: &Db<'_>, env: &FlowEnv, secret: &str) -> Result<()> {
    let now = crate::time::format_ts(env.now);
    store::tokens::delete_sessions(conn, Some(&hash_secret(secret)), &now)
}

/// A new secret: [`SECRET_PREFIX`] and [`random_hex`].
fn new_secret() -> String {
    format!("{SECRET_PREFIX}{}", random_hex())
}

/// [`SECRET_BYTES`] bytes of the thread-local generator (a cryptographically secure one seeded
/// from the operating system), as hex.
fn random_hex() -> String {
    use rand::Rng;
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the store keeps of a secret: the lower-case hex SHA-256 of its UTF-8 bytes.
fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// Byte equality whose running time depends only on the lengths, not on where the inputs
/// differ: every byte pair is looked at, with no early exit. (The lengths are not secret: hashes
/// are always 64 hex digits.)
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let difference = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(difference) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::store::Store;
    use chrono::{TimeZone, Utc};

    /// A real store file in a temporary directory (kept alive by the returned guard).
    fn new_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("relctl.db")).unwrap();
        (dir, store)
    }

    fn env_at(seconds: i64) -> FlowEnv {
        let mut env = FlowEnv::new(0);
        env.now = Utc.timestamp_opt(seconds, 0).unwrap();
        env
    }

    fn strings(scopes: &[&str]) -> Vec<String> {
        scopes.iter().map(|s| s.to_string()).collect()
    }

    fn token_with(scopes: &[&str]) -> model::Token {
        model::Token {
            id: 1,
            name: None,
            scopes: strings(scopes),
            date_created: "2026-01-01T00:00:00.000000Z".to_string(),
            last_used: None,
            organization: None,
            all_organizations: false,
        }
    }

    const NOW: &str = "2026-03-04T05:06:07.000000Z";

    #[test]
    fn a_created_token_authenticates_with_its_secret() {
        let (_dir, mut store) = new_store();
        let env = env_at(1_700_000_000);
        let created = store
            .write(|tx| create(tx, &env, Some("ci"), &strings(&["project:write"]), None))
            .unwrap();
        assert!(created.token.starts_with(SECRET_PREFIX));
        assert_eq!(created.token.len(), SECRET_PREFIX.len() + 2 * SECRET_BYTES);
        assert_eq!(created.scopes, strings(&["project:write"]));
        assert_eq!(created.date_created, env.now_text());

        let token = store
            .write(|tx| authenticate(tx, &created.token, NOW))
            .unwrap()
            .unwrap();
        assert_eq!(token.id, created.id);
        assert_eq!(token.name.as_deref(), Some("ci"));
        assert_eq!(token.scopes, created.scopes);
        assert_eq!(token.date_created, created.date_created);
    }

    #[test]
    fn two_tokens_get_different_secrets() {
        let (_dir, mut store) = new_store();
        let env = env_at(1_700_000_000);
        let a = store.write(|tx| create(tx, &env, None, &[], None)).unwrap();
        let b = store.write(|tx| create(tx, &env, None, &[], None)).unwrap();
        assert_ne!(a.token, b.token);
        assert_ne!(a.id, b.id);
    }

    #[test]
    fn a_wrong_secret_is_refused() {
        let (_dir, mut store) = new_store();
        let env = env_at(1_700_000_000);
        let created = store.write(|tx| create(tx, &env, None, &[], None)).unwrap();
        // The same secret with its last digit changed.
        let mut wrong = created.token.clone();
        let last = wrong.pop().unwrap();
        wrong.push(if last == '0' { '1' } else { '0' });
        for presented in [wrong.as_str(), "", "relctl_", "not-a-token"] {
            let found = store.write(|tx| authenticate(tx, presented, NOW)).unwrap();
            assert_eq!(found, None, "{presented:?}");
        }
        // A refused attempt does not count as a use.
        let tokens = store.read(list).unwrap();
        assert_eq!(tokens[0].last_used, None);
    }

    #[test]
    fn a_revoked_token_is_refused_and_cannot_be_revoked_twice() {
        let (_dir, mut store) = new_store();
        let env = env_at(1_700_000_000);
        let created = store.write(|tx| create(tx, &env, None, &[], None)).unwrap();
        store.write(|tx| revoke(tx, created.id)).unwrap();
        let found = store
            .write(|tx| authenticate(tx, &created.token, NOW))
            .unwrap();
        assert_eq!(found, None);
        assert!(store.read(list).unwrap().is_empty());
        let err = store.write(|tx| revoke(tx, created.id)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotFound);
    }

    #[test]
    fn only_the_hash_of_the_secret_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("relctl.db");
        let mut store = Store::open(&path).unwrap();
        let env = env_at(1_700_000_000);
        let created = store
            .write(|tx| create(tx, &env, Some("deploy bot"), &[], None))
            .unwrap();
        let random_part = &created.token[SECRET_PREFIX.len()..];

        let columns: Vec<Option<String>> = store
            .read(|tx| {
                Ok(tx.query_one(
                    "SELECT CAST(id AS TEXT), name, token_hash, scopes, date_created, last_used
                     FROM api_token WHERE id = ?1",
                    crate::store::sql::params![created.id],
                    |row| (0..6).map(|i| row.get(i)).collect(),
                )?)
            })
            .unwrap();
        for value in columns.iter().flatten() {
            assert!(!value.contains(random_part), "secret stored in {value:?}");
        }
        let stored_hash = columns[2].clone().unwrap();
        assert_eq!(stored_hash.len(), 64);
        assert!(stored_hash.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(stored_hash, hash_secret(&created.token));
        assert_ne!(stored_hash, hash_secret(random_part));

        // Nor is it anywhere in the store's files.
        drop(store);
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let haystack = String::from_utf8_lossy(&bytes);
            assert!(!haystack.contains(random_part));
        }
    }

    #[test]
    fn unknown_scopes_are_refused_by_name_and_nothing_is_stored() {
        let (_dir, mut store) = new_store();
        let env = env_at(1_700_000_000);
        let err = store
            .write(|tx| {
                create(
                    tx,
                    &env,
                    None,
                    &strings(&["org:read", "project:deploy"]),
                    None,
                )
            })
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Usage);
        assert!(
            err.message.contains("\"project:deploy\""),
            "{}",
            err.message
        );
        for scope in SCOPES {
            assert!(err.message.contains(scope), "{}", err.message);
        }
        assert!(store.read(list).unwrap().is_empty());
    }

    #[test]
    fn scopes_default_and_repeats_are_dropped_in_order() {
        let (_dir, mut store) = new_store();
        let env = env_at(1_700_000_000);
        let default = store.write(|tx| create(tx, &env, None, &[], None)).unwrap();
        assert_eq!(default.scopes, strings(&["project:releases", "org:read"]));
        let repeated = store
            .write(|tx| {
                create(
                    tx,
                    &env,
                    None,
                    &strings(&["event:read", "org:read", "event:read", "org:ci", "org:read"]),
                    None,
                )
            })
            .unwrap();
        assert_eq!(
            repeated.scopes,
            strings(&["event:read", "org:read", "org:ci"])
        );
        let listed = store.read(list).unwrap();
        assert_eq!(listed[1].scopes, repeated.scopes);
    }

    #[test]
    fn list_is_oldest_first_and_shows_last_use() {
        let (_dir, mut store) = new_store();
        let first = store
            .write(|tx| create(tx, &env_at(1_700_000_000), Some("first"), &[], None))
            .unwrap();
        let second = store
            .write(|tx| create(tx, &env_at(1_700_000_100), Some("second"), &[], None))
            .unwrap();
        let before = store.read(list).unwrap();
        assert_eq!(
            before.iter().map(|t| t.id).collect::<Vec<_>>(),
            vec![first.id, second.id]
        );
        assert_eq!(before[0].last_used, None);
        assert_eq!(before[1].last_used, None);

        let token = store
            .write(|tx| authenticate(tx, &second.token, NOW))
            .unwrap()
            .unwrap();
        assert_eq!(token.last_used.as_deref(), Some(NOW));
        let later = "2026-03-05T00:00:00.000000Z";
        store
            .write(|tx| authenticate(tx, &second.token, later))
            .unwrap()
            .unwrap();
        let after = store.read(list).unwrap();
        assert_eq!(after[0].last_used, None);
        assert_eq!(after[1].last_used.as_deref(), Some(later));
    }

    #[test]
    fn scopes_imply_their_lower_levels() {
        let admin = token_with(&["project:admin"]);
        for needed in [
            "project:admin",
            "project:write",
            "project:read",
            "project:releases",
        ] {
            assert!(has_scope(&admin, needed), "{needed}");
        }
        assert!(!has_scope(&admin, "org:read"));
        assert!(!has_scope(&admin, "event:read"));

        let write = token_with(&["event:write"]);
        assert!(has_scope(&write, "event:read"));
        assert!(has_scope(&write, "event:write"));
        assert!(!has_scope(&write, "event:admin"));

        let read = token_with(&["project:read"]);
        assert!(has_scope(&read, "project:read"));
        assert!(!has_scope(&read, "project:write"));
        assert!(!has_scope(&read, "project:releases"));

        let org_admin = token_with(&["org:admin"]);
        for needed in ["org:read", "org:write", "org:integrations"] {
            assert!(has_scope(&org_admin, needed), "{needed}");
        }

        let members = token_with(&["member:write"]);
        assert!(has_scope(&members, "member:read"));
        assert!(has_scope(&members, "member:invite"));
        assert!(!has_scope(&members, "member:admin"));

        let alerts = token_with(&["alerts:write"]);
        assert!(has_scope(&alerts, "alerts:read"));
    }

    #[test]
    fn releases_are_allowed_by_releases_write_admin_and_ci() {
        for granted in [
            "project:releases",
            "project:write",
            "project:admin",
            "org:ci",
        ] {
            assert!(
                has_scope(&token_with(&[granted]), "project:releases"),
                "{granted}"
            );
        }
        let ci = token_with(&["org:ci"]);
        assert!(!has_scope(&ci, "project:write"));
        assert!(!has_scope(&ci, "org:read"));
        let releases = token_with(&["project:releases"]);
        assert!(!has_scope(&releases, "project:read"));
        assert!(!has_scope(&token_with(&[]), "org:read"));
    }

    #[test]
    fn the_implication_table_names_only_known_scopes() {
        for (scope, implied) in IMPLIED {
            assert!(SCOPES.contains(scope), "{scope}");
            for other in *implied {
                assert!(SCOPES.contains(other), "{other}");
            }
        }
        for scope in DEFAULT_SCOPES {
            assert!(SCOPES.contains(scope), "{scope}");
        }
    }

    #[test]
    fn constant_time_eq_compares_whole_inputs() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"xbc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
