//! Which backend a command's requests go to (cli.md, Targets).
//!
//! A server URL (flag, environment or config) selects the remote backend; an explicit `--store`
//! on the command line selects the local store even when a URL comes from the environment or
//! config, so a CI job with `SENTRY_URL` exported can still use a local store on purpose.

use crate::backend::Backend;
use crate::backend::local::LocalBackend;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::output::Output;

/// The backend, and whether it is remote.
pub fn backend(
    settings: &Settings,
    store_flag_given: bool,
    out: &Output,
    verbose: u8,
) -> Result<(Box<dyn Backend>, bool)> {
    let _ = (out, verbose);
    match &settings.url {
        Some(url) if !store_flag_given => Err(Error::usage(format!(
            "remote target {} not available yet",
            url.source
        ))),
        _ => Ok((
            Box::new(LocalBackend::new(
                settings.store.value.clone(),
                settings.region_id.value,
            )),
            false,
        )),
    }
}
