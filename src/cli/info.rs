//! `relctl info` (sentry-cli's `info`): the target, whether it takes the token, and its
//! scopes; exit 6 when it does not. `ops::info` finds it out; this file prints it, in
//! sentry-cli's lines for people, `--format json` for scripts, or sentry-cli's
//! `--config-status-json` document.

use clap::Args;

use super::Ctx;
use crate::error::Result;
use crate::ops::info::{self, TargetInfo};

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// sentry-cli's status document ({config, auth: {type, successful}, have_dsn}); exit 0
    /// whether the token works or not
    #[arg(long)]
    pub config_status_json: bool,
    /// Leave out the default organization and project (sentry-cli's: check the token only)
    #[arg(long)]
    pub no_defaults: bool,
}

pub fn run(ctx: &Ctx, args: InfoArgs) -> Result<()> {
    let found = info::read(ctx.backend(), &ctx.settings, ctx.is_remote())?;
    if args.config_status_json {
        let mut text = serde_json::to_string_pretty(&info::config_status(&found.info))?;
        text.push('\n');
        return ctx.out.raw(&text);
    }
    ctx.out
        .emit(&found.info, |info| render(info, args.no_defaults))?;
    match found.failure {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// sentry-cli's lines (`Sentry Server:`, `Default Organization:`, ...); the local store in
/// place of the server.
fn render(info: &TargetInfo, no_defaults: bool) -> String {
    let mut text = match (&info.url, &info.store) {
        (Some(url), _) => format!("Sentry Server: {url}\n"),
        (None, Some(store)) => format!("Store: {store} (local)\n"),
        (None, None) => "Store: - (local)\n".to_string(),
    };
    if !no_defaults {
        text.push_str(&format!("Default Organization: {}\n", info.org));
        let project = info.projects.first().map_or("-", String::as_str);
        text.push_str(&format!("Default Project: {project}\n"));
    }
    text.push_str("\nAuthentication Info:\n");
    let method = match (info.target, info.auth.method) {
        ("local", _) => "none needed (local store)",
        (_, Some(_)) => "Auth Token",
        (_, None) => "Unauthorized",
    };
    text.push_str(&format!("  Method: {method}\n"));
    if let Some(user) = &info.auth.user {
        text.push_str(&format!("  User: {user}\n"));
    }
    if info.auth.successful && info.target != "local" {
        text.push_str("  Scopes:\n");
        for scope in &info.auth.scopes {
            text.push_str(&format!("    - {scope}\n"));
        }
    }
    text
}
