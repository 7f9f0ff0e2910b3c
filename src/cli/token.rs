//! `relctl token`: API tokens for `relctl serve`, kept in the local store.
//!
//! A token's secret is shown once, at creation; the store keeps only its hash, so a lost token
//! is revoked and replaced, never recovered.

use clap::Subcommand;

use super::Ctx;
use crate::backend::CreateToken;
use crate::error::{Error, Result};
use crate::model;
use crate::output::{details, or_dash, table, when};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token; its secret is printed this once
    #[command(after_long_help = super::examples::TOKEN_CREATE)]
    Create {
        /// Scopes, by Sentry's names (repeatable or comma-separated; default project:releases,
        /// org:read), e.g. project:releases org:read project:admin event:write
        #[arg(long, value_name = "SCOPE", num_args = 1.., value_delimiter = ',')]
        scopes: Vec<String>,
        /// A name to recognise the token by (e.g. the CI system using it)
        #[arg(long)]
        name: Option<String>,
        /// Let the token act in every organization of the store (an instance-wide token);
        /// without it, the token acts only in the organization in effect (-o, else the default)
        #[arg(long)]
        all_organizations: bool,
    },
    /// List tokens: id, name, organization, scopes, created, last used (never the secret)
    #[command(after_long_help = super::examples::TOKEN_LIST)]
    List,
    /// Revoke a token by id
    #[command(after_long_help = super::examples::TOKEN_REVOKE)]
    Revoke {
        /// The id `token list` shows
        id: i64,
    },
}

pub fn run(ctx: &Ctx, cmd: TokenCommand) -> Result<()> {
    match cmd {
        TokenCommand::Create {
            scopes,
            name,
            all_organizations,
        } => create(ctx, scopes, name, all_organizations),
        TokenCommand::List => list(ctx),
        TokenCommand::Revoke { id } => revoke(ctx, id),
    }
}

/// `token create`: the secret is printed this once; a token whose secret could not be printed
/// is revoked again.
fn create(
    ctx: &Ctx,
    scopes: Vec<String>,
    name: Option<String>,
    all_organizations: bool,
) -> Result<()> {
    let given = !scopes.is_empty();
    let scopes: Vec<String> = scopes
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    // `--scopes ''` (an unset variable in a script) is not "the default scopes".
    if given && scopes.is_empty() {
        return Err(Error::usage(
            "--scopes names no scope; leave it out for the default (project:releases, org:read)",
        ));
    }
    let token = ctx.backend().create_token(&CreateToken {
        scopes,
        name,
        organization: (!all_organizations).then(|| ctx.org()),
    })?;
    let shown = ctx.out.emit(&token, |t: &model::NewToken| {
        details(&[
            ("id", t.id.to_string()),
            ("token", t.token.clone()),
            ("organization", acts_in(t.organization.as_deref(), true)),
            ("scopes", t.scopes.join(" ")),
        ])
    });
    // A secret nobody could see is a live token nobody can use or name: take it back.
    if let Err(err) = shown {
        return Err(match ctx.backend().revoke_token(token.id) {
            Ok(()) => Error::other(format!(
                "{err}; the token's secret could not be shown, so token {} was revoked again",
                token.id
            )),
            Err(revoke) => Error::other(format!(
                "{err}; the token's secret could not be shown, and revoking token {} failed ({revoke}): run `relctl token revoke {}`",
                token.id, token.id
            )),
        });
    }
    ctx.out.message(&format!(
        "Created token {}; copy its secret now, it is not shown again",
        token.id
    ));
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let tokens = ctx.backend().tokens()?;
    ctx.out.emit(&tokens, |tokens| {
        let rows: Vec<Vec<String>> = tokens
            .iter()
            .map(|t| {
                vec![
                    t.id.to_string(),
                    or_dash(t.name.as_deref()),
                    acts_in(t.organization.as_deref(), t.all_organizations),
                    t.scopes.join(" "),
                    when(&t.date_created),
                    when(&or_dash(t.last_used.as_deref())),
                ]
            })
            .collect();
        table(
            &[
                "ID",
                "NAME",
                "ORGANIZATION",
                "SCOPES",
                "CREATED",
                "LAST USED",
            ],
            &rows,
        )
    })
}

fn revoke(ctx: &Ctx, id: i64) -> Result<()> {
    ctx.backend().revoke_token(id)?;
    ctx.out.message(&format!("Revoked token {id}"));
    ctx.out
        .emit_written(&serde_json::json!({ "id": id, "revoked": true }), |_| {
            String::new()
        })
}

/// Where a token acts, as the tables say it: its organization, "all" (made for all of them), or
/// "unbound" (made before tokens were bound; it acts everywhere, as then).
fn acts_in(organization: Option<&str>, all: bool) -> String {
    match (organization, all) {
        (Some(slug), _) => slug.to_string(),
        (None, true) => "all".to_string(),
        (None, false) => "unbound (made before tokens were bound)".to_string(),
    }
}
